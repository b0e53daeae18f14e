import { rodrigues } from '../math/rodrigues.ts';
import { chainTransforms } from './kinematicChain.ts';
import { NUM_FLAME_JOINTS, NUM_POSE_FEATURES, type FaceModel, type LandmarkEmbedding } from './FaceModel.ts';

/** FLAME parameters of a batch of B faces as flat row-major arrays (missing = zeros). */
export interface FlameParamArrays {
  readonly batch: number;
  /** B×k, k ≤ nβ */
  readonly beta?: ArrayLike<number>;
  /** B×k, k ≤ nψ */
  readonly psi?: ArrayLike<number>;
  /** B×15 axis-angle, radians */
  readonly theta?: ArrayLike<number>;
}

export interface LbsReferenceResult {
  /** B×V×3 */
  readonly vertices: Float64Array;
  /** B×J×3 */
  readonly joints: Float64Array;
  /** B×L×3 */
  readonly landmarks468: Float64Array;
  /** B×68×3 */
  readonly landmarks68: Float64Array;
}

/**
 * The same linear blend skinning as `lbs`, in plain float64 JavaScript, one face at a time and
 * written for clarity (used by tests as the reference).
 */
export function lbsReference(model: FaceModel, p: FlameParamArrays): LbsReferenceResult {
  const B = p.batch, V = model.numVertices, J = NUM_FLAME_JOINTS, nb = model.numShape, ne = model.numExpression;
  const kb = p.beta ? p.beta.length / B : 0, ke = p.psi ? p.psi.length / B : 0;
  const vertices = new Float64Array(B * V * 3), joints = new Float64Array(B * J * 3);
  const L4 = model.landmarks468.faceIdx.length, L6 = model.landmarks68.faceIdx.length;
  const landmarks468 = new Float64Array(B * L4 * 3), landmarks68 = new Float64Array(B * L6 * 3);
  const vs = new Float64Array(V * 3), R = new Float64Array(J * 9);
  for (let b = 0; b < B; b++) {
    // Blend shapes.
    for (let i = 0; i < 3 * V; i++) {
      let s = model.v_template[i];
      for (let k = 0; k < kb; k++) s += model.shapedirs[i * nb + k] * p.beta![b * kb + k];
      for (let k = 0; k < ke; k++) s += model.exprdirs[i * ne + k] * p.psi![b * ke + k];
      vs[i] = s;
    }
    // Joints from the shaped, unposed mesh.
    const Jp = new Float64Array(J * 3);
    for (let j = 0; j < J; j++) for (let v = 0; v < V; v++) {
      const w = model.J_regressor[j * V + v];
      if (w !== 0) for (let c = 0; c < 3; c++) Jp[3 * j + c] += w * vs[3 * v + c];
    }
    // Rotations, with the AU-driven jaw added to θ_jaw.
    const th = new Float64Array(3 * J);
    for (let i = 0; i < 3 * J; i++) th[i] = p.theta ? p.theta[b * 3 * J + i] : 0;
    for (let k = 0; k < ke; k++) for (let c = 0; c < 3; c++) th[6 + c] += p.psi![b * ke + k] * model.jawFromExpr[3 * k + c];
    for (let j = 0; j < J; j++) rodrigues(th[3 * j], th[3 * j + 1], th[3 * j + 2], R, 9 * j);
    // Pose correctives.
    const pf = new Float64Array(NUM_POSE_FEATURES);
    for (let j = 1; j < J; j++) for (let e = 0; e < 9; e++) pf[9 * (j - 1) + e] = R[9 * j + e] - (e % 4 === 0 ? 1 : 0);
    for (let i = 0; i < 3 * V; i++) {
      let s = 0;
      for (let q = 0; q < NUM_POSE_FEATURES; q++) s += model.posedirs[i * NUM_POSE_FEATURES + q] * pf[q];
      vs[i] += s;
    }
    // World transforms G_j = G_parent · [R_j | J_j − J_parent]; A_j = G_j · [I | −J_j].
    const { rotation: GR, joints: Gt, skin: At } = chainTransforms(model.kintree_table, R, Jp, J);
    joints.set(Gt, b * J * 3);
    // Skinning.
    for (let v = 0; v < V; v++) for (let r = 0; r < 3; r++) {
      let s = 0;
      for (let j = 0; j < J; j++) {
        const w = model.weights[v * J + j];
        if (w === 0) continue;
        let x = At[3 * j + r];
        for (let k = 0; k < 3; k++) x += GR[9 * j + 3 * r + k] * vs[3 * v + k];
        s += w * x;
      }
      vertices[(b * V + v) * 3 + r] = s;
    }
    embed(model, model.landmarks468, vertices.subarray(b * V * 3, (b + 1) * V * 3), landmarks468.subarray(b * L4 * 3, (b + 1) * L4 * 3));
    embed(model, model.landmarks68, vertices.subarray(b * V * 3, (b + 1) * V * 3), landmarks68.subarray(b * L6 * 3, (b + 1) * L6 * 3));
  }
  return { vertices, joints, landmarks468, landmarks68 };
}

function embed(model: FaceModel, e: LandmarkEmbedding, verts: Float64Array, out: Float64Array): void {
  for (let l = 0; l < e.faceIdx.length; l++) for (let c = 0; c < 3; c++) {
    let s = 0;
    for (let k = 0; k < 3; k++) s += e.bary[3 * l + k] * verts[3 * model.faces[3 * e.faceIdx[l] + k] + c];
    out[3 * l + c] = s;
  }
}
