import * as tf from '@tensorflow/tfjs';
import { asTensor, upsampleZeros } from './kernelTensors.ts';

/**
 * `DepthwiseConv2dNativeBackpropInput` for backends that lack it (wasm).
 * dx[n,h,w,c] = Σ_m Σ_{i,j} dy[n,y,x,c·M+m] · W[i,j,c,m] where h = y·s + i·d − padTop: a full
 * correlation of the stride-upsampled dy with the spatially flipped filter. dy (Cin·M channels) is
 * upsampled with zeros (stride s), padded, run through one depthwise conv (multiplier 1, the same
 * dilation d) and its M channels per input channel are summed.
 */
export const depthwiseConv2dNativeBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs, backend }) => {
    const { dy, filter } = inputs as unknown as tf.DepthwiseConv2dNativeBackpropInputInputs;
    const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
    return tf.tidy(() => {
      const dy4 = asTensor(dy, backend) as tf.Tensor4D;
      const w = asTensor(filter, backend) as tf.Tensor4D; // kh × kw × Cin × M
      const info = tf.backend_util.computeConv2DInfo(inputShape, w.shape, strides, dilations, pad, dimRoundingMode, true);
      const n = dy4.shape[0];
      const [kh, kw, cin, mult] = w.shape;
      const up = upsampleZeros(dy4, info.strideHeight, info.strideWidth);
      const full = padForFullCorrelation(up, info);
      const flipped = tf.reshape(tf.reverse(w, [0, 1]), [kh, kw, cin * mult, 1]) as tf.Tensor4D;
      const d: [number, number] = [info.dilationHeight, info.dilationWidth];
      const dxm = tf.depthwiseConv2d(full, flipped, 1, 'valid', 'NHWC', d); // N × H × W × Cin·M
      if (mult === 1) return dxm;
      return tf.sum(tf.reshape(dxm, [n, info.inHeight, info.inWidth, cin, mult]), 4);
    });
  },
};

/** Pad (or crop) the upsampled dy so a valid correlation with the dilated filter yields H × W. */
function padForFullCorrelation(up: tf.Tensor4D, info: tf.backend_util.Conv2DInfo): tf.Tensor4D {
  const side = (len: number, inLen: number, before: number, eff: number): [number, number, number] => {
    const lead = eff - 1 - before; // ≥ 0 for every padding tfjs computes
    const trail = inLen + eff - 1 - lead - len;
    return [Math.max(0, lead), Math.max(0, trail), Math.min(0, trail)];
  };
  const [t, b, cropH] = side(up.shape[1], info.inHeight, info.padInfo.top, info.effectiveFilterHeight);
  const [l, r, cropW] = side(up.shape[2], info.inWidth, info.padInfo.left, info.effectiveFilterWidth);
  let out = tf.pad(up, [[0, 0], [t, b], [l, r], [0, 0]]);
  if (cropH < 0 || cropW < 0) out = tf.slice(out, [0, 0, 0, 0], [-1, out.shape[1] + cropH, out.shape[2] + cropW, -1]);
  return out;
}
