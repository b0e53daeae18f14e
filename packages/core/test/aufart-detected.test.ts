import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { initBackend, createDefaultFaceModel, resolveAufartConfig, AU_NAMES, VTX68, isAurigError } from '@aurig/core';
import { buildTokenLayout } from '../src/aufart/buildTokenLayout.ts';
import { landmarkDecoder } from '../src/aufart/train/landmarkDecoder.ts';
import { trainAufart } from '../src/aufart/train/trainAufart.ts';
import { saveDetectedSet, loadDetectedSet, codeLipsPartWithJaw, type DetectedSet } from '../src/aufart/train/detectedSet.ts';

await initBackend();

const model = createDefaultFaceModel();
const config = resolveAufartConfig({ width: 16, depth: 1, heads: 2, mlpHidden: 32, regHidden: 32, auPoints: 16, regions: 4, regionPoints: 32 });
const auMasks = Object.fromEntries(AU_NAMES.map((a, k) => [a, Float32Array.from({ length: 468 }, (_, i) => ((i + k * 21) % 468 < 40 ? 1 : 0))]));
const layout = buildTokenLayout({ model, auNames: AU_NAMES, auMasks, nShape: 8 }, config, 1);
const N = AU_NAMES.length;

/** Labelled "detector" faces: the template seen frontally at three scales, one AU label each. */
function tinySet(): DetectedSet {
  const faces = [1, 1.5, 2].map((s) => Float32Array.from({ length: 468 * 3 }, (_, j) => (j % 3 === 0 ? 320 + s * layout.template[j] : j % 3 === 1 ? 240 - s * layout.template[j] : -s * layout.template[j])));
  const intensity = faces.map((_, k) => Float32Array.from({ length: N }, (_, i) => (i === k ? 0.8 : 0)));
  return { auNames: [...AU_NAMES], landmarks: faces, intensity, presence: intensity.map((v) => v.map((x) => (x >= 0.15 ? 1 : 0))) };
}

test('detected set: file round trip is exact; a missing file is E_IO, a file of another format or truncated is E_BAD_OPTION', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aurig-detected-'));
  try {
    const set = tinySet(), file = path.join(dir, 'set.bin');
    await saveDetectedSet(set, file);
    const back = await loadDetectedSet(file);
    assert.deepEqual(back.auNames, set.auNames);
    assert.equal(back.landmarks.length, 3);
    for (let k = 0; k < 3; k++) {
      assert.deepEqual(back.landmarks[k], set.landmarks[k]);
      assert.deepEqual(back.intensity[k], set.intensity[k]);
      assert.deepEqual(back.presence[k], set.presence[k]);
    }
    await assert.rejects(loadDetectedSet(path.join(dir, 'missing.bin')), (e: unknown) => isAurigError(e) && e.code === 'E_IO');
    const bad = path.join(dir, 'bad.bin');
    await writeFile(bad, 'not a set\n1234');
    await assert.rejects(loadDetectedSet(bad), (e: unknown) => isAurigError(e) && e.code === 'E_BAD_OPTION');
    await writeFile(bad, (await import('node:fs')).readFileSync(file).subarray(0, 200)); // truncated
    await assert.rejects(loadDetectedSet(bad), (e: unknown) => isAurigError(e) && e.code === 'E_BAD_OPTION');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('training mixes labelled detector faces into synthetic batches: AU terms supervised on them, no ψ or pose truth', async () => {
  const logs: Record<string, number>[] = [];
  const setup = { config, layout, decode: landmarkDecoder(model), nShapeModel: model.numShape, auGroups: AU_NAMES.map((_, k) => [k * 10, k * 10 + 1]), vtx68: VTX68 };
  const m = await trainAufart(setup, { steps: 30, batch: 8, learningRate: 3e-3, seed: 4, detected: tinySet(), detectedShare: 0.5, logEvery: 10, onLog: (_s, t) => logs.push(t) });
  assert.equal(logs.length, 3);
  for (const l of logs) {
    for (const v of Object.values(l)) assert.ok(Number.isFinite(v));
    assert.ok('det.intensity' in l && 'det.presence' in l && 'psi' in l, Object.keys(l).join(' '));
    assert.ok(!('det.psi' in l) && !('det.rotation' in l), 'no ψ or pose truth on detector faces');
  }
  assert.ok(logs[2]['det.intensity'] < logs[0]['det.intensity'], `det.intensity ${logs[0]['det.intensity']} → ${logs[2]['det.intensity']}`);
  assert.equal(m.meta.mode, 'synthetic+detected-renders');
  m.dispose();
  // A set labelled for other AUs is refused.
  await assert.rejects(trainAufart(setup, { steps: 1, batch: 4, detected: { ...tinySet(), auNames: ['AU01'] } }), (e: unknown) => isAurigError(e) && e.code === 'E_BAD_OPTION');
});

test('codeLipsPartWithJaw: AU25 raised to the jaw opening (AU26/AU27), other AUs and the input untouched', () => {
  const at = (a: string) => AU_NAMES.indexOf(a as (typeof AU_NAMES)[number]);
  const row = (v: Record<string, number>) => Float32Array.from(AU_NAMES, (a) => v[a] ?? 0);
  const set: DetectedSet = {
    auNames: AU_NAMES, landmarks: [new Float32Array(468 * 3), new Float32Array(468 * 3), new Float32Array(468 * 3)],
    intensity: [row({ AU26: 0.6 }), row({ AU25: 0.8, AU26: 0.3 }), row({ AU27: 0.4, AU12: 0.5 })],
    presence: [row({ AU26: 1 }), row({ AU25: 1, AU26: 1 }), row({ AU27: 1, AU12: 1 })],
  };
  const coded = codeLipsPartWithJaw(set);
  assert.deepEqual([0, 1, 2].map((k) => +coded.intensity[k][at('AU25')].toFixed(3)), [0.6, 0.8, 0.4]);
  assert.deepEqual([0, 1, 2].map((k) => coded.presence[k][at('AU25')]), [1, 1, 1]);
  assert.equal(coded.intensity[2][at('AU12')], 0.5);
  assert.equal(set.intensity[0][at('AU25')], 0, 'the input set is not changed');
  assert.equal(coded.landmarks, set.landmarks);
});
