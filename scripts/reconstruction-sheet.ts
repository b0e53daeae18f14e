/**
 * Issue 4's "look at the reconstructed face beside the photo": for each expressive photo of ../shared/eval/images, the
 * face as the detector saw it, the default face model rebuilt from the analysis (β, ψ, θ, head rotation; lbs), and the
 * strongest AUs with and without the appearance evidence. The sheet holds crops of the eval photos, so it is written
 * outside the repository's tracked files (default out/reconstructions.png; out/ is ignored) and never committed.
 *
 *   node --conditions=aurig-dev --import tsx scripts/reconstruction-sheet.ts [out.png]
 */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import sharp from 'sharp';
import { initBackend, createAnalyzer, createDefaultFaceModel, lbsReference, axisAngleToMatrix, decodeImage, type FaceParams } from '@aurig/core';
import { rasterize, type RasterCamera } from '@aurig/generator';
import { colours } from './lib/faceColours.ts';

const OUT = process.argv[2] ?? 'out/reconstructions.png';
const SHARED = path.resolve(import.meta.dirname, '../../shared/eval/images');
const PHOTOS = ['happy_black.jpg', 'surprise_white.jpg', 'angry_black.jpg', 'sad_asian.jpg', 'single_face.jpg'];
const T = 260, LABEL = 64;
const FRONT: RasterCamera = { position: [0, 5, 560], target: [0, -12, 60], fovYDeg: 22 };

const topAus = (f: FaceParams, n: number) => Object.entries(f.aus).filter(([, v]) => v >= 0.1).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
const text = (lines: string[]) => `<svg width="${2 * T}" height="${LABEL}"><rect width="100%" height="100%" fill="#202428"/>${lines.map((l, i) => `<text x="6" y="${16 + i * 15}" font-family="sans-serif" font-size="11" fill="#ffffff">${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`).join('')}</svg>`;

await initBackend();
const withAppearance = await createAnalyzer(), geometry = await createAnalyzer({ appearance: false });
const model = createDefaultFaceModel();
const col = colours(model);
const composites: sharp.OverlayOptions[] = [];
for (const [row, file] of PHOTOS.entries()) {
  const img = await decodeImage(path.join(SHARED, file));
  const [f] = await withAppearance.analyze(img, { maxFaces: 1 });
  const [g] = await geometry.analyze(img, { maxFaces: 1 });
  const y = row * (T + LABEL);
  if (!f || !g) { composites.push({ input: Buffer.from(text([`${file}: no face`])), left: 0, top: y }); continue; }
  // The photo around the face box.
  const side = Math.round(Math.max(f.box.width, f.box.height) * 1.3);
  const left = Math.round(f.box.x + f.box.width / 2 - side / 2), top = Math.round(f.box.y + f.box.height / 2 - side / 2);
  const padded = await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } })
    .extend({ top: side, bottom: side, left: side, right: side, background: '#808080' }).png().toBuffer(); // sharp extracts before it extends in one pipeline
  const crop = await sharp(padded).extract({ left: left + side, top: top + side, width: side, height: side }).resize(T, T).png().toBuffer();
  composites.push({ input: crop, left: 0, top: y });
  // The face model from the analysis: lbs with θ_global = 0, then the head rotation (FlameParams' convention).
  const { shape, expression, pose } = f.flame;
  const posed = lbsReference(model, { batch: 1, beta: shape, psi: expression, theta: [0, 0, 0, ...pose.subarray(3)] });
  const R = axisAngleToMatrix(pose.subarray(0, 3)), v = posed.vertices, rotated = new Float32Array(v.length);
  for (let i = 0; i < v.length; i += 3) for (let r = 0; r < 3; r++) rotated[i + r] = R[r * 3] * v[i] + R[r * 3 + 1] * v[i + 1] + R[r * 3 + 2] * v[i + 2];
  const render = rasterize([{ positions: rotated, indices: model.faces, colors: col, cull: 'none' }], FRONT, { width: T, height: T });
  composites.push({ input: Buffer.from(render.rgb), raw: { width: T, height: T, channels: 3 }, left: T, top: y });
  const emo = f.emotions ? Object.entries(f.emotions).sort((a, b) => b[1] - a[1]).slice(0, 2).map(([k, p]) => `${k} ${p.toFixed(2)}`).join(', ') : '';
  composites.push({ input: Buffer.from(text([`${file}  (classifier: ${emo})`, `with appearance: ${topAus(f, 6)}`, `geometry alone: ${topAus(g, 6)}`])), left: 0, top: y + T });
  process.stdout.write(`${file}\n  with appearance: ${topAus(f, 8)}\n  geometry alone:  ${topAus(g, 8)}\n`);
}
withAppearance.dispose(); geometry.dispose();
await mkdir(path.dirname(OUT), { recursive: true });
await sharp({ create: { width: 2 * T, height: PHOTOS.length * (T + LABEL), channels: 3, background: '#9ea8b2' } }).composite(composites).png().toFile(OUT);
process.stdout.write(`wrote ${OUT}\n`);
