import { MESH_POINTS } from '../layout.ts';
import type { Rng } from '../rng.ts';

/**
 * Landmark-space identity jitter: random smooth offsets of facial proportions that the default face
 * model's identity basis does not span but real detector meshes show (measured on the detector's
 * output: a shorter lower face, a longer nose–lip distance, lips 3 mm apart at rest, higher brows,
 * a deeper eye region, wider lateral variation), plus random smooth bumps for what is not modelled.
 * Added to synthetic faces so the regressor learns that proportions are not AUs. Millimetres.
 */
export interface IdentityJitterRanges {
  /** Change of each vertical segment, mm: eyes→nose base, nose base→upper lip, upper lip→mouth line, mouth line→lower lip, lower lip→chin. */
  readonly segments: readonly (readonly [number, number])[];
  /** Lips apart at rest, mm (inner lower lip moves 80 %, inner upper lip 20 %). */
  readonly lipGap: readonly [number, number];
  /** Brow height, mm. */
  readonly brow: readonly [number, number];
  /** Relative width change of the mouth and of the nose. */
  readonly mouthWidth: readonly [number, number];
  readonly noseWidth: readonly [number, number];
  /** Depth of the eye region (detector meshes sit ≈ 3.5 mm deeper there), mm along z. */
  readonly eyeDepth: readonly [number, number];
  /** Relative width change of the face's lateral parts (cheeks, jaw line, temples). */
  readonly faceWidth: readonly [number, number];
  /** Number and amplitude (mm) of random smooth bumps (σ 15 mm) in random directions: unmodelled identity. */
  readonly bumps: number;
  readonly bumpAmplitude: number;
}

export const DEFAULT_IDENTITY_JITTER: IdentityJitterRanges = {
  segments: [[-3, 4], [-2, 6], [-1.5, 2], [-1.5, 2], [-14, 4]],
  lipGap: [0, 4],
  brow: [-2, 4],
  mouthWidth: [-0.1, 0.1],
  noseWidth: [-0.08, 0.08],
  eyeDepth: [-8, 1],
  faceWidth: [-0.15, 0.15],
  bumps: 4,
  bumpAmplitude: 1.5,
};

/** Landmarks that mark the vertical levels and the features (MediaPipe indices). */
const LEVELS = { eyes: [33, 263], noseBase: [2], upperLip: [0], mouth: [13, 14], lowerLip: [17], chin: [152] } as const;
const UPPER_INNER = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308];
const LOWER_INNER = [95, 88, 178, 87, 14, 317, 402, 318, 324];
const BROWS = [70, 63, 105, 66, 107, 46, 53, 52, 65, 55, 300, 293, 334, 296, 336, 276, 283, 282, 295, 285];
const BROW_SIGMA_MM = 10;
const MOUTH_SIGMA_MM = 16;
const NOSE_SIGMA_MM = 9;
const NOSE_TIP = 4;
const EYE_SIGMA_MM = 12;
const BUMP_SIGMA_MM = 15;
/** Lateral ramp of the face-width mode: no change within ±30 mm of the midline, full from ±60 mm. */
const WIDTH_RAMP_MM = [30, 60] as const;

/** Per-template weights of the jitter modes, computed once. */
export interface JitterBasis {
  readonly levels: number[];
  readonly brow: Float32Array;
  readonly mouth: Float32Array;
  readonly nose: Float32Array;
  readonly eyes: Float32Array;
  readonly mouthX: number;
  readonly noseX: number;
}

