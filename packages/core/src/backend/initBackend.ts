import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { AurigError } from '../errors/AurigError.ts';
import { registerWasmTrainingKernels } from './registerWasmTrainingKernels.ts';

/** The tensor backends aurig can run on, in order of preference. */
export const BACKEND_NAMES = { tensorflow: 'tensorflow', wasm: 'wasm', cpu: 'cpu' } as const;
export type BackendName = (typeof BACKEND_NAMES)[keyof typeof BACKEND_NAMES];

export interface BackendOptions {
  /** Force one backend. Default: `process.env.AURIG_BACKEND`, else the first that loads of tensorflow (CUDA), wasm, cpu. */
  readonly backend?: BackendName;
}

export interface BackendInfo {
  readonly name: BackendName;
  /** Why this backend was chosen and what was tried before it. */
  readonly reason: string;
  /** wasm only: the SIMD build of the wasm binary runs. False on the other backends. */
  readonly simd: boolean;
  /**
   * Threads the backend's kernels use. wasm: 1 — tfjs-backend-wasm 4.22 disables its
   * threaded-SIMD build in Node (`WASM_HAS_MULTITHREAD_SUPPORT` is false under Node, and its
   * pthread workers are Blob URLs that Node's `worker_threads` cannot load, ERR_WORKER_PATH).
   * cpu: 1. tensorflow: the machine's logical cores (TensorFlow's own thread pool).
   */
  readonly threads: number;
  /** Gradient kernels aurig registered because the backend lacks them (wasm), else empty. */
  readonly trainingKernels: readonly string[];
}

const require = createRequire(import.meta.url);
let current: Promise<BackendInfo> | undefined;

/** Directory holding the tfjs wasm binaries (`tfjs-backend-wasm*.wasm`). */
export function wasmDir(): string {
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
}

/**
 * Pick and start the tensor backend once per process and say which was picked.
 * Later calls return the same answer; pass `{ backend }` or set `AURIG_BACKEND` to force one
 * (a forced backend other than the current one switches to it).
 */
export async function initBackend(options: BackendOptions = {}): Promise<BackendInfo> {
  const forced = options.backend !== undefined ? checkName(options.backend, 'options.backend') : envBackend();
  if (current !== undefined) {
    const info = await current.catch(() => undefined);
    if (info !== undefined && (forced === undefined || forced === info.name)) {
      if (tf.getBackend() !== info.name) await tf.setBackend(info.name);
      return info;
    }
  }
  current = pick(forced);
  return current;
}

function checkName(v: string, where: string): BackendName {
  if (Object.hasOwn(BACKEND_NAMES, v)) return v as BackendName;
  throw new AurigError('E_BACKEND', `${where}=${v} is not a backend aurig knows; use one of ${Object.keys(BACKEND_NAMES).join(', ')}`, { value: v });
}

function envBackend(): BackendName | undefined {
  const v = process.env.AURIG_BACKEND;
  if (v === undefined || v === '') return undefined;
  return checkName(v, 'AURIG_BACKEND');
}

async function pick(forced: BackendName | undefined): Promise<BackendInfo> {
  const order: BackendName[] = forced ? [forced] : ['tensorflow', 'wasm', 'cpu'];
  const tried: string[] = [];
  for (const name of order) {
    try {
      if (await start(name)) {
        const reason = forced ? 'forced' : tried.length ? `fallback after ${tried.join('; ')}` : 'first choice';
        return { name, reason, ...(await describe(name)) };
      }
      tried.push(`${name}: did not start`);
    } catch (e) {
      tried.push(`${name}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  throw new AurigError('E_BACKEND', `no tensor backend could start (${tried.join('; ')})`);
}

async function start(name: BackendName): Promise<boolean> {
  if (name === 'tensorflow') {
    // Optional dependency: present and loadable only on CUDA machines.
    await import('@tensorflow/tfjs-node-gpu' as string);
  } else if (name === 'wasm' && tf.findBackend('wasm') === null) {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(wasmDir());
  }
  const ok = await tf.setBackend(name);
  await tf.ready();
  return ok && tf.getBackend() === name;
}

async function describe(name: BackendName): Promise<Pick<BackendInfo, 'simd' | 'threads' | 'trainingKernels'>> {
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const trainingKernels = registerWasmTrainingKernels();
    return { simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true, threads: wasm.getThreadsCount(), trainingKernels };
  }
  return { simd: false, threads: name === 'tensorflow' ? os.availableParallelism() : 1, trainingKernels: [] };
}
