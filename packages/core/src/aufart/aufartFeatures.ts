import type { AufartConfig } from './config.ts';
import type { TokenLayout } from './layout.ts';
import { POSE_FEATURES } from './network.ts';
import type { AlignedLandmarks } from './alignLandmarks.ts';

/** Millimetres of landmark displacement that make one feature unit. */
export const DISPLACEMENT_UNIT_MM = 4;
/** A fit residual (mm) above this is clamped in the pose features. */
const RESIDUAL_CLAMP_MM = 20;

/** Host-side feature buffers for a batch of B faces (row-major, ready for `tf.tensor`). */
export interface AufartFeatureBatch {
  readonly size: number;
  /** B×N×(K·3). */
  readonly au: Float32Array;
  /** B×G×(Kg·3). */
  readonly region: Float32Array;
  /** B×P. */
  readonly pose: Float32Array;
}

export function allocateFeatureBatch(size: number, layout: TokenLayout, config: AufartConfig): AufartFeatureBatch {
  return {
    size,
    au: new Float32Array(size * layout.auNames.length * config.auPoints * 3),
    region: new Float32Array(size * config.regions * config.regionPoints * 3),
    pose: new Float32Array(size * POSE_FEATURES),
  };
}

/**
 * Write one face's token inputs into slot b of a batch: for each AU the mask-weighted displacements of
 * its landmarks from the neutral template (dynamic paper Eq. 7, geometry tokens), for each region its
 * landmarks' displacements, and the pose features (fitted rotation, residual).
 */
export function writeAufartFeatures(aligned: AlignedLandmarks, layout: TokenLayout, config: AufartConfig, out: AufartFeatureBatch, b: number): void {
  const N = layout.auNames.length, K = config.auPoints, G = config.regions, Kg = config.regionPoints;
  const p = aligned.points, t = layout.template, inv = 1 / DISPLACEMENT_UNIT_MM;
  let o = b * N * K * 3;
  for (let j = 0; j < N * K; j++) {
    const i = layout.auIndex[j], w = layout.auWeight[j] * inv;
    out.au[o++] = (p[i * 3] - t[i * 3]) * w;
    out.au[o++] = (p[i * 3 + 1] - t[i * 3 + 1]) * w;
    out.au[o++] = (p[i * 3 + 2] - t[i * 3 + 2]) * w;
  }
  o = b * G * Kg * 3;
  for (let j = 0; j < G * Kg; j++) {
    const i = layout.regionIndex[j], w = layout.regionWeight[j] * inv;
    out.region[o++] = (p[i * 3] - t[i * 3]) * w;
    out.region[o++] = (p[i * 3 + 1] - t[i * 3 + 1]) * w;
    out.region[o++] = (p[i * 3 + 2] - t[i * 3 + 2]) * w;
  }
  o = b * POSE_FEATURES;
  for (let k = 0; k < 9; k++) out.pose[o + k] = aligned.rotation[k];
  out.pose[o + 9] = Math.min(aligned.residual, RESIDUAL_CLAMP_MM) / RESIDUAL_CLAMP_MM;
  out.pose[o + 10] = 1;
}
