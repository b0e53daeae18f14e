import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend, createDefaultFaceModel, resolveAufartConfig, AU_NAMES, VTX68 } from '@aurig/core';
import { buildTokenLayout } from '../src/aufart/buildTokenLayout.ts';
import { landmarkDecoder } from '../src/aufart/train/landmarkDecoder.ts';
import { trainAufart } from '../src/aufart/train/trainAufart.ts';
import { sampleAus, PRESENCE_THRESHOLD, DEFAULT_AU_SAMPLER } from '../src/aufart/train/sampleAus.ts';
import { createRng } from '../src/aufart/rng.ts';

await initBackend();

test('AU sampler: co-occurrence (AU06 with AU12, AU01 with AU02), sparse, neutral faces, seeded', () => {
  const rng = createRng(5), names: string[] = [...AU_NAMES], expr = createDefaultFaceModel().exprNames;
  let n12 = 0, n6and12 = 0, n1 = 0, n1and2 = 0, neutral = 0, active = 0;
  const i = (a: string) => names.indexOf(a);
  for (let k = 0; k < 3000; k++) {
    const s = sampleAus(rng, names, expr);
    const on = (a: string) => s.intensity[i(a)] >= PRESENCE_THRESHOLD;
    if (on('AU12')) { n12++; if (on('AU06')) n6and12++; }
    if (on('AU01')) { n1++; if (on('AU02')) n1and2++; }
    const c = s.presence.reduce((a, b) => a + b, 0);
    active += c; if (c === 0) neutral++;
  }
  assert.ok(n6and12 / n12 > 0.4, `P(AU06|AU12) = ${n6and12 / n12}`);
  assert.ok(n1and2 / n1 > 0.4, `P(AU02|AU01) = ${n1and2 / n1}`);
  assert.ok(neutral / 3000 > 0.1 && active / 3000 < 5, `neutral ${neutral / 3000}, mean active ${active / 3000}`);
  assert.deepEqual(sampleAus(createRng(9), names, expr).psi, sampleAus(createRng(9), names, expr).psi);
});

test('AU sampler: with jawPartsLips every jaw opening (AU26, AU27) comes with AU25 about as strong; without, some do not', () => {
  const names: string[] = [...AU_NAMES], expr = createDefaultFaceModel().exprNames;
  const i = (a: string) => names.indexOf(a);
  const count = (jawPartsLips: boolean) => {
    const rng = createRng(11);
    let jaw = 0, without25 = 0, weaker25 = 0;
    for (let k = 0; k < 2000; k++) {
      const s = sampleAus(rng, names, expr, { ...DEFAULT_AU_SAMPLER, jawPartsLips });
      const j = Math.max(s.intensity[i('AU26')], s.intensity[i('AU27')]);
      if (j < PRESENCE_THRESHOLD) continue;
      jaw++;
      if (!s.presence[i('AU25')]) without25++;
      // The rule acts before each side's asymmetry jitter (σ 0.15), which can lift the jaw's label a little above AU25's.
      if (s.intensity[i('AU25')] < 0.6 * j) weaker25++;
      // ψ follows the label: the face is drawn with its lips parted by AU25 too.
      if (jawPartsLips) assert.ok(s.psi[expr.indexOf('AU25')] >= 0.6 * j, `psi AU25 ${s.psi[expr.indexOf('AU25')]}, jaw ${j}`);
    }
    return { jaw, without25, weaker25 };
  };
  const off = count(false), on = count(true);
  assert.ok(off.jaw > 200 && on.jaw > 200, `jaw openings ${off.jaw}, ${on.jaw}`);
  assert.ok(off.without25 > 20, `without the rule ${off.without25} jaw openings lack AU25`);
  assert.equal(on.without25, 0);
  assert.equal(on.weaker25, 0);
  assert.ok(off.weaker25 > 20, `without the rule ${off.weaker25} jaw openings have a weaker AU25`);
});

test('a tiny seeded AUFART overfits synthetic faces (loss drops)', async () => {
  const model = createDefaultFaceModel();
  const config = resolveAufartConfig({ width: 16, depth: 1, heads: 2, mlpHidden: 32, regHidden: 32, auPoints: 16, regions: 4, regionPoints: 32 });
  // Stand-in masks: each AU on a band of landmarks (the test needs no AU catalogue).
  const auMasks = Object.fromEntries(AU_NAMES.map((a, k) => [a, Float32Array.from({ length: 468 }, (_, i) => ((i + k * 21) % 468 < 40 ? 1 : 0))]));
  const layout = buildTokenLayout({ model, auNames: AU_NAMES, auMasks, nShape: 8 }, config, 1);
  const configural = (lm: tf.Tensor3D) => tf.norm(lm.slice([0, 17, 0], [lm.shape[0], 23, 2]).sub(lm.slice([0, 36, 0], [lm.shape[0], 23, 2])), 'euclidean', 2) as tf.Tensor2D;
  const logs: Record<string, number>[] = [];
  const m = await trainAufart(
    { config, layout, decode: landmarkDecoder(model), nShapeModel: model.numShape, auGroups: AU_NAMES.map((_, k) => [k * 10, k * 10 + 1]), vtx68: VTX68, configural },
    { steps: 40, batch: 8, learningRate: 3e-3, seed: 3, logEvery: 10, onLog: (_s, t) => logs.push({ ...t, total: Object.values(t).reduce((a, b) => a + b, 0) }) },
  );
  for (const l of logs) for (const v of Object.values(l)) assert.ok(Number.isFinite(v));
  assert.ok(logs[logs.length - 1].rotation < logs[0].rotation, `rotation ${logs[0].rotation} → ${logs[logs.length - 1].rotation}`);
  assert.ok(logs[logs.length - 1].intensity < logs[0].intensity, `intensity ${logs[0].intensity} → ${logs[logs.length - 1].intensity}`);
  m.dispose();
});

test('self-supervised fine-tuning on unlabeled landmarks runs the AUFART losses only (finite, seeded)', async () => {
  const model = createDefaultFaceModel();
  const config = resolveAufartConfig({ width: 16, depth: 1, heads: 2, mlpHidden: 32, regHidden: 32, auPoints: 16, regions: 4, regionPoints: 32 });
  const auMasks = Object.fromEntries(AU_NAMES.map((a, k) => [a, Float32Array.from({ length: 468 }, (_, i) => ((i + k * 21) % 468 < 40 ? 1 : 0))]));
  const layout = buildTokenLayout({ model, auNames: AU_NAMES, auMasks, nShape: 8 }, config, 1);
  // "Real" frames: the neutral template seen frontally.
  const real = [1, 1.5, 2].map((s) => Float32Array.from({ length: 468 * 3 }, (_, j) => (j % 3 === 0 ? 320 + s * layout.template[j] : j % 3 === 1 ? 240 - s * layout.template[j] : -s * layout.template[j])));
  const logs: Record<string, number>[] = [];
  const m = await trainAufart(
    { config, layout, decode: landmarkDecoder(model), nShapeModel: model.numShape, auGroups: AU_NAMES.map((_, k) => [k * 10, k * 10 + 1]), vtx68: VTX68 },
    { steps: 6, batch: 3, seed: 2, real, logEvery: 3, onLog: (_s, t) => logs.push(t) },
  );
  assert.ok(logs.length === 2 && !('psi' in logs[0]), 'no supervised terms on real frames');
  for (const l of logs) for (const v of Object.values(l)) assert.ok(Number.isFinite(v));
  m.dispose();
});
