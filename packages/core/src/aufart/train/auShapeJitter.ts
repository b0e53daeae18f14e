import * as tf from '@tensorflow/tfjs';
import { MESH_POINTS } from '../layout.ts';
import type { Rng } from '../rng.ts';
import type { LandmarkDecoder } from './sampleSyntheticBatch.ts';

/**
 * AU execution jitter: each face performs each AU with its own displacement pattern. The face model has one blend
 * shape per AU, but people execute an AU differently (more vertical or more medial brows, a wider or a more upward
 * smile) and the detector reports each region's motion with its own gain; a regressor that has only ever seen the
 * model's exact pattern reads another implementation's AU weakly (the bone rig of the default character through the
 * detector: render ICC 0.16 with the shipped weights). Per face, per ψ component and per axis, the component's
 * landmark displacement is multiplied by a smooth random gain field, log-normal with a linear gradient across the
 * component's own region, so that which AU moves which landmarks stays fixed while the pattern's shape does not.
 */
export interface AuShapeBasis {
  /** nψ×468×3: landmark displacement of each ψ component at full intensity (model mm, neutral identity). */
  readonly dirs: Float32Array;
  /** nψ×2: displacement-weighted centre (x, y) of each component's region and nψ its spread (mm). */
  readonly centre: Float32Array;
  readonly spread: Float32Array;
  readonly count: number;
}

/** Decodes each ψ component alone (jaw rotation of AU26/AU27 included) against the neutral face. */
export function auShapeBasis(decode: LandmarkDecoder, nExpr: number, nShape: number): AuShapeBasis {
  const L3 = MESH_POINTS * 3;
  const X = tf.tidy(() => {
    const psi = tf.concat([tf.zeros([1, nExpr]), tf.eye(nExpr)]) as tf.Tensor2D;
    return decode(tf.zeros([nExpr + 1, nShape]) as tf.Tensor2D, psi, tf.zeros([nExpr + 1, 15]) as tf.Tensor2D).dataSync() as Float32Array;
  });
  const dirs = new Float32Array(nExpr * L3), centre = new Float32Array(nExpr * 2), spread = new Float32Array(nExpr);
  for (let k = 0; k < nExpr; k++) {
    let w = 0, cx = 0, cy = 0;
    for (let i = 0; i < MESH_POINTS; i++) {
      let m = 0;
      for (let c = 0; c < 3; c++) { const d = X[(k + 1) * L3 + i * 3 + c] - X[i * 3 + c]; dirs[k * L3 + i * 3 + c] = d; m += d * d; }
      m = Math.sqrt(m);
      w += m; cx += m * X[i * 3]; cy += m * X[i * 3 + 1];
    }
    cx /= w || 1; cy /= w || 1;
    let v = 0;
    for (let i = 0; i < MESH_POINTS; i++) {
      const m = Math.hypot(dirs[k * L3 + i * 3], dirs[k * L3 + i * 3 + 1], dirs[k * L3 + i * 3 + 2]);
      v += m * ((X[i * 3] - cx) ** 2 + (X[i * 3 + 1] - cy) ** 2);
    }
    centre[2 * k] = cx; centre[2 * k + 1] = cy; spread[k] = Math.sqrt(v / (w || 1)) || 1;
  }
  return { dirs, centre, spread, count: nExpr };
}

/** Largest gain either way (e^±1.2 ≈ 3.3×), so no single face turns an AU off or into a caricature. */
const MAX_LOG_GAIN = 1.2;
/** The gradient's share of the spread: at one region spread from the centre the log gain moves by this × σ. */
const GRADIENT = 0.5;

/**
 * Add the jitter to one face's 468×3 model-space landmarks `X` (in place) for its ψ: X += Σ_k ψ_k (g_k − 1) ⊙ D_k,
 * log g_k,a(l) = σ·(n0 + GRADIENT·(n1·u_l + n2·v_l)) with (u, v) the landmark's offset from the component's centre in
 * units of its spread. `sigma` 0 = none.
 */
export function applyAuShapeJitter(rng: Rng, X: Float32Array, psi: ArrayLike<number>, template: Float32Array, basis: AuShapeBasis, sigma: number): void {
  if (sigma <= 0) return;
  const L3 = MESH_POINTS * 3;
  for (let k = 0; k < basis.count; k++) {
    const p = psi[k];
    // Draw for every component so one face's draws do not depend on which AUs it shows.
    const n = [rng.normal(), rng.normal(), rng.normal(), rng.normal(), rng.normal(), rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    if (!(Math.abs(p) > 1e-4)) continue;
    const cx = basis.centre[2 * k], cy = basis.centre[2 * k + 1], r = basis.spread[k];
    for (let i = 0; i < MESH_POINTS; i++) {
      const o = k * L3 + i * 3;
      if (basis.dirs[o] === 0 && basis.dirs[o + 1] === 0 && basis.dirs[o + 2] === 0) continue;
      const u = (template[i * 3] - cx) / r, v = (template[i * 3 + 1] - cy) / r;
      for (let a = 0; a < 3; a++) {
        const lg = Math.max(-MAX_LOG_GAIN, Math.min(MAX_LOG_GAIN, sigma * (n[3 * a] + GRADIENT * (n[3 * a + 1] * u + n[3 * a + 2] * v))));
        X[i * 3 + a] += p * (Math.exp(lg) - 1) * basis.dirs[o + a];
      }
    }
  }
}
