// Bench section: decoding a batch of 256 faces of the default face model (vertices + 468 and 68
// landmarks) with aurig's tfjs LBS on wasm (one thread), against the same LBS in plain float64
// JavaScript (lbsReference) and in tfjs on the cpu backend; one process, same inputs.
import * as tf from '@tensorflow/tfjs';
import { initBackend, createDefaultFaceModel, lbs, lbsReference, type FaceModel } from '@aurig/core';
import type { SectionResult } from '../lib/sections.ts';

export const name = 'facemodel';

const BATCH = 256;
const WARMUP = 8;
const RUNS = 40;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function params(m: FaceModel, seed: number) {
  let s = seed;
  const r = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32 - 0.5; };
  return {
    beta: Float32Array.from({ length: BATCH * m.numShape }, () => 2 * r()),
    psi: Float32Array.from({ length: BATCH * m.numExpression }, () => r() + 0.5),
    theta: Float32Array.from({ length: BATCH * 15 }, () => 0.3 * r()),
  };
}

/** Times (ms) of `runs` decodes of the batch on the current backend (vertices + landmarks read back). */
async function timeTf(m: FaceModel, p: ReturnType<typeof params>, warmup = WARMUP, runs = RUNS): Promise<number[]> {
  const args = { beta: tf.tensor2d(p.beta, [BATCH, m.numShape]), psi: tf.tensor2d(p.psi, [BATCH, m.numExpression]), theta: tf.tensor2d(p.theta, [BATCH, 15]) };
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now();
    const o = lbs(m, args);
    await Promise.all([o.vertices.data(), o.landmarks468.data(), o.landmarks68.data()]);
    if (i >= warmup) times.push(performance.now() - t0);
    tf.dispose([o.vertices, o.joints, o.landmarks468, o.landmarks68]);
  }
  tf.dispose(Object.values(args));
  return times;
}

export async function run(): Promise<SectionResult> {
  const info = await initBackend({ backend: 'wasm' });
  const m = createDefaultFaceModel();
  const p = params(m, 7);
  const wasm = await timeTf(m, p);
  const ref: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    lbsReference(m, { batch: BATCH, ...p });
    ref.push(performance.now() - t0);
  }
  await tf.setBackend('cpu');
  const cpu = await timeTf(m, p, 1, 5);
  await tf.setBackend(info.name);
  const mw = median(wasm);
  return {
    figures: {
      decode256Ms: { value: mw, unit: 'ms', target: '<= 20' },
      decode256P10Ms: { value: [...wasm].sort((a, b) => a - b)[Math.floor(RUNS / 10)], unit: 'ms' },
      perFaceUs: { value: (1000 * mw) / BATCH, unit: 'us' },
      speedupVsFloat64Js: { value: median(ref) / mw, unit: 'x' },
      speedupVsTfjsCpu: { value: median(cpu) / mw, unit: 'x' },
    },
    details: {
      backend: info.name, threads: (info as { threads?: number }).threads, batch: BATCH,
      vertices: m.numVertices, faces: m.numFaces, numShape: m.numShape, numExpression: m.numExpression,
      wasmMs: wasm.map((x) => +x.toFixed(2)), float64JsMs: ref.map((x) => +x.toFixed(1)), tfjsCpuMedianMs: +median(cpu).toFixed(2),
    },
  };
}
