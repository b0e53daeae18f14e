import * as tf from '@tensorflow/tfjs';
import { AurigError } from '../errors/AurigError.ts';
import { RODRIGUES_EPS } from '../math/rodrigues.ts';
import { NUM_FLAME_JOINTS, type FaceModel } from './FaceModel.ts';
import { modelTensors, type LandmarkTensors } from './modelTensors.ts';

/** FLAME parameters of a batch of B faces; every field optional (missing = zeros). */
export interface FlameParamTensors {
  /** B×k identity coefficients, k ≤ nβ (the first k components are used). */
  readonly beta?: tf.Tensor2D;
  /** B×k expression coefficients, k ≤ nψ. */
  readonly psi?: tf.Tensor2D;
  /** B×15 axis-angle (radians) for global, neck, jaw, left eye, right eye. */
  readonly theta?: tf.Tensor2D;
}

export interface LbsOptions {
  /** Also return the 468 and 68 landmarks; default true. */
  readonly landmarks?: boolean;
}

export interface LbsResult {
  /** B×V×3 posed vertices, model space and unit. */
  readonly vertices: tf.Tensor3D;
  /** B×J×3 posed joint positions. */
  readonly joints: tf.Tensor3D;
  /** B×L×3 landmarks of `model.landmarks468` (L = 0 when the model has none, or landmarks: false). */
  readonly landmarks468: tf.Tensor3D;
  /** B×68×3 landmarks of `model.landmarks68` (or B×0×3). */
  readonly landmarks68: tf.Tensor3D;
}

/** Defaults of {@link lbs}'s options. */
export const DEFAULT_LBS_OPTIONS = { landmarks: true } as const;

/**
 * FLAME linear blend skinning in tfjs, batched and differentiable (DECA `lbs.py`, FLAME paper
 * Eq. 1–3): shape and expression offsets, joint regression, batch Rodrigues, pose-corrective
 * offsets from (R_j − I), rigid transforms along the kinematic tree, skinning, then landmarks by
 * barycentric embedding. θ_jaw gets ψ·`jawFromExpr` added first (the default model's AU26/AU27).
 * Call `initBackend()` first. The caller owns (and disposes) the returned tensors.
 */
export function lbs(model: FaceModel, params: FlameParamTensors, options: LbsOptions = {}): LbsResult {
  const withLandmarks = options.landmarks ?? DEFAULT_LBS_OPTIONS.landmarks;
  const B = batchSize(params);
  const mt = modelTensors(model);
  return tf.tidy(() => {
    const beta = padColumns(params.beta, B, model.numShape, 'beta');
    const psi = padColumns(params.psi, B, model.numExpression, 'psi');
    let theta = params.theta ?? tf.zeros([B, 3 * NUM_FLAME_JOINTS]);
    if (theta.shape[0] !== B || theta.shape[1] !== 3 * NUM_FLAME_JOINTS) {
      throw new AurigError('E_BAD_PARAMS', `theta has shape [${theta.shape}], expected [${B}, 15] (axis-angle of global, neck, jaw, left eye, right eye)`, { value: theta.shape });
    }
    if (mt.jawFromExpr) theta = theta.add(tf.matMul(psi, mt.jawFromExpr).pad([[0, 0], [6, 6]]));
    const J = NUM_FLAME_JOINTS, V = model.numVertices;
    const rot = batchRodrigues(theta.reshape([B * J, 3])).reshape([B, J, 3, 3]) as tf.Tensor4D;
    // Pose features (R_j − I), j ≥ 1: B×36.
    const poseFeature = rot.slice([0, 1, 0, 0], [B, J - 1, 3, 3]).sub(tf.eye(3)).reshape([B, 9 * (J - 1)]);
    // Shape, expression and pose-corrective offsets in one product per coordinate: 3 × (B×V).
    const coeffs = tf.concat([beta, psi, poseFeature], 1);
    const xyz = [0, 1, 2].map((c) => tf.matMul(coeffs, mt.dirs[c]).add(mt.vTemplate[c]));
    // Joints regressed from the unposed shaped mesh: J_regressor·(v_template + dirs·[β, ψ]).
    const joints = tf.matMul(tf.concat([beta, psi], 1), mt.jointDirs).add(mt.jointTemplate).reshape([B, J, 3]) as tf.Tensor3D;
    const { posedJoints, transforms } = rigidTransforms(rot, joints, model.kintree_table);
    // Skinning: per-vertex transform entries T_rk = Σ_j w_vj A_j[r,k] (B×V each), then
    // v'_r = T_r0 x + T_r1 y + T_r2 z + T_r3.
    const out = [0, 1, 2].map((r) => {
      let acc = tf.matMul(transforms[9 + r], mt.weightsT);
      for (let k = 0; k < 3; k++) acc = acc.add(tf.matMul(transforms[3 * r + k], mt.weightsT).mul(xyz[k]));
      return acc as tf.Tensor2D;
    });
    return {
      vertices: toPoints(out, B, V),
      joints: posedJoints,
      landmarks468: withLandmarks ? readLandmarks(out, mt.lmk468, B) : tf.zeros([B, 0, 3]) as tf.Tensor3D,
      landmarks68: withLandmarks ? readLandmarks(out, mt.lmk68, B) : tf.zeros([B, 0, 3]) as tf.Tensor3D,
    };
  });
}

