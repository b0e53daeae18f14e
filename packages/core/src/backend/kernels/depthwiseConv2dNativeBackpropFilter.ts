import * as tf from '@tensorflow/tfjs';
import { asTensor, paddedReadWindow } from './kernelTensors.ts';

/**
 * `DepthwiseConv2dNativeBackpropFilter` for backends that lack it (wasm).
 * dW[i,j,c,m] = Σ_{n,y,x} Xpad[n, y·s + i·d, x·s + j·d, c] · dy[n,y,x,c·M+m] (kh×kw×Cin×M).
 * One strided slice of the padded input per filter tap, multiplied by dy and reduced over
 * N, Ho, Wo: kh·kw vectorised multiply-reduce passes, no scalar loop.
 */
export const depthwiseConv2dNativeBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x, dy } = inputs as unknown as tf.DepthwiseConv2dNativeBackpropFilterInputs;
    const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
    return tf.tidy(() => {
      const x4 = asTensor(x, backend) as tf.Tensor4D;
      const dy4 = asTensor(dy, backend) as tf.Tensor4D;
      const info = tf.backend_util.computeConv2DInfo(x4.shape, filterShape, strides, dilations, pad, dimRoundingMode, true);
      const [kh, kw, cin, mult] = filterShape;
      const [n, ho, wo] = dy4.shape;
      const xWin = paddedReadWindow(x4, info);
      const dy5 = tf.reshape(dy4, [n, ho, wo, cin, mult]);
      const taps: tf.Tensor[] = [];
      for (let i = 0; i < kh; i++) {
        for (let j = 0; j < kw; j++) {
          const y0 = i * info.dilationHeight, x0 = j * info.dilationWidth;
          const xs = tf.stridedSlice(xWin, [0, y0, x0, 0], [n, y0 + (ho - 1) * info.strideHeight + 1, x0 + (wo - 1) * info.strideWidth + 1, cin], [1, info.strideHeight, info.strideWidth, 1]);
          const prod = mult === 1 ? tf.mul(xs, dy4) : tf.mul(tf.reshape(xs, [n, ho, wo, cin, 1]), dy5);
          taps.push(tf.reshape(tf.sum(prod, [0, 1, 2]), [cin, mult]));
        }
      }
      return tf.reshape(tf.stack(taps), [kh, kw, cin, mult]);
    });
  },
};
