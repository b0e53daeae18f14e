import { vertexNeighbours, smoothVertexField } from '../math/smoothVertexField.ts';
import { NUM_FLAME_JOINTS } from './FaceModel.ts';
import { MP } from './defaultRegions.ts';
import { uvArc, DEFAULT_HEAD, type DefaultGeometry } from './defaultGeometry.ts';

/**
 * Joint positions of the default head in its neutral pose (mm), FLAME order: global, neck, jaw,
 * left eye, right eye. The jaw joint sits on the midline between the two jaw hinges (in front of
 * the ears); opening the mouth is a positive rotation about +x.
 */
export const DEFAULT_JOINTS = {
  global: [0, -70, -10],
  neck: [0, -62, -5],
  jaw: [0, -8, 18],
} as const;

/** Iterations of one-ring smoothing that give the jaw skinning weights their falloff. */
const JAW_SMOOTHING_ITERATIONS = 8;

/** Face vertices this far (mm) below the jaw line are skinned to the jaw with weight 1. */
const JAW_FULL_BELOW_MM = 22;

/** Lower-lip vertices follow the jaw fully, upper-lip vertices not at all, corners half. */
const LOWER_LIP = [...MP.lipsLowerOuter, ...MP.lipsLowerInner, ...MP.lipsLowerSemiOuter.slice(1, -1), ...MP.lipsLowerSemiInner.slice(1, -1)];
const UPPER_LIP = [...MP.lipsUpperOuter.slice(1, -1), ...MP.lipsUpperInner.slice(1, -1), ...MP.lipsUpperSemiOuter, ...MP.lipsUpperSemiInner];
const MOUTH_CORNERS = [61, 291, 78, 308, 76, 306, 62, 292];

/**
 * V×J skinning weights: eyeballs to their eye joints, the lower lip, chin and jaw to the jaw joint
 * with a smooth falloff toward the cheeks, everything else to the neck.
 */
export function defaultSkinningWeights(g: DefaultGeometry): Float32Array {
  const V = g.positions.length / 3;
  const fixed = new Map<number, number>();
  for (const i of LOWER_LIP) fixed.set(i, 1);
  for (const i of UPPER_LIP) fixed.set(i, 0);
  for (const i of MOUTH_CORNERS) fixed.set(i, 0.5);
  const jaw0 = new Float64Array(V);
  for (let i = 0; i < 468; i++) {
    const [a, b] = uvArc(i);
    const aa = Math.abs(a);
    const line = aa <= 25 ? -60 : -58 + (aa - 25) * (33 / 75);
    jaw0[i] = b < line ? 1 : 0;
    // Well below the lip line the jaw owns the skin outright; the falloff is only near the line.
    if (b < line - JAW_FULL_BELOW_MM && !fixed.has(i)) fixed.set(i, 1);
  }
  // Mouth cavity: the lower half with the jaw, the upper half with the head.
  const { mouth, scalp, leftEye, rightEye } = g.parts;
  for (let v = mouth.start; v < mouth.end; v++) {
    const f = g.mouthFollows[v - mouth.start];
    fixed.set(v, v === mouth.end - 1 ? 0.5 : fixed.get(f) ?? 0.5);
  }
  // Shell: its lower front (under the chin) follows the jaw, via the smoothing below.
  for (let v = scalp.start; v < scalp.end; v++) {
    const f = g.shellFollows[v - scalp.start];
    const ring = Math.floor((v - scalp.start) / MP.silhouette.length);
    jaw0[v] = f >= 0 && ring < 2 ? jaw0[f] * (ring === 0 ? 0.8 : 0.4) : 0;
  }
  for (const [v, w] of fixed) jaw0[v] = w;
  const adj = vertexNeighbours(V, g.faces);
  let jaw: Float64Array = jaw0;
  for (let it = 0; it < JAW_SMOOTHING_ITERATIONS; it++) {
    jaw = smoothVertexField(jaw, adj, 1, 0.5);
    for (const [v, w] of fixed) jaw[v] = w;
  }
  const W = new Float32Array(V * NUM_FLAME_JOINTS);
  for (let v = 0; v < V; v++) {
    const isLeft = v >= leftEye.start && v < leftEye.end, isRight = v >= rightEye.start && v < rightEye.end;
    if (isLeft) { W[v * 5 + 3] = 1; continue; }
    if (isRight) { W[v * 5 + 4] = 1; continue; }
    const j = Math.min(1, Math.max(0, jaw[v] < 0.01 ? 0 : jaw[v]));
    W[v * 5 + 2] = j;
    W[v * 5 + 1] = 1 - j;
  }
  return W;
}

