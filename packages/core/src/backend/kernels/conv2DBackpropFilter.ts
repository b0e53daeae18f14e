import * as tf from '@tensorflow/tfjs';
import { asTensor, paddedReadWindow } from './kernelTensors.ts';

/**
 * `Conv2DBackpropFilter` for backends that lack it (wasm), built from ops the backend runs fast.
 * dW[i,j,ci,co] = Σ_{n,y,x} Xpad[n, y·s + i, x·s + j, ci] · dy[n,y,x,co] (kh×kw×Cin×Cout).
 * This is itself a convolution: with the batch and channel axes of X swapped (Cin×Hp×Wp×N) and
 * dy used as the filter (Ho×Wo×N×Cout) at dilation = stride, a stride-1 valid conv2d gives
 * Cin×kh×kw×Cout, so the whole gradient is one call of the backend's (XNNPACK) conv kernel.
 */
export const conv2DBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { x, dy } = inputs as unknown as tf.Conv2DBackpropFilterInputs;
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    return tf.tidy(() => {
      let x4 = asTensor(x, backend) as tf.Tensor4D;
      let dy4 = asTensor(dy, backend) as tf.Tensor4D;
      let nhwcPad = pad;
      if (dataFormat === 'NCHW') {
        x4 = tf.transpose(x4, [0, 2, 3, 1]);
        dy4 = tf.transpose(dy4, [0, 2, 3, 1]);
        if (Array.isArray(pad)) nhwcPad = [pad[0], pad[2], pad[3], pad[1]] as typeof pad; // explicit pads follow the layout
      }
      const info = tf.backend_util.computeConv2DInfo(x4.shape, filterShape, strides, 1, nhwcPad, dimRoundingMode);
      const xWin = paddedReadWindow(x4, info); // N × Hp × Wp × Cin
      const xT = tf.transpose(xWin, [3, 1, 2, 0]); // Cin × Hp × Wp × N
      const dyT = tf.transpose(dy4, [1, 2, 0, 3]); // Ho × Wo × N × Cout
      const dilation: [number, number] = [info.strideHeight, info.strideWidth];
      const dWt = tf.conv2d(xT, dyT, 1, 'valid', 'NHWC', dilation); // Cin × kh × kw × Cout
      return tf.transpose(dWt, [1, 2, 0, 3]);
    });
  },
};
