import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend, decodeImage, createFaceDetector, EmotionNetwork, appearanceAuEvidence, fuseAuReadings, EMOTION_NAMES, AU_NAMES, type EmotionName } from '@aurig/core';

const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/eval');
const only = (e: EmotionName, p = 1) => Object.fromEntries(EMOTION_NAMES.map((n) => [n, n === e ? p : 0])) as Record<EmotionName, number>;

test('appearanceAuEvidence: an emotion lends its probability to its prototype core AUs only, summed over emotions and capped at 1', () => {
  const happy = appearanceAuEvidence(only('happy', 0.8));
  assert.equal(happy.AU06, 0.8);
  assert.equal(happy.AU12, 0.8);
  assert.equal(AU_NAMES.filter((a) => happy[a] > 0).length, 2);
  assert.ok(AU_NAMES.every((a) => appearanceAuEvidence(only('neutral'))[a] === 0), 'neutral raises nothing');
  const mixed = appearanceAuEvidence({ ...only('sad', 0.6), fear: 0.6 });
  assert.equal(mixed.AU01, 1, 'sad and fear both have AU01: summed, capped');
  assert.ok(Math.abs(mixed.AU15 - 0.6) < 1e-9 && Math.abs(mixed.AU20 - 0.6) < 1e-9);
  assert.equal(mixed.AU12, 0);
});

test('fuseAuReadings: noisy-OR in 0..1, never below either reading, NaN counts as 0', () => {
  assert.equal(fuseAuReadings(0, 0), 0);
  assert.equal(fuseAuReadings(0.5, 0.5), 0.75);
  const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
  near(fuseAuReadings(0.3, 0), 0.3);
  near(fuseAuReadings(NaN, 0.4), 0.4);
  assert.equal(fuseAuReadings(2, -1), 1);
  for (const [g, a] of [[0.1, 0.7], [0.9, 0.2], [0.45, 0.45]]) {
    const f = fuseAuReadings(g, a);
    assert.ok(f >= Math.max(g, a) && f <= 1, `${g}, ${a} → ${f}`);
  }
});

await initBackend();
const detector = await createFaceDetector();
const net = await EmotionNetwork.load();
test.after(() => { detector.dispose(); net.dispose(); });

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
