import { SIMD_DENSE_WASM_BASE64 } from './simdDenseBytes.ts';

/** out = x·w + b on float32 views of one arena; offsets count floats; dout a multiple of 4. */
export type DenseKernel = (x: Float32Array, T: number, din: number, w: Float32Array, wOff: number, b: Float32Array | undefined, bOff: number, dout: number, out: Float32Array) => void;

/** Zeroed float32 buffers in the SIMD module's memory and that module's dense kernel over views of them. */
export interface SimdDense {
  /** One view per size asked for, each 16-byte aligned. */
  readonly buffers: Float32Array[];
  readonly dense: DenseKernel;
}

const PAGE = 65536;
let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly or its 128-bit SIMD is unavailable (compiled once per process). */
function simdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bin = atob(SIMD_DENSE_WASM_BASE64), bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    // Synchronous compile: the module is about 1 kB, under the browsers' main-thread limit for it (4 kB).
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

/** A fresh instance of the SIMD dense kernel: its own memory and the kernel over byte addresses in it (0 = no bias). */
export interface SimdDenseInstance {
  readonly memory: WebAssembly.Memory;
  readonly dense: (x: number, T: number, din: number, w: number, b: number, dout: number, out: number) => void;
}

/** A new instance of the compiled module, or null where it cannot run. */
export function instantiateSimdDense(): SimdDenseInstance | null {
  const mod = simdModule();
  if (!mod) return null;
  const instance = new WebAssembly.Instance(mod, {});
  return { memory: instance.exports.memory as WebAssembly.Memory, dense: instance.exports.dense as SimdDenseInstance['dense'] };
}

/** Grow `memory` so that it holds at least `bytes`. */
export function ensureSimdMemory(memory: WebAssembly.Memory, bytes: number): void {
  const pages = Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE;
  if (pages > 0) memory.grow(pages);
}

/**
 * An instance of the SIMD dense kernel (`simdDense.wat`) with one buffer per entry of `sizes` (floats), or null where
 * it cannot run (the caller then keeps its plain JS loops). Each instance owns its memory, so users do not share scratch.
 */
export function createSimdDense(sizes: readonly number[]): SimdDense | null {
  const inst = instantiateSimdDense();
  if (!inst) return null;
  const { memory, dense: kernel } = inst;
  // Address 0 means "no bias" to the kernel, so the buffers start at 16; each is rounded up to 16 bytes.
  const offsets: number[] = [];
  let top = 16;
  for (const n of sizes) { offsets.push(top); top += 16 * Math.ceil(n / 4); }
  ensureSimdMemory(memory, top);
  const buffer = memory.buffer;
  return {
    buffers: sizes.map((n, i) => new Float32Array(buffer, offsets[i], n)),
    dense(x, T, din, w, wOff, b, bOff, dout, out) {
      kernel(x.byteOffset, T, din, w.byteOffset + 4 * wOff, b ? b.byteOffset + 4 * bOff : 0, dout, out.byteOffset);
    },
  };
}