/** Three coordinate arrays (B×N each) → B×N×3 points. */
function toPoints(xyz: tf.Tensor2D[], B: number, N: number): tf.Tensor3D {
  return tf.concat(xyz, 1).reshape([B, 3, N]).transpose([0, 2, 1]);
}

function batchSize(p: FlameParamTensors): number {
  const b = p.beta?.shape[0] ?? p.psi?.shape[0] ?? p.theta?.shape[0];
  if (b === undefined) throw new AurigError('E_BAD_PARAMS', 'lbs needs at least one of beta, psi, theta to know the batch size; pass e.g. theta = tf.zeros([B, 15])');
  return b;
}

function padColumns(t: tf.Tensor2D | undefined, B: number, n: number, name: string): tf.Tensor2D {
  if (!t) return tf.zeros([B, n]);
  if (t.rank !== 2 || t.shape[0] !== B || t.shape[1] > n) {
    throw new AurigError('E_BAD_PARAMS', `${name} has shape [${t.shape}], expected [${B}, k] with k ≤ ${n}`, { value: t.shape });
  }
  return t.shape[1] === n ? t : t.pad([[0, 0], [0, n - t.shape[1]]]);
}

/** N×3 axis-angle → N×3×3 rotation matrices (DECA `batch_rodrigues`). */
export function batchRodrigues(rotVecs: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const N = rotVecs.shape[0];
    const angle = rotVecs.add(RODRIGUES_EPS).square().sum(1, true).sqrt(); // N×1
    const dir = rotVecs.div(angle);
    const [x, y, z] = tf.split(dir, 3, 1);
    const zero = tf.zerosLike(x);
    const K = tf.concat([zero, z.neg(), y, z, zero, x.neg(), y.neg(), x, zero], 1).reshape([N, 3, 3]);
    const s = angle.sin().reshape([N, 1, 1]);
    const c = tf.scalar(1).sub(angle.cos()).reshape([N, 1, 1]);
    return tf.eye(3).expandDims(0).add(K.mul(s)).add(tf.matMul(K, K).mul(c)) as tf.Tensor3D;
  });
}

/**
 * Rigid transforms along the kinematic tree (DECA `batch_rigid_transform`): G_j = G_parent ·
 * [R_j | J_j − J_parent], and A_j = G_j · [I | −J_j] that maps rest-pose points to posed ones.
 * Returns the posed joints and A's twelve entries (row-major 3×3 rotation, then translation),
 * each as a B×J tensor.
 */
function rigidTransforms(rot: tf.Tensor4D, joints: tf.Tensor3D, kintree: Int32Array): { posedJoints: tf.Tensor3D; transforms: tf.Tensor2D[] } {
  const [B, J] = rot.shape;
  const Rw: tf.Tensor3D[] = [], tw: tf.Tensor3D[] = [];
  const jt = (j: number): tf.Tensor3D => joints.slice([0, j, 0], [B, 1, 3]).reshape([B, 3, 1]);
  for (let j = 0; j < J; j++) {
    const Rj = rot.slice([0, j, 0, 0], [B, 1, 3, 3]).reshape([B, 3, 3]) as tf.Tensor3D;
    const parent = kintree[j];
    if (parent < 0) { Rw.push(Rj); tw.push(jt(j)); continue; }
    const rel = jt(j).sub(jt(parent));
    Rw.push(tf.matMul(Rw[parent], Rj));
    tw.push(tf.matMul(Rw[parent], rel).add(tw[parent]) as tf.Tensor3D);
  }
  const posedJoints = tf.concat(tw.map((t) => t.reshape([B, 1, 3])), 1) as tf.Tensor3D;
  // B×12×J, then one B×J tensor per entry.
  const A = tf.stack(Rw.map((R, j) => tf.concat([R.reshape([B, 9]), tw[j].sub(tf.matMul(R, jt(j))).reshape([B, 3])], 1)), 2);
  const transforms = tf.unstack(A.transpose([1, 0, 2])) as tf.Tensor2D[];
  return { posedJoints, transforms };
}

/** Landmarks off the skinned coordinate arrays (B×V each) → B×L×3. */
function readLandmarks(xyz: tf.Tensor2D[], lmk: LandmarkTensors, B: number): tf.Tensor3D {
  const L = lmk.count;
  if (L === 0) return tf.zeros([B, 0, 3]);
  let cols: tf.Tensor2D[];
  if (lmk.kind === 'range') cols = xyz.map((a) => a.slice([0, lmk.first!], [B, L]));
  else if (lmk.kind === 'vertices') cols = xyz.map((a) => tf.gather(a, lmk.vertexIdx!, 1));
  else {
    const w = tf.unstack(lmk.bary!); // 3 × (L)
    cols = xyz.map((a) => {
      const g = tf.gather(a, lmk.vertexIdx!, 1); // B×3L, corner-major
      return [0, 1, 2].map((k) => g.slice([0, k * L], [B, L]).mul(w[k])).reduce((p, q) => p.add(q)) as tf.Tensor2D;
    });
  }
  return toPoints(cols, B, L);
}

