import { rodrigues } from '../math/rodrigues.ts';
import { chainTransforms } from './kinematicChain.ts';
import { dotOffset } from '../math/dotOffset.ts';
import { NUM_FLAME_JOINTS, NUM_POSE_FEATURES, type FaceModel, type LandmarkEmbedding } from './FaceModel.ts';

/**
 * A face model cut down to the vertices its 468-landmark embedding touches, so the landmarks can be
 * decoded on the host in a fraction of a millisecond (a full-mesh LBS costs far more than the per-face
 * budget). The linear parts are kept per vertex and the joints are pre-regressed as linear functions of
 * β and ψ (J = J_reg·(T + Sβ + Eψ) is linear), so the result equals `lbs` on those vertices.
 */
export interface LandmarkBasis {
  readonly numShape: number;
  readonly numExpression: number;
  /** U vertices used by the embedding. */
  readonly count: number;
  /** U×3 neutral, U×3×nβ, U×3×nψ, U×3×36, U×J. */
  readonly template: Float64Array;
  readonly shapedirs: Float32Array;
  readonly exprdirs: Float32Array;
  readonly posedirs: Float32Array;
  readonly weights: Float64Array;
  /** J×3 rest joints, J×3×nβ and J×3×nψ their change per unit β_k, ψ_k. */
  readonly joints: Float64Array;
  readonly jointShape: Float64Array;
  readonly jointExpr: Float64Array;
  readonly parents: Int32Array;
  readonly jawFromExpr: Float64Array;
  /** L×3 indices into the U vertices and their barycentric weights. */
  readonly corner: Uint32Array;
  readonly bary: Float64Array;
  /** L landmarks (468). */
  readonly landmarks: number;
}

export function createLandmarkBasis(model: FaceModel, embedding: LandmarkEmbedding = model.landmarks468): LandmarkBasis {
  const V = model.numVertices, J = NUM_FLAME_JOINTS, nb = model.numShape, ne = model.numExpression, P = NUM_POSE_FEATURES;
  const L = embedding.faceIdx.length;
  const local = new Map<number, number>();
  const corner = new Uint32Array(L * 3);
  for (let l = 0; l < L; l++) for (let k = 0; k < 3; k++) {
    const v = model.faces[3 * embedding.faceIdx[l] + k];
    if (!local.has(v)) local.set(v, local.size);
    corner[3 * l + k] = local.get(v)!;
  }
  const U = local.size;
  const template = new Float64Array(U * 3), shapedirs = new Float32Array(U * 3 * nb), exprdirs = new Float32Array(U * 3 * ne);
  const posedirs = new Float32Array(U * 3 * P), weights = new Float64Array(U * J);
  for (const [v, u] of local) {
    for (let c = 0; c < 3; c++) {
      template[u * 3 + c] = model.v_template[v * 3 + c];
      for (let k = 0; k < nb; k++) shapedirs[(u * 3 + c) * nb + k] = model.shapedirs[(v * 3 + c) * nb + k];
      for (let k = 0; k < ne; k++) exprdirs[(u * 3 + c) * ne + k] = model.exprdirs[(v * 3 + c) * ne + k];
      for (let q = 0; q < P; q++) posedirs[(u * 3 + c) * P + q] = model.posedirs[(v * 3 + c) * P + q];
    }
    for (let j = 0; j < J; j++) weights[u * J + j] = model.weights[v * J + j];
  }
  const joints = new Float64Array(J * 3), jointShape = new Float64Array(J * 3 * nb), jointExpr = new Float64Array(J * 3 * ne);
  for (let j = 0; j < J; j++) for (let v = 0; v < V; v++) {
    const w = model.J_regressor[j * V + v];
    if (w === 0) continue;
    for (let c = 0; c < 3; c++) {
      joints[j * 3 + c] += w * model.v_template[v * 3 + c];
      for (let k = 0; k < nb; k++) jointShape[(j * 3 + c) * nb + k] += w * model.shapedirs[(v * 3 + c) * nb + k];
      for (let k = 0; k < ne; k++) jointExpr[(j * 3 + c) * ne + k] += w * model.exprdirs[(v * 3 + c) * ne + k];
    }
  }
  return {
    numShape: nb, numExpression: ne, count: U, template, shapedirs, exprdirs, posedirs, weights, joints, jointShape, jointExpr,
    parents: Int32Array.from(model.kintree_table.subarray(0, J)), jawFromExpr: Float64Array.from(model.jawFromExpr),
    corner, bary: Float64Array.from(embedding.bary), landmarks: L,
  };
}

