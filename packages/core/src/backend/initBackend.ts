import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { AurigError } from '../errors/AurigError.ts';

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
}

const require = createRequire(import.meta.url);
let current: Promise<BackendInfo> | undefined;

/** Directory holding the tfjs wasm binaries (`tfjs-backend-wasm*.wasm`). */
export function wasmDir(): string {
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
}

/**
 * Pick and start the tensor backend once per process and say which was picked.
 * Later calls return the same answer; pass `{ backend }` or set `AURIG_BACKEND` to force one.
 */
export function initBackend(options: BackendOptions = {}): Promise<BackendInfo> {
  current ??= pick(options.backend ?? envBackend());
  return current;
}

function envBackend(): BackendName | undefined {
  const v = process.env.AURIG_BACKEND;
  if (v === undefined || v === '') return undefined;
  if (v in BACKEND_NAMES) return v as BackendName;
  throw new AurigError('E_BACKEND', `AURIG_BACKEND=${v} is not a backend aurig knows; use one of ${Object.keys(BACKEND_NAMES).join(', ')}`, { value: v });
}

async function pick(forced: BackendName | undefined): Promise<BackendInfo> {
  const order: BackendName[] = forced ? [forced] : ['tensorflow', 'wasm', 'cpu'];
  const tried: string[] = [];
  for (const name of order) {
    try {
      if (await start(name)) return { name, reason: forced ? 'forced' : tried.length ? `fallback after ${tried.join('; ')}` : 'first choice' };
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
  } else if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(wasmDir());
  }
  const ok = await tf.setBackend(name);
  await tf.ready();
  return ok && tf.getBackend() === name;
}
