import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import {
  initBackend, decodeImage, createFaceDetector, EmotionNetwork, ExpressionNetwork, loadAppearanceClassifier, averageEmotions, faceApiModelDir,
  appearanceAuEvidence, fuseAuReadings, AU_PRIOR, EMOTION_NAMES, AU_NAMES, AurigError, type EmotionName,
} from '@aurig/core';

const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/eval');
const only = (e: EmotionName, p = 1) => Object.fromEntries(EMOTION_NAMES.map((n) => [n, n === e ? p : 0])) as Record<EmotionName, number>;

test('appearanceAuEvidence: P(AU | classes), 1 for an emotion\'s prototype core AUs and AU_PRIOR for every other AU', () => {
  const near = (a: number, b: number, m = '') => assert.ok(Math.abs(a - b) < 1e-9, `${m} ${a} vs ${b}`);
  const happy = appearanceAuEvidence({ ...only('happy', 0.8), neutral: 0.2 });
  near(happy.AU06, 0.8 + 0.2 * AU_PRIOR, 'AU06');
  near(happy.AU12, 0.8 + 0.2 * AU_PRIOR, 'AU12');
  near(happy.AU04, AU_PRIOR, 'AU04, not in the happy prototype');
  assert.ok(AU_NAMES.every((a) => appearanceAuEvidence(only('neutral'))[a] === AU_PRIOR), 'neutral: no AU above the prior');
  const mixed = appearanceAuEvidence({ ...only('sad', 0.5), fear: 0.5 });
  near(mixed.AU01, 1, 'sad and fear both have AU01');
  near(mixed.AU15, 0.5 + 0.5 * AU_PRIOR, 'AU15: sad only');
  near(mixed.AU28, AU_PRIOR, 'AU28: no prototype names it');
  near(appearanceAuEvidence({ ...only('happy', 2), neutral: 2 }).AU12, 0.5 + 0.5 * AU_PRIOR, 'unnormalised classes are normalised');
  assert.ok(AU_NAMES.every((a) => appearanceAuEvidence({ ...only('happy', NaN) })[a] === AU_PRIOR), 'no finite class: no opinion');
});

test('fuseAuReadings: product of experts — the prior changes nothing, agreement strengthens, the appearance can lower, 0..1, NaN is no opinion', () => {
  const near = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);
  for (const g of [0.05, 0.3, 0.7, 0.95]) near(fuseAuReadings(g, AU_PRIOR), g);
  near(fuseAuReadings(NaN, 0.4), 0.4);
  assert.ok(fuseAuReadings(0.6, 0.6) > 0.9, 'two readings above the prior agree: stronger than either');
  assert.ok(fuseAuReadings(0.6, 0.02) < 0.3, 'a geometric reading the appearance calls unlikely is lowered');
  assert.ok(fuseAuReadings(0, 1) > 0.5, 'a geometric 0 does not veto a certain appearance');
  assert.ok(fuseAuReadings(0.02, 0.95) > 0.5, 'nor does a typical geometric brow reading on a real photo (≈ 0.02)');
  near(fuseAuReadings(0.3, 0.5, 0.5), fuseAuReadings(fuseAuReadings(0.3, 0.5), 0.5), 1e-12);
  assert.ok(fuseAuReadings(0.3, 0.5, AU_PRIOR) === fuseAuReadings(0.3, 0.5), 'a second reading at the prior changes nothing');
  assert.ok(fuseAuReadings(0.3, 0.5, 0.5) > fuseAuReadings(0.3, 0.5), 'two appearance readings that agree count twice');
  for (const [g, a] of [[0, 0], [1, 1], [2, -1], [0, 1], [Infinity, 0.5]]) {
    const f = fuseAuReadings(g, a);
    assert.ok(f >= 0 && f <= 1 && Number.isFinite(f), `${g}, ${a} → ${f}`);
  }
});

test('averageEmotions: the mean of the readings, renormalised; non-finite or negative entries count as 0; none → uniform', () => {
  const m = averageEmotions([only('happy', 1), { ...only('happy', 0.5), sad: 0.5 }]);
  assert.ok(Math.abs(m.happy - 0.75) < 1e-12 && Math.abs(m.sad - 0.25) < 1e-12, JSON.stringify(m));
  const bad = averageEmotions([{ ...only('sad', 1), fear: NaN, angry: -3 }]);
  assert.equal(bad.sad, 1);
  assert.ok(EMOTION_NAMES.every((n) => Math.abs(averageEmotions([])[n] - 1 / EMOTION_NAMES.length) < 1e-12));
});

await initBackend();
const detector = await createFaceDetector();
const net = await EmotionNetwork.load();
const expression = await ExpressionNetwork.load();
test.after(() => { detector.dispose(); net.dispose(); expression.dispose(); });

