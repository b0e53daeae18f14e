import * as tf from '@tensorflow/tfjs';

/**
 * A kernel's input as a `tf.Tensor` so that ops can run on it. Inputs that arrive as plain
 * `TensorInfo` (a kernel called from another kernel) get a new handle that holds its own
 * reference on the backend data, so disposing the handle never frees the caller's data.
 */
export function asTensor(info: tf.TensorInfo | undefined, backendArg: unknown): tf.Tensor {
  if (info === undefined) throw new Error('aurig wasm training kernel: a required input is missing');
  if (info instanceof tf.Tensor) return info;
  const backend = backendArg as tf.KernelBackend; // kernel functions receive it typed `{}`
  backend.incRef(info.dataId);
  return tf.engine().makeTensorFromTensorInfo(info, backend);
}

/** Explicit `[[0,0],[top,bottom],[left,right],[0,0]]` padding of an NHWC conv from its conv info. */
export function nhwcPadding(info: tf.backend_util.Conv2DInfo): Array<[number, number]> {
  const p = info.padInfo;
  return [[0, 0], [Math.max(0, p.top), Math.max(0, p.bottom)], [Math.max(0, p.left), Math.max(0, p.right)], [0, 0]];
}

/**
 * Pad `x` (N×H×W×C) with the conv's padding (filled with `fill`) and cut it to exactly the rows
 * and columns the conv reads: `(out-1)·stride + (k-1)·dilation + 1` of each spatial side.
 */
export function paddedReadWindow(x: tf.Tensor4D, info: tf.backend_util.Conv2DInfo, fill = 0): tf.Tensor4D {
  const padded = tf.pad(x, nhwcPadding(info), fill);
  const h = (info.outHeight - 1) * info.strideHeight + info.effectiveFilterHeight;
  const w = (info.outWidth - 1) * info.strideWidth + info.effectiveFilterWidth;
  if (padded.shape[1] === h && padded.shape[2] === w) return padded;
  return tf.slice(padded, [0, 0, 0, 0], [-1, h, w, -1]);
}

/**
 * Spread `t` (N×H×W×C) on a stride grid: sample (y, x) lands at (y·sh, x·sw), zeros between;
 * the result is ((H−1)·sh+1) × ((W−1)·sw+1). Done with a pad of a 6-D view, no loop.
 */
export function upsampleZeros(t: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return t;
  const [n, h, w, c] = t.shape;
  const six = tf.pad(tf.reshape(t, [n, h, 1, w, 1, c]), [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]]);
  const dense = tf.reshape<tf.Rank.R4>(six, [n, h * sh, w * sw, c]);
  return tf.slice(dense, [0, 0, 0, 0], [-1, (h - 1) * sh + 1, (w - 1) * sw + 1, -1]);
}
