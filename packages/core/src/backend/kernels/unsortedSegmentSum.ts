import * as tf from '@tensorflow/tfjs';
import { asTensor } from './kernelTensors.ts';

/**
 * `UnsortedSegmentSum` for backends that lack it (wasm); the gradient of `gather`.
 * out[s, …] = Σ_{k: ids[k] = s} x[k, …], S × rest. Built on the backend's native ScatterNd, which
 * adds up updates that hit the same row, so it costs O(K·rest) whatever S is. Ids outside
 * [0, S) are dropped, as in TensorFlow: their rows are zeroed and sent to row 0.
 */
export const unsortedSegmentSumConfig: tf.KernelConfig = {
  kernelName: tf.UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x, segmentIds } = inputs as unknown as tf.UnsortedSegmentSumInputs;
    const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
    return tf.tidy(() => {
      const xt = asTensor(x, backend);
      const idsNd = asTensor(segmentIds, backend);
      const ids = tf.reshape(idsNd, [-1]);
      const k = ids.shape[0];
      const rest = xt.shape.slice(idsNd.rank);
      const rows = tf.reshape(xt, [k, ...rest]);
      const valid = tf.logicalAnd(tf.greaterEqual(ids, 0), tf.less(ids, numSegments));
      const safeIds = tf.where(valid, ids, tf.zerosLike(ids));
      const mask = tf.reshape(tf.cast(valid, xt.dtype), [k, ...rest.map(() => 1)]);
      const updates = tf.mul(rows, mask);
      return tf.scatterND(tf.reshape(safeIds, [k, 1]), updates, [numSegments, ...rest]);
    });
  },
};