// Human's classifier on the emotion photos (measured: happy 0.89, surprise 0.95, sad 0.96 with a tight box crop).
test('EmotionNetwork: a distribution over the 7 classes; the laughing, surprised and crying photos get their own class on top', async () => {
  for (const [file, want] of [['happy_black.jpg', 'happy'], ['surprise_white.jpg', 'surprise'], ['sad_asian.jpg', 'sad']] as const) {
    const img = await decodeImage(path.join(SHARED, 'images', file));
    const [face] = await detector.detect(img, { maxFaces: 1 });
    const p = net.classify(img, face.box);
    const values = EMOTION_NAMES.map((n) => p[n]);
    assert.ok(values.every((v) => v >= 0 && v <= 1), `${file}: ${values}`);
    assert.ok(Math.abs(values.reduce((a, b) => a + b, 0) - 1) < 1e-3);
    const best = EMOTION_NAMES.reduce((a, b) => (p[a] >= p[b] ? a : b));
    assert.equal(best, want, `${file}: ${JSON.stringify(p)}`);
    assert.ok(p[want] > 0.5, `${file}: ${want} ${p[want]}`);
  }
});

test('EmotionNetwork: a box off the image or of no size still gives finite probabilities', async () => {
  const img = await decodeImage(path.join(SHARED, 'images', 'single_face.jpg'));
  for (const box of [{ x: -5000, y: -5000, width: 10, height: 10 }, { x: 10, y: 10, width: 0, height: 0 }]) {
    const p = net.classify(img, box);
    assert.ok(EMOTION_NAMES.every((n) => Number.isFinite(p[n]) && p[n] >= 0), JSON.stringify(p));
  }
});

// aurig runs face-api's expression network with its own ops from the package's weights; face-api's own code (its
// node-wasm build, on the same tfjs) must give the same probabilities on the same 112-px crop.
test('ExpressionNetwork: the same class probabilities as face-api\'s own FaceExpressionNet on the same crop; photos get their class on top', async () => {
  const require = createRequire(import.meta.url);
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
  await faceapi.nets.faceExpressionNet.loadFromDisk(faceApiModelDir());
  const names: Record<string, EmotionName> = { neutral: 'neutral', happy: 'happy', sad: 'sad', angry: 'angry', fearful: 'fear', disgusted: 'disgust', surprised: 'surprise' };
  for (const [file, want] of [['happy_black.jpg', 'happy'], ['surprise_white.jpg', 'surprise'], ['sad_asian.jpg', 'sad']] as const) {
    const img = await decodeImage(path.join(SHARED, 'images', file));
    const [face] = await detector.detect(img, { maxFaces: 1 });
    const ours = expression.classify(img, face.landmarks68);
    const crop = (expression as unknown as { pixels: Float32Array }).pixels;
    const input = tf.tensor3d(Float32Array.from(crop), [112, 112, 3]);
    const theirs = await faceapi.nets.faceExpressionNet.predictExpressions(input) as Record<string, number>;
    input.dispose();
    for (const [k, n] of Object.entries(names)) assert.ok(Math.abs(ours[n] - theirs[k]!) < 1e-4, `${file} ${n}: ${ours[n]} vs face-api ${theirs[k]}`);
    assert.ok(Math.abs(EMOTION_NAMES.reduce((t, n) => t + ours[n], 0) - 1) < 1e-4);
    assert.equal(EMOTION_NAMES.reduce((a, b) => (ours[a] >= ours[b] ? a : b)), want, `${file}: ${JSON.stringify(ours)}`);
  }
  faceapi.nets.faceExpressionNet.dispose();
});

test('ExpressionNetwork: landmarks off the image, degenerate or NaN still give finite probabilities', async () => {
  const img = await decodeImage(path.join(SHARED, 'images', 'single_face.jpg'));
  for (const lm of [new Float32Array(136).fill(-5000), new Float32Array(136), new Float32Array(136).fill(NaN)]) {
    const p = expression.classify(img, lm);
    assert.ok(EMOTION_NAMES.every((n) => Number.isFinite(p[n]) && p[n] >= 0), JSON.stringify(p));
  }
});

test('loadAppearanceClassifier: one reading per chosen model, in order; unknown or no models are a typed error', async () => {
  const img = await decodeImage(path.join(SHARED, 'images', 'surprise_white.jpg'));
  const [face] = await detector.detect(img, { maxFaces: 1 });
  const c = await loadAppearanceClassifier(['face-api-expression', 'human-emotion']);
  try {
    assert.deepEqual(c.models, ['face-api-expression', 'human-emotion']);
    const [fa, hu] = c.classify(img, face);
    assert.deepEqual(fa, expression.classify(img, face.landmarks68));
    assert.deepEqual(hu, net.classify(img, face.box));
  } finally {
    c.dispose();
  }
  for (const bad of [['emotion'], [], 'human-emotion']) {
    await assert.rejects(loadAppearanceClassifier(bad as string[]), (e: unknown) => e instanceof AurigError && e.code === 'E_BAD_OPTION', JSON.stringify(bad));
  }
});
