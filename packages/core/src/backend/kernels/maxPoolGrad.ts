import * as tf from '@tensorflow/tfjs';
import { asTensor, paddedReadWindow, upsampleZeros } from './kernelTensors.ts';

/**
 * `MaxPoolGrad` replacing the native wasm one, which is wrong when a window's maximum is
 * negative (tfjs-backend-wasm 4.22: the gradient of a window of all-negative values goes to the
 * wrong cell or is lost; the cpu backend and TensorFlow are right).
 * dx gets dy at the first maximum of each window in row-major scan order, as TensorFlow does.
 * Per filter tap: one strided slice of the (−∞ padded) input, compared with the pooled output;
 * the taps that hit and are not yet claimed take dy, spread back onto the input grid.
 */
export const maxPoolGradConfig: tf.KernelConfig = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { dy, input, output } = inputs as unknown as tf.MaxPoolGradInputs;
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
    return tf.tidy(() => {
      const x4 = asTensor(input, backend) as tf.Tensor4D;
      const y4 = asTensor(output, backend) as tf.Tensor4D;
      const dy4 = asTensor(dy, backend) as tf.Tensor4D;
      const info = tf.backend_util.computePool2DInfo(x4.shape, filterSize, strides, 1, pad, dimRoundingMode);
      const { strideHeight: sh, strideWidth: sw, outHeight: ho, outWidth: wo } = info;
      const xWin = paddedReadWindow(x4, info, -Infinity); // N × Hp × Wp × C
      const [n, hp, wp, c] = xWin.shape;
      const spanH = (ho - 1) * sh + 1, spanW = (wo - 1) * sw + 1;
      let unclaimed: tf.Tensor = tf.onesLike(dy4);
      let dxPad: tf.Tensor4D = tf.zeros([n, hp, wp, c]);
      for (let i = 0; i < info.filterHeight; i++) {
        for (let j = 0; j < info.filterWidth; j++) {
          const xs = tf.stridedSlice(xWin, [0, i, j, 0], [n, i + spanH, j + spanW, c], [1, sh, sw, 1]);
          const hit = tf.mul(tf.cast(tf.equal(xs, y4), 'float32'), unclaimed);
          unclaimed = tf.sub(unclaimed, hit);
          const spread = upsampleZeros(tf.mul(dy4, hit) as tf.Tensor4D, sh, sw);
          dxPad = tf.add(dxPad, tf.pad(spread, [[0, 0], [i, hp - i - spanH], [j, wp - j - spanW], [0, 0]]));
        }
      }
      const top = Math.max(0, info.padInfo.top), left = Math.max(0, info.padInfo.left);
      const h = Math.min(info.inHeight, hp - top), w = Math.min(info.inWidth, wp - left);
      const dx = tf.slice(dxPad, [0, top, left, 0], [-1, h, w, -1]);
      if (h === info.inHeight && w === info.inWidth) return dx;
      // Rows/columns the windows never read (valid padding) get no gradient.
      return tf.pad(dx, [[0, 0], [0, info.inHeight - h], [0, info.inWidth - w], [0, 0]]);
    });
  },
};
