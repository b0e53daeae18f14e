import type { FaceModel } from '../facemodel/FaceModel.ts';
import type { AufartConfig } from './config.ts';
import { MESH_POINTS, type TokenLayout } from './layout.ts';
import { createRng } from './rng.ts';

/** Share of the 468 landmarks, least moved by the expression basis, used to fit head pose. */
const RIGID_SHARE = 0.3;
/** Mask weights below this do not feed an AU token. */
const MASK_FLOOR = 0.05;
/** k-means iterations for the global regions. */
const KMEANS_ITERATIONS = 20;

export interface TokenLayoutSource {
  readonly model: FaceModel;
  /** AU token names (bilateral FACS names, e.g. `AU12`). */
  readonly auNames: readonly string[];
  /** Per AU, a weight 0..1 per vertex (length ≥ 468; the AU vertex masks of the dynamic paper). */
  readonly auMasks: Readonly<Record<string, ArrayLike<number>>>;
  /** β components to regress (≤ model.numShape). */
  readonly nShape: number;
}

/**
 * Build the token layout from a face model: per AU the `auPoints` landmarks with the largest mask
 * weight; k-means regions of the neutral landmarks for the global tokens; the landmarks that the
 * expression basis moves least as the rigid set for pose fitting.
 */
export function buildTokenLayout(src: TokenLayoutSource, config: AufartConfig, seed = 1): TokenLayout {
  const { model } = src;
  const template = model.v_template.slice(0, MESH_POINTS * 3);
  const K = config.auPoints, N = src.auNames.length;
  const auIndex = new Int32Array(N * K), auWeight = new Float32Array(N * K);
  src.auNames.forEach((au, a) => {
    const mask = src.auMasks[au];
    const order = Array.from({ length: MESH_POINTS }, (_, i) => i).filter((i) => (mask?.[i] ?? 0) > MASK_FLOOR).sort((i, j) => mask[j] - mask[i]).slice(0, K);
    order.forEach((i, k) => { auIndex[a * K + k] = i; auWeight[a * K + k] = mask[i]; });
  });
  // Global regions: seeded k-means on the neutral landmarks.
  const G = config.regions, Kg = config.regionPoints, rng = createRng(seed);
  const cent = Array.from({ length: G }, () => { const i = Math.floor(rng.next() * MESH_POINTS); return [template[i * 3], template[i * 3 + 1], template[i * 3 + 2]]; });
  const assign = new Int32Array(MESH_POINTS);
  const d2 = (i: number, c: number[]) => (template[i * 3] - c[0]) ** 2 + (template[i * 3 + 1] - c[1]) ** 2 + (template[i * 3 + 2] - c[2]) ** 2;
  for (let it = 0; it < KMEANS_ITERATIONS; it++) {
    for (let i = 0; i < MESH_POINTS; i++) { let best = 0; for (let g = 1; g < G; g++) if (d2(i, cent[g]) < d2(i, cent[best])) best = g; assign[i] = best; }
    for (let g = 0; g < G; g++) {
      const m = [0, 0, 0]; let n = 0;
      for (let i = 0; i < MESH_POINTS; i++) if (assign[i] === g) { m[0] += template[i * 3]; m[1] += template[i * 3 + 1]; m[2] += template[i * 3 + 2]; n++; }
      if (n) cent[g] = m.map((v) => v / n);
    }
  }
  const regionIndex = new Int32Array(G * Kg), regionWeight = new Float32Array(G * Kg);
  for (let g = 0; g < G; g++) {
    const members = Array.from({ length: MESH_POINTS }, (_, i) => i).filter((i) => assign[i] === g).sort((i, j) => d2(i, cent[g]) - d2(j, cent[g])).slice(0, Kg);
    members.forEach((i, k) => { regionIndex[g * Kg + k] = i; regionWeight[g * Kg + k] = 1; });
  }
  // Rigid set: least total expression displacement (all landmarks equal when the basis is empty).
  const nE = model.numExpression, motion = new Float64Array(MESH_POINTS);
  for (let i = 0; i < MESH_POINTS; i++) for (let c = 0; c < 3; c++) for (let e = 0; e < nE; e++) motion[i] += Math.abs(model.exprdirs[(i * 3 + c) * nE + e]);
  const byMotion = Array.from({ length: MESH_POINTS }, (_, i) => i).sort((i, j) => motion[i] - motion[j] || i - j);
  const rigidIndex = Int32Array.from(byMotion.slice(0, Math.round(MESH_POINTS * RIGID_SHARE)).sort((a, b) => a - b));
  const exprAu = Int32Array.from(model.exprNames, (n) => src.auNames.indexOf(n.slice(0, 4)));
  return { auNames: [...src.auNames], exprNames: [...model.exprNames], nShape: src.nShape, template, auIndex, auWeight, regionIndex, regionWeight, rigidIndex, exprAu };
}
