// Diagnosis behind MODEL.md's "appearance AU tokens" note: would features of a pretrained face network, trained on
// renders of aurig's default character, mean on a real face what they mean on the character? Human's emotion network
// (its models/emotion.json: 64 × 64 grey crop of the detector's mesh box, 7 classes) is scored on real photos
// (../shared/eval: per-emotion AUROC of its class probability on expr/, and the four emotion photos of images/) and
// on the character posed with full prototype AUs. Run: node --conditions=aurig-dev --import tsx scripts/diagnose-appearance-transfer.ts
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { initBackend, createFaceDetector, decodeImage, auroc, type RgbImage } from '@aurig/core';
import { createDefaultRig, createRigParams, renderRig } from '@aurig/generator';
import { loadGraphModelFile } from '../packages/core/src/detect/loadGraphModelFile.ts';

const SHARED = path.resolve(import.meta.dirname, '../../shared/eval');
const CLASSES = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
/** Full prototype poses of the character's AU controls (EMFACS-style). */
const POSES: Record<string, Record<string, number>> = {
  neutral: {},
  happy: { AU06: 1, AU12_L: 1, AU12_R: 1, AU25: 0.5 },
  surprise: { AU01_L: 1, AU01_R: 1, AU02_L: 1, AU02_R: 1, AU05: 0.8, AU25: 1, AU26: 1 },
  angry: { AU04: 1, AU05: 0.6, AU07: 1, AU23: 1, AU24: 0.5 },
  sad: { AU01_L: 1, AU01_R: 1, AU04: 0.7, AU15: 1, AU17: 0.5 },
  disgust: { AU09: 1, AU10: 1, AU15: 0.5, AU17: 0.5 },
  fear: { AU01_L: 1, AU01_R: 1, AU02_L: 1, AU02_R: 1, AU04: 1, AU05: 1, AU20: 1, AU25: 1, AU26: 0.5 },
};

await initBackend();
const detector = await createFaceDetector();
const net = await loadGraphModelFile(path.resolve(import.meta.dirname, '../node_modules/@vladmandic/human/models/emotion.json'));

/** Class probabilities of the largest face, or null when none is found. */
async function emotions(img: RgbImage): Promise<number[] | null> {
  const faces = await detector.detect(img, { maxFaces: 1 });
  if (!faces.length) return null;
  const b = faces[0].box;
  const cx = b.x + b.width / 2, cy = b.y + b.height / 2, h = Math.max(b.width, b.height) / 2;
  return tf.tidy(() => {
    const t = tf.tensor3d(img.data, [img.height, img.width, 3], 'int32').toFloat().div(255).expandDims(0) as tf.Tensor4D;
    const crop = tf.image.cropAndResize(t, [[(cy - h) / img.height, (cx - h) / img.width, (cy + h) / img.height, (cx + h) / img.width]], [0], [64, 64]);
    const grey = crop.mul(tf.tensor1d([0.2989, 0.587, 0.114])).sum(3, true).sub(0.5).mul(2); // as Human feeds it
    return Array.from((net.execute(grey) as tf.Tensor).dataSync());
  });
}
const show = (p: number[] | null) => (p ? CLASSES.map((c, i) => `${c} ${p[i].toFixed(2)}`).join(' ') : 'no face');

const dir = path.join(SHARED, 'expr');
const rows = (await readFile(path.join(dir, 'labels.csv'), 'utf8')).trim().split(/\r?\n/).slice(1).map((l) => l.trim().split(','));
const scored: { label: string; p: number[] | null }[] = [];
for (const [file, label] of rows) scored.push({ label, p: await emotions(await decodeImage(path.join(dir, file))) });
const per = Object.fromEntries(['happy', 'surprise', 'angry', 'sad', 'disgust', 'fear'].map((e) => {
  const i = CLASSES.indexOf(e);
  return [e, auroc(scored.map((r) => (r.p ? r.p[i] : -1)), scored.map((r) => r.label === e))];
}));
console.log('expr AUROC of the class probability:', Object.entries(per).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', '), `mean ${(Object.values(per).reduce((a, b) => a + b) / 6).toFixed(3)}`);
for (const f of ['happy_black.jpg', 'surprise_white.jpg', 'angry_black.jpg', 'sad_asian.jpg']) console.log(`photo ${f}: ${show(await emotions(await decodeImage(path.join(SHARED, 'images', f))))}`);
const rig = createDefaultRig();
for (const [name, aus] of Object.entries(POSES)) {
  const r = renderRig(rig, createRigParams(rig, aus), { width: 256, height: 256, background: [0.4, 0.4, 0.4], ambient: 0.35, lightDir: [0.3, 0.5, 1] });
  console.log(`character ${name}: ${show(await emotions({ width: 256, height: 256, data: r.rgb }))}`);
}
detector.dispose();
