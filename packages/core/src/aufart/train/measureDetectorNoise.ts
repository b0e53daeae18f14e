import sharp from 'sharp';
import type { FaceDetector } from '../../detect/createFaceDetector.ts';
import { createRng } from '../rng.ts';
import { MESH_POINTS } from '../layout.ts';

/** Outer eye corners of the 468-point mesh (subject's right, left): the inter-ocular distance. */
export const OUTER_EYE_CORNERS = [33, 263] as const;

/** How much the detector's landmarks move when the same photo is re-framed. */
export interface DetectorNoise {
  /** Photos that gave a face in at least 3 framings. */
  readonly photos: number;
  /** Median over photos of the RMS landmark spread in x, y, as a fraction of the inter-ocular distance. */
  readonly xy: number;
  /** The same for the relative z. */
  readonly z: number;
  /** Per-photo spreads (xy, z). */
  readonly perPhoto: { file: string; framings: number; xy: number; z: number }[];
}

/**
 * Detect the same photo under small crops, shifts and scales (seeded), map the landmarks back to the
 * photo's pixels and take the per-landmark spread around its mean, relative to the inter-ocular distance.
 */
export async function measureDetectorNoise(detector: FaceDetector, files: string[], framings = 8, seed = 1): Promise<DetectorNoise> {
  const rng = createRng(seed);
  const perPhoto: DetectorNoise['perPhoto'] = [];
  for (const file of files) {
    const meta = await sharp(file).rotate().metadata();
    const W = meta.autoOrient?.width ?? meta.width ?? 0, H = meta.autoOrient?.height ?? meta.height ?? 0;
    const runs: Float32Array[] = [];
    for (let k = 0; k < framings; k++) {
      const m = 0.06; // crop up to 6% off each side
      const l = Math.floor(rng.next() * m * W), t = Math.floor(rng.next() * m * H);
      const w = Math.floor(W * (1 - m) - rng.next() * m * W * 0.5), h = Math.floor(H * (1 - m) - rng.next() * m * H * 0.5);
      const scale = 0.8 + 0.4 * rng.next();
      const buf = await sharp(file).rotate().extract({ left: l, top: t, width: Math.min(w, W - l), height: Math.min(h, H - t) }).resize(Math.round(w * scale)).png().toBuffer();
      const faces = await detector.detect(buf, { maxFaces: 1 });
      if (!faces.length) continue;
      const lm = faces[0].landmarks, out = new Float32Array(MESH_POINTS * 3);
      for (let i = 0; i < MESH_POINTS; i++) { out[i * 3] = lm[i * 3] / scale + l; out[i * 3 + 1] = lm[i * 3 + 1] / scale + t; out[i * 3 + 2] = lm[i * 3 + 2] / scale; }
      runs.push(out);
    }
    if (runs.length < 3) continue;
    const mean = new Float64Array(MESH_POINTS * 3);
    for (const r of runs) for (let i = 0; i < mean.length; i++) mean[i] += r[i] / runs.length;
    const [a, b] = OUTER_EYE_CORNERS;
    const iod = Math.hypot(mean[a * 3] - mean[b * 3], mean[a * 3 + 1] - mean[b * 3 + 1]);
    let sxy = 0, sz = 0;
    for (const r of runs) {
      // Remove the mean z offset of each run: z is relative.
      let dz = 0;
      for (let i = 0; i < MESH_POINTS; i++) dz += (r[i * 3 + 2] - mean[i * 3 + 2]) / MESH_POINTS;
      for (let i = 0; i < MESH_POINTS; i++) {
        sxy += (r[i * 3] - mean[i * 3]) ** 2 + (r[i * 3 + 1] - mean[i * 3 + 1]) ** 2;
        sz += (r[i * 3 + 2] - mean[i * 3 + 2] - dz) ** 2;
      }
    }
    const n = runs.length * MESH_POINTS;
    perPhoto.push({ file, framings: runs.length, xy: Math.sqrt(sxy / (2 * n)) / iod, z: Math.sqrt(sz / n) / iod });
  }
  const med = (v: number[]) => { const s = [...v].sort((x, y) => x - y); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
  return { photos: perPhoto.length, xy: med(perPhoto.map((p) => p.xy)), z: med(perPhoto.map((p) => p.z)), perPhoto };
}
