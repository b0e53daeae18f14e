// Bench section: the AUFART regressor per face after the landmarks are known (alignment, token
// features, Eq. 3–6 forward, decoding, identity/camera refit), on one core: aurig's host fast path against the same network
// run through tfjs ops (wasm), one process, same inputs; and the appearance evidence (the expression classifiers: Human's
// on a 64 × 64 grey crop of the face box, face-api's on a 112-px crop of the 68 landmarks' box), which the analyzer runs
// per face as well.
import * as tf from '@tensorflow/tfjs';
import { initBackend, loadAufartModel, AufartRegressor, loadAppearanceClassifier, APPEARANCE_MODELS, type DetectedFace, aufartForward, alignLandmarks, allocateFeatureBatch, writeAufartFeatures, createRng, MESH_POINTS } from '@aurig/core';
import type { SectionResult } from '../lib/sections.ts';

export const name = 'aufart';

const RUNS = 400;
/** Enough calls for V8 to optimise the host path (the refit's loops are still being tiered up after 20). */
const WARMUP = 300;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Landmarks of the model's template seen frontally at 2 px/mm with a little jitter. */
function faceLandmarks(template: Float32Array, seed: number): Float32Array {
  const rng = createRng(seed), lm = new Float32Array(MESH_POINTS * 3);
  for (let i = 0; i < MESH_POINTS; i++) {
    lm[i * 3] = 320 + 2 * template[i * 3] + rng.normal() * 0.5;
    lm[i * 3 + 1] = 240 - 2 * template[i * 3 + 1] + rng.normal() * 0.5;
    lm[i * 3 + 2] = -2 * template[i * 3 + 2];
  }
  return lm;
}

export async function run(): Promise<SectionResult> {
  await initBackend({ backend: 'wasm' });
  // AURIG_AUFART_MODEL=DIR times a checkpoint instead of the shipped weights (as the eval does).
  const model = await loadAufartModel(process.env.AURIG_AUFART_MODEL || undefined);
  const reg = new AufartRegressor(model), plain = new AufartRegressor(model, { faceModel: null });
  const faces = Array.from({ length: 16 }, (_, k) => faceLandmarks(model.layout.template, k + 1));
  for (let i = 0; i < WARMUP; i++) { reg.predict(faces[i % faces.length]); plain.predict(faces[i % faces.length]); }
  // Alternated, so that both see the same machine state.
  const host: number[] = [], network: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    reg.predict(faces[i % faces.length]);
    host.push(performance.now() - t0);
    t0 = performance.now();
    plain.predict(faces[i % faces.length]);
    network.push(performance.now() - t0);
  }
  // The appearance classifiers on a 640 × 480 frame, a 200-px face (their cost does not depend on the pixels).
  const frame = { width: 640, height: 480, data: Uint8Array.from({ length: 640 * 480 * 3 }, (_, i) => (i * 7) & 255) };
  const appearanceMs: Record<string, number> = {};
  for (const models of [APPEARANCE_MODELS, ...APPEARANCE_MODELS.map((m) => [m])]) {
    const c = await loadAppearanceClassifier(models);
    const ms: number[] = [];
    for (let i = 0; i < 260; i++) {
      const box = { x: 200 + (i % 16), y: 120, width: 200, height: 220 };
      const landmarks68 = Float32Array.from({ length: 136 }, (_, k) => (k % 2 ? box.y + ((k * 37) % 220) : box.x + ((k * 53) % 200)));
      const t0 = performance.now();
      c.classify(frame, { box, landmarks68 } as unknown as DetectedFace);
      if (i >= 60) ms.push(performance.now() - t0);
    }
    c.dispose();
    appearanceMs[models.join('+')] = median(ms);
  }
  // The same network through tfjs ops, batch of 1.
  const { config, layout } = model;
  const fb = allocateFeatureBatch(1, layout, config);
  const sizes = { expr: layout.exprNames.length, shape: layout.nShape, exprAu: layout.exprAu };
  const tensorMs: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    writeAufartFeatures(alignLandmarks(faces[i % faces.length], layout.template, layout.rigidIndex), layout, config, fb, 0);
    const o = aufartForward(model.weights, {
      au: tf.tensor3d(fb.au, [1, layout.auNames.length, config.auPoints * 3]),
      region: tf.tensor3d(fb.region, [1, config.regions, config.regionPoints * 3]),
      pose: tf.tensor2d(fb.pose, [1, fb.pose.length]),
    }, config, sizes);
    o.psi.dataSync(); o.auIntensity.dataSync();
    tf.dispose(Object.values(o));
    if (i >= 10) tensorMs.push(performance.now() - t0);
  }
  model.dispose();
  const h = median(host), t = median(tensorMs);
  return {
    figures: {
      msPerFace: { value: h, unit: 'ms', target: '<= 3' },
      appearanceMsPerFace: { value: appearanceMs[APPEARANCE_MODELS.join('+')]!, unit: 'ms' },
      ...Object.fromEntries(APPEARANCE_MODELS.map((m) => [`appearanceMsPerFace_${m}`, { value: appearanceMs[m]!, unit: 'ms' }])),
      withAppearanceMsPerFace: { value: h + appearanceMs[APPEARANCE_MODELS.join('+')]!, unit: 'ms' },
      networkOnlyMsPerFace: { value: median(network), unit: 'ms' },
      tfjsWasmMsPerFace: { value: t, unit: 'ms' },
      speedupOverTfjs: { value: t / h, unit: 'x' },
    },
    details: { runs: RUNS, config, tokens: layout.auNames.length, backendForTensorPath: tf.getBackend() },
  };
}