export function jitterBasis(template: Float32Array): JitterBasis {
  const y = (ids: readonly number[]) => ids.reduce((a, i) => a + template[i * 3 + 1], 0) / ids.length;
  const levels = [y(LEVELS.eyes), y(LEVELS.noseBase), y(LEVELS.upperLip), y(LEVELS.mouth), y(LEVELS.lowerLip), y(LEVELS.chin)];
  const near = (anchors: readonly number[], sigma: number) => Float32Array.from({ length: MESH_POINTS }, (_, i) => {
    let best = Infinity;
    for (const a of anchors) best = Math.min(best, (template[i * 3] - template[a * 3]) ** 2 + (template[i * 3 + 1] - template[a * 3 + 1]) ** 2 + (template[i * 3 + 2] - template[a * 3 + 2]) ** 2);
    return Math.exp(-best / (2 * sigma * sigma));
  });
  return { levels, eyes: near([159, 386], EYE_SIGMA_MM), brow: near(BROWS, BROW_SIGMA_MM), mouth: near([13, 14], MOUTH_SIGMA_MM), nose: near([NOSE_TIP], NOSE_SIGMA_MM), mouthX: (template[13 * 3] + template[14 * 3]) / 2, noseX: template[NOSE_TIP * 3] };
}

const uniform = (rng: Rng, [a, b]: readonly [number, number]) => a + (b - a) * rng.next();

/** Add one random jitter to 468×3 model-space landmarks `X` (in place), `scale` 0 = none. */
export function applyIdentityJitter(rng: Rng, X: Float32Array, template: Float32Array, basis: JitterBasis, scale: number, r: IdentityJitterRanges = DEFAULT_IDENTITY_JITTER): void {
  if (scale <= 0) return;
  const seg = r.segments.map((s) => uniform(rng, s) * scale);
  const gap = uniform(rng, r.lipGap) * scale, brow = uniform(rng, r.brow) * scale;
  const mw = uniform(rng, r.mouthWidth) * scale, nw = uniform(rng, r.noseWidth) * scale;
  const L = basis.levels;
  for (let i = 0; i < MESH_POINTS; i++) {
    const ty = template[i * 3 + 1], tx = template[i * 3];
    // Downward offset: completed segments plus the fraction of the current one (levels run downward).
    let down = 0;
    for (let k = 0; k < seg.length; k++) {
      const top = L[k], bottom = L[k + 1];
      if (ty <= bottom) { down += seg[k]; continue; }
      if (ty < top) down += (seg[k] * (top - ty)) / (top - bottom || 1);
      break;
    }
    X[i * 3 + 1] += -down + brow * basis.brow[i];
    X[i * 3] += mw * (tx - basis.mouthX) * basis.mouth[i] + nw * (tx - basis.noseX) * basis.nose[i];
  }
  const eyeDz = uniform(rng, r.eyeDepth) * scale, fw = uniform(rng, r.faceWidth) * scale;
  const bumps = Array.from({ length: r.bumps }, () => {
    const c = Math.floor(rng.next() * MESH_POINTS);
    return { c: [template[c * 3], template[c * 3 + 1], template[c * 3 + 2]], d: [rng.normal(), rng.normal(), rng.normal()].map((v) => v * r.bumpAmplitude * scale) };
  });
  for (let i = 0; i < MESH_POINTS; i++) {
    const tx = template[i * 3], ty = template[i * 3 + 1], tz = template[i * 3 + 2];
    X[i * 3 + 2] += eyeDz * basis.eyes[i];
    const ramp = Math.min(1, Math.max(0, (Math.abs(tx) - WIDTH_RAMP_MM[0]) / (WIDTH_RAMP_MM[1] - WIDTH_RAMP_MM[0])));
    X[i * 3] += fw * tx * ramp;
    for (const b of bumps) {
      const w = Math.exp(-((tx - b.c[0]) ** 2 + (ty - b.c[1]) ** 2 + (tz - b.c[2]) ** 2) / (2 * BUMP_SIGMA_MM * BUMP_SIGMA_MM));
      X[i * 3] += b.d[0] * w; X[i * 3 + 1] += b.d[1] * w; X[i * 3 + 2] += b.d[2] * w;
    }
  }
  for (const i of LOWER_INNER) X[i * 3 + 1] -= 0.8 * gap;
  for (const i of UPPER_INNER) X[i * 3 + 1] += 0.2 * gap;
}
