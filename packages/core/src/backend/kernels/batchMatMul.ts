import * as tf from '@tensorflow/tfjs';
import { instantiateSimdDense, ensureSimdMemory, type SimdDenseInstance } from '../../math/simdDense.ts';

/** What this kernel needs of the wasm backend (`BackendWasm` of tfjs-backend-wasm). */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

let simd: SimdDenseInstance | null | undefined;

/**
 * The `rows×cols` block of `src` at `off`, transposed when `transpose` (then `cols×rows`), written into `dst` from `at`
 * with `stride` floats between the starts of its rows; the columns between a row's end and the stride are not touched.
 */
function copyInto(src: Float32Array, off: number, rows: number, cols: number, transpose: boolean, dst: Float32Array, at: number, stride: number) {
  if (transpose) {
    for (let r = 0; r < rows; r++) {
      const s = off + r * cols;
      for (let c = 0; c < cols; c++) dst[at + c * stride + r] = src[s + c];
    }
  } else if (stride === cols) {
    dst.set(src.subarray(off, off + rows * cols), at);
  } else {
    for (let r = 0; r < rows; r++) dst.set(src.subarray(off + r * cols, off + (r + 1) * cols), at + r * stride);
  }
}

/**
 * `BatchMatMul` for the wasm backend on aurig's SIMD dense kernel (`math/simdDense.wat`). tfjs-backend-wasm 4.22
 * takes its fast (XNNPACK) path only for a single matrix pair without transposes and packs the weights anew for
 * every new right-hand tensor; a training step's matmuls (batched per-AU MLPs, attention, and every gradient,
 * which has a transpose) run its reference loop at about 0.5 GFLOP/s: three quarters of a step's time.
 * Each batch entry is copied (transposed where asked, columns padded to a multiple of 4) into the SIMD module's
 * memory, multiplied there and copied out. Broadcasting of the batch dimensions is supported where one side has a
 * single matrix or both have the same batch shape; other cases, non-float inputs and engines without 128-bit SIMD
 * use the native kernel.
 */
export function batchMatMulConfig(native: tf.KernelConfig): tf.KernelConfig {
  return {
    kernelName: tf.BatchMatMul,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { a, b } = args.inputs as unknown as { a: tf.TensorInfo; b: tf.TensorInfo };
      const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
      const ra = a.shape.length, rb = b.shape.length;
      const batchShapeA = a.shape.slice(0, -2), batchShapeB = b.shape.slice(0, -2);
      const batchA = tf.util.sizeFromShape(batchShapeA), batchB = tf.util.sizeFromShape(batchShapeB);
      const sameBatch = batchShapeA.length === batchShapeB.length && batchShapeA.every((d, i) => d === batchShapeB[i]);
      if (simd === undefined) simd = instantiateSimdDense();
      const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2], k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
      const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
      if (!simd || a.dtype !== 'float32' || b.dtype !== 'float32' || !(sameBatch || batchA === 1 || batchB === 1) || m * k * n === 0) {
        return native.kernelFunc(args);
      }
      const outBatchShape = tf.backend_util.assertAndGetBroadcastShape(batchShapeA, batchShapeB);
      const batch = Math.max(batchA, batchB), nPad = Math.ceil(n / 4) * 4;
      const backend = args.backend as unknown as WasmHeapBackend;
      const out = backend.makeOutput([...outBatchShape, m, n], 'float32');
      // Views after the output's allocation: allocating may grow (and so detach) the wasm heap.
      const av = backend.typedArrayFromHeap(a), bv = backend.typedArrayFromHeap(b), ov = backend.typedArrayFromHeap(out);
      // Scratch: x (m×k) at 16 (address 0 means "no bias"), w (k×nPad), y (m×nPad), each 16-byte aligned.
      const xAt = 4, wAt = xAt + Math.ceil((m * k) / 4) * 4, yAt = wAt + Math.ceil((k * nPad) / 4) * 4;
      ensureSimdMemory(simd.memory, 4 * (yAt + m * nPad));
      const heap = new Float32Array(simd.memory.buffer);
      // w's pad columns: zeroed once here; the copies below write only the first n columns of each row.
      if (nPad !== n) heap.fill(0, wAt, wAt + k * nPad);
      for (let i = 0; i < batch; i++) {
        const ia = batchA === 1 ? 0 : i, ib = batchB === 1 ? 0 : i;
        if (i === 0 || batchA > 1) copyInto(av, ia * m * k, transposeA ? k : m, transposeA ? m : k, transposeA, heap, xAt, k);
        if (i === 0 || batchB > 1) copyInto(bv, ib * k * n, transposeB ? n : k, transposeB ? k : n, transposeB, heap, wAt, nPad);
        simd.dense(4 * xAt, m, k, 4 * wAt, 0, nPad, 4 * yAt);
        if (nPad === n) ov.set(heap.subarray(yAt, yAt + m * n), i * m * n);
        else for (let r = 0; r < m; r++) ov.set(heap.subarray(yAt + r * nPad, yAt + r * nPad + n), i * m * n + r * n);
      }
      return out;
    },
  };
}