/**
 * The L landmarks (model space, θ_global included) of β, ψ, θ, as `lbs` computes them: blend shapes,
 * joints, ψ-driven jaw, pose correctives, forward kinematics, skinning, barycentric embedding.
 * Fewer β or ψ values than the model has count as zeros. Writes L×3 into `out`.
 */
export function decodeLandmarks(b: LandmarkBasis, beta: ArrayLike<number>, psi: ArrayLike<number>, theta: ArrayLike<number>, out: Float64Array = new Float64Array(b.landmarks * 3)): Float64Array {
  const U = b.count, J = NUM_FLAME_JOINTS, nb = b.numShape, ne = b.numExpression, P = NUM_POSE_FEATURES;
  const kb = Math.min(nb, beta.length), ke = Math.min(ne, psi.length);
  const vs = new Float64Array(U * 3);
  // Blend shapes, skipping zero coefficients (most of ψ on most faces, all of β for a neutral identity).
  vs.set(b.template);
  addBlend(vs, b.shapedirs, nb, beta, kb);
  addBlend(vs, b.exprdirs, ne, psi, ke);
  const Jp = new Float64Array(J * 3);
  for (let i = 0; i < J * 3; i++) {
    let s = b.joints[i];
    for (let k = 0; k < kb; k++) s += b.jointShape[i * nb + k] * beta[k];
    for (let k = 0; k < ke; k++) s += b.jointExpr[i * ne + k] * psi[k];
    Jp[i] = s;
  }
  const th = new Float64Array(3 * J);
  for (let i = 0; i < 3 * J; i++) th[i] = theta[i] ?? 0;
  for (let k = 0; k < ke; k++) for (let c = 0; c < 3; c++) th[6 + c] += psi[k] * b.jawFromExpr[3 * k + c];
  const R = new Float64Array(J * 9);
  for (let j = 0; j < J; j++) rodrigues(th[3 * j], th[3 * j + 1], th[3 * j + 2], R, 9 * j);
  const pf = new Float64Array(P);
  for (let j = 1; j < J; j++) for (let e = 0; e < 9; e++) pf[9 * (j - 1) + e] = R[9 * j + e] - (e % 4 === 0 ? 1 : 0);
  addBlend(vs, b.posedirs, P, pf, P);
  // World transforms G_j = G_parent · [R_j | J_j − J_parent]; A_j = G_j · [I | −J_j].
  const { rotation: GR, joints: Gt, skin: At } = chainTransforms(b.parents, R, Jp, J);
  const posed = new Float64Array(U * 3);
  for (let u = 0; u < U; u++) for (let r = 0; r < 3; r++) {
    let s = 0;
    for (let j = 0; j < J; j++) {
      const w = b.weights[u * J + j];
      if (w === 0) continue;
      s += w * (At[3 * j + r] + GR[9 * j + 3 * r] * vs[3 * u] + GR[9 * j + 3 * r + 1] * vs[3 * u + 1] + GR[9 * j + 3 * r + 2] * vs[3 * u + 2]);
    }
    posed[u * 3 + r] = s;
  }
  for (let l = 0; l < b.landmarks; l++) for (let c = 0; c < 3; c++) {
    out[3 * l + c] = b.bary[3 * l] * posed[3 * b.corner[3 * l] + c] + b.bary[3 * l + 1] * posed[3 * b.corner[3 * l + 1] + c] + b.bary[3 * l + 2] * posed[3 * b.corner[3 * l + 2] + c];
  }
  return out;
}

/**
 * vs[i] += Σ_k dirs[i·n + k]·c[k] for k < m: over the non-zero c[k] only when they are few (a gather), else as a dense
 * four-sum dot product (contiguous, faster than the gather once half the coefficients are in use).
 */
function addBlend(vs: Float64Array, dirs: Float32Array, n: number, c: ArrayLike<number>, m: number): void {
  const idx: number[] = [], val: number[] = [];
  let last = -1;
  for (let k = 0; k < m; k++) if (c[k] !== 0) { idx.push(k); val.push(c[k]); last = k; }
  const A = idx.length;
  if (A === 0) return;
  if (2 * A > last + 1) {
    const M = last + 1, x = Float64Array.from({ length: M }, (_, k) => c[k]);
    for (let i = 0, o = 0; i < vs.length; i++, o += n) vs[i] += dotOffset(dirs, o, x, M);
    return;
  }
  for (let i = 0, o = 0; i < vs.length; i++, o += n) {
    let s = 0;
    for (let a = 0; a < A; a++) s += dirs[o + idx[a]] * val[a];
    vs[i] += s;
  }
}