/**
 * The least-norm weights over `vertices` (summing to 1) whose combination of the neutral
 * positions is exactly `target`: w = w₀ + Mᵀλ, M = [P; 1ᵀ], w₀ uniform.
 */
function regressPoint(pos: ArrayLike<number>, vertices: readonly number[], target: readonly number[]): Map<number, number> {
  const n = vertices.length;
  const M = [0, 1, 2].map((c) => vertices.map((v) => pos[3 * v + c]));
  M.push(vertices.map(() => 1));
  const w0 = vertices.map(() => 1 / n);
  const rhs = [...target, 1].map((t, r) => t - M[r].reduce((s, m, k) => s + m * w0[k], 0));
  const G = M.map((ri) => M.map((rj) => ri.reduce((s, x, k) => s + x * rj[k], 0)));
  const lambda = solve4(G, rhs);
  const out = new Map<number, number>();
  vertices.forEach((v, k) => out.set(v, w0[k] + M.reduce((s, row, r) => s + row[k] * lambda[r], 0)));
  return out;
}

function solve4(A: number[][], b: number[]): number[] {
  const n = b.length;
  const m = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/**
 * J×V joint regressor: each joint a sparse combination of neutral vertices that reproduces its
 * position (eyes: the eyeball vertices; jaw: points around the jaw hinges; neck and global: the
 * lower shell and jaw line).
 */
export function defaultJointRegressor(g: DefaultGeometry): Float32Array {
  const V = g.positions.length / 3;
  const Jr = new Float32Array(NUM_FLAME_JOINTS * V);
  const range = (r: { start: number; end: number }): number[] => Array.from({ length: r.end - r.start }, (_, k) => r.start + k);
  const m = MP.silhouette.length;
  const shellRing = (ring: number, silIdx: readonly number[]): number[] => silIdx.map((s) => g.parts.scalp.start + (ring - 1) * m + MP.silhouette.indexOf(s as never));
  const hinge = [234, 93, 132, 127, 454, 323, 361, 356];
  const jawSet = [...hinge, ...shellRing(1, hinge), ...shellRing(2, hinge)];
  const lowerSil = [172, 136, 150, 149, 176, 148, 152, 377, 400, 378, 379, 365, 397];
  const neckSet = [...lowerSil, ...shellRing(2, lowerSil), ...shellRing(3, lowerSil)];
  const sets: [readonly number[], readonly number[]][] = [
    [neckSet, DEFAULT_JOINTS.global],
    [neckSet, DEFAULT_JOINTS.neck],
    [jawSet, DEFAULT_JOINTS.jaw],
    [range(g.parts.leftEye), g.eyeCentres.left],
    [range(g.parts.rightEye), g.eyeCentres.right],
  ];
  sets.forEach(([verts, target], j) => {
    for (const [v, w] of regressPoint(g.positions, verts, target)) Jr[j * V + v] = w;
  });
  return Jr;
}

/** FLAME's kinematic tree: global ← neck ← jaw, eyes. Row 0 parents (−1 for the root), row 1 ids. */
export const DEFAULT_KINTREE = Int32Array.from([-1, 0, 1, 1, 1, 0, 1, 2, 3, 4]);

export { DEFAULT_HEAD };
