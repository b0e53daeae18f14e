import * as tf from '@tensorflow/tfjs';
import type { AufartConfig } from '../config.ts';
import type { TokenLayout } from '../layout.ts';
import type { AufartOutputs, AufartWeights } from '../network.ts';
import { rot6ToMatrix, ROT6_IDENTITY } from '../rotation.ts';
import { CAMERA_UNIT_MM } from '../AufartRegressor.ts';
import { DISPLACEMENT_UNIT_MM } from '../aufartFeatures.ts';
import type { LandmarkDecoder } from './sampleSyntheticBatch.ts';

/** Identity whose gradient is zero (tfjs has no stop_gradient). */
const stopGradient = tf.customGrad(((x: tf.Tensor) => ({ value: x.clone(), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) })) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as <T extends tf.Tensor>(x: T) => T;

/** Loss weights; AUFART's (Eq. 7–11) are the defaults, plus the supervised pre-training terms. */
export interface AufartLossWeights {
  /** L_auLmk, Eq. 8. Default 0.75. */
  readonly auLmk: number;
  /** L_auRel, Eq. 9. Default 0.25. */
  readonly auRel: number;
  /** L_auFeat, Eq. 10. Default 0.75. */
  readonly auFeat: number;
  /** λψ, λθ, λc of L_reg, Eq. 11. Defaults 1e-5, 0.1, 1e-3. */
  readonly lambdaPsi: number;
  readonly lambdaTheta: number;
  readonly lambdaCam: number;
  /** Activation floor added to every AU's p_i in Eq. 8 so unexpressive faces still constrain the fit. Default 0.1. */
  readonly auLmkFloor: number;
  /** Supervised terms (synthetic pre-training; 0 for self-supervised fine-tuning). */
  readonly psi: number;
  readonly intensity: number;
  readonly presence: number;
  readonly rotation: number;
  readonly camera: number;
  readonly beta: number;
  readonly landmarks: number;
}

export const DEFAULT_AUFART_LOSS_WEIGHTS: AufartLossWeights = {
  auLmk: 0.75, auRel: 0.25, auFeat: 0.75, lambdaPsi: 1e-5, lambdaTheta: 0.1, lambdaCam: 1e-3, auLmkFloor: 0.1,
  psi: 4, intensity: 8, presence: 2, rotation: 10, camera: 2, beta: 0.1, landmarks: 0.1,
};

/**
 * Synthetic pre-training weights: the supervised terms lead and the AUFART terms keep the paper's
 * ratios (0.75 / 0.25 / 0.75) at a tenth of their weight, so that their millimetre-scale values do not
 * drown the supervision; self-supervised fine-tuning uses `DEFAULT_AUFART_LOSS_WEIGHTS`.
 */
export const PRETRAIN_LOSS_WEIGHTS: AufartLossWeights = { ...DEFAULT_AUFART_LOSS_WEIGHTS, auLmk: 0.075, auRel: 0.025, auFeat: 0.075 };

/** Everything the losses need besides the network outputs. */
export interface LossContext {
  readonly config: AufartConfig;
  readonly layout: TokenLayout;
  readonly weights: AufartWeights;
  readonly decode: LandmarkDecoder;
  /** Per AU token, the landmark indices of its AUFART Table 1 group (468 index set). */
  readonly auGroups: readonly (readonly number[])[];
  /** 468 → 68 iBUG vertex indices. */
  readonly vtx68: readonly number[];
  /** Configural features c1…c23 (AUFART Table 2) of B×68×2 points: B×23; absent: L_auRel is 0. */
  readonly configural?: (lm68: tf.Tensor3D) => tf.Tensor2D;
}

/** Observed data of a batch (all B-major Float32 tensors). */
export interface LossBatch {
  /** B×468×3 input landmarks (image px). */
  readonly landmarks: tf.Tensor3D;
  /** B×3×3 fitted rotation, B×3 fitted camera (s, tx, ty). */
  readonly fitRotation: tf.Tensor3D;
  readonly fitCamera: tf.Tensor2D;
  /** Supervision (synthetic only). */
  readonly truth?: {
    readonly psi: tf.Tensor2D; readonly intensity: tf.Tensor2D; readonly presence: tf.Tensor2D;
    readonly rotation: tf.Tensor3D; readonly camera: tf.Tensor2D; readonly beta: tf.Tensor2D; readonly clean: tf.Tensor3D;
  };
  /** AU-only supervision (labelled detector landmarks of rig renders: no ψ, β or pose truth). */
  readonly auTruth?: { readonly intensity: tf.Tensor2D; readonly presence: tf.Tensor2D };
}

/** The decoded reconstruction of a batch, differentiable w.r.t. the network outputs. */
export interface Reconstruction {
  /** B×3×3 head rotation. */
  readonly rotation: tf.Tensor3D;
  /** B×1 scale, B×1 tx, B×1 ty. */
  readonly s: tf.Tensor2D;
  readonly tx: tf.Tensor2D;
  readonly ty: tf.Tensor2D;
  /** B×468×3 model-space landmarks (no global rotation). */
  readonly model: tf.Tensor3D;
  /** B×468×2 projected landmarks (image px). */
  readonly projected: tf.Tensor3D;
}

/** Decode network outputs through the face model and the weak-perspective camera. */
export function reconstruct(o: AufartOutputs, batch: LossBatch, decode: LandmarkDecoder): Reconstruction {
  const B = o.psi.shape[0];
  const Rd = rot6ToMatrix(o.rot6.add(tf.tensor1d([...ROT6_IDENTITY])) as tf.Tensor2D);
  const rotation = tf.matMul(batch.fitRotation, Rd);
  const s0 = batch.fitCamera.slice([0, 0], [B, 1]);
  const s = s0.mul(tf.exp(o.cam.slice([0, 0], [B, 1]).clipByValue(-2, 2))) as tf.Tensor2D;
  const tx = batch.fitCamera.slice([0, 1], [B, 1]).add(s0.mul(o.cam.slice([0, 1], [B, 1])).mul(CAMERA_UNIT_MM)) as tf.Tensor2D;
  const ty = batch.fitCamera.slice([0, 2], [B, 1]).add(s0.mul(o.cam.slice([0, 2], [B, 1])).mul(CAMERA_UNIT_MM)) as tf.Tensor2D;
  const theta = tf.concat([tf.zeros([B, 3]), o.thetaRest], 1) as tf.Tensor2D;
  const model = decode(o.beta, o.psi, theta);
  const cam = tf.matMul(model, rotation, false, true) as tf.Tensor3D; // B×468×3: (R X)ᵀ
  const L = model.shape[1];
  const px = cam.slice([0, 0, 0], [B, L, 1]).mul(s.reshape([B, 1, 1])).add(tx.reshape([B, 1, 1]));
  const py = ty.reshape([B, 1, 1]).sub(cam.slice([0, 0, 1], [B, L, 1]).mul(s.reshape([B, 1, 1])));
  return { rotation: rotation as tf.Tensor3D, s, tx, ty, model, projected: tf.concat([px, py], 2) as tf.Tensor3D };
}

/** Geometry AU tokens of model-space landmarks (for L_auFeat), with the token MLP's weights frozen. */
function auTokensOf(modelLm: tf.Tensor3D, ctx: LossContext): tf.Tensor3D {
  const { layout, config } = ctx;
  const B = modelLm.shape[0], N = layout.auNames.length, K = config.auPoints;
  const idx = tf.tensor1d(layout.auIndex, 'int32');
  const g = tf.gather(modelLm, idx, 1).sub(tf.gather(tf.tensor2d(layout.template, [layout.template.length / 3, 3]), idx, 0)); // B×(N·K)×3
  const x = g.mul(tf.tensor1d(layout.auWeight).reshape([1, N * K, 1]).div(DISPLACEMENT_UNIT_MM)).reshape([B, N, K * 3]);
  const w1 = stopGradient(ctx.weights['au.w1']), b1 = stopGradient(ctx.weights['au.b1']);
  const h = tf.relu(tf.matMul(x.transpose([1, 0, 2]) as tf.Tensor3D, w1 as tf.Tensor3D).transpose([1, 0, 2]).add(b1));
  const d = config.width;
  return h.reshape([B * N, d]).matMul(stopGradient(ctx.weights['au.w2']) as tf.Tensor2D).add(stopGradient(ctx.weights['au.b2'])).reshape([B, N, d]) as tf.Tensor3D;
}

/** All loss terms (scalars) and their weighted total. Pixel errors are divided by the fitted scale (→ mm). */
export function aufartLosses(o: AufartOutputs, batch: LossBatch, ctx: LossContext, lw: AufartLossWeights = DEFAULT_AUFART_LOSS_WEIGHTS): { total: tf.Scalar; terms: Record<string, tf.Scalar> } {
  const B = o.psi.shape[0];
  const rec = reconstruct(o, batch, ctx.decode);
  const s0 = batch.fitCamera.slice([0, 0], [B, 1]).reshape([B, 1, 1]);
  const k2 = batch.landmarks.slice([0, 0, 0], [B, batch.landmarks.shape[1], 2]);
  const errMm = tf.abs(k2.sub(rec.projected)).div(s0).sum(2); // B×468, L1 per landmark (mm)
  // Eq. 8: Σ_i p_i Σ_{j∈group_i} |k_j − sΠ(M_j) + t|₁, p_i the predicted activation (not back-propagated).
  const p = stopGradient(tf.sigmoid(o.auPresenceLogit)).add(lw.auLmkFloor); // B×N
  const groupMask = new Float32Array(ctx.auGroups.length * 468);
  ctx.auGroups.forEach((g, i) => { for (const j of g) groupMask[i * 468 + j] = 1; });
  const gm = tf.tensor2d(groupMask, [ctx.auGroups.length, 468]);
  const perLm = p.matMul(gm); // B×468 total weight of each landmark
  const auLmk = errMm.mul(perLm).sum().div(perLm.sum().add(1e-6)) as tf.Scalar;
  // Eq. 9: Σ_i |c_i^k − c_i^{sΠ(M)}|₁ over c1…c23.
  let auRel = tf.scalar(0);
  if (ctx.configural) {
    const v68 = tf.tensor1d(Int32Array.from(ctx.vtx68), 'int32');
    const ck = ctx.configural(tf.gather(k2, v68, 1) as tf.Tensor3D), cm = ctx.configural(tf.gather(rec.projected, v68, 1) as tf.Tensor3D);
    auRel = tf.abs(ck.sub(cm)).div(s0.reshape([B, 1])).sum(1).mean() as tf.Scalar;
  }
  // Eq. 10: ‖AFG(I) − AFG(I_Re)‖₂ with our geometry AU tokens as AFG, averaged over the N tokens (our token scale is arbitrary).
  const auFeat = tf.norm(stopGradient(o.auTokens).sub(auTokensOf(rec.model, ctx)), 'euclidean', [1, 2]).mean().div(o.auTokens.shape[1]) as tf.Scalar;
  // Eq. 11.
  const reg = o.psi.square().sum(1).mean().mul(lw.lambdaPsi)
    .add(o.thetaRest.square().sum(1).mean().mul(lw.lambdaTheta))
    .add(o.cam.square().sum(1).mean().mul(lw.lambdaCam)) as tf.Scalar;
  const terms: Record<string, tf.Scalar> = { auLmk, auRel, auFeat, reg };
  let total = auLmk.mul(lw.auLmk).add(auRel.mul(lw.auRel)).add(auFeat.mul(lw.auFeat)).add(reg) as tf.Scalar;
  const t = batch.truth;
  if (t) {
    const nS = o.beta.shape[1];
    terms.psi = tf.abs(o.psi.sub(t.psi)).mean() as tf.Scalar;
    terms.intensity = tf.abs(o.auIntensity.sub(t.intensity)).mean() as tf.Scalar;
    terms.presence = tf.losses.sigmoidCrossEntropy(t.presence, o.auPresenceLogit) as tf.Scalar;
    terms.rotation = tf.abs(rec.rotation.sub(t.rotation)).mean() as tf.Scalar;
    const ts = t.camera.slice([0, 0], [B, 1]), s0f = batch.fitCamera.slice([0, 0], [B, 1]);
    terms.camera = tf.abs(tf.log(rec.s.div(ts))).mean().add(tf.abs(rec.tx.sub(t.camera.slice([0, 1], [B, 1]))).add(tf.abs(rec.ty.sub(t.camera.slice([0, 2], [B, 1])))).div(s0f.mul(CAMERA_UNIT_MM)).mean()) as tf.Scalar;
    terms.beta = tf.abs(o.beta.sub(t.beta.slice([0, 0], [B, nS]))).mean() as tf.Scalar;
    terms.landmarks = tf.abs(t.clean.sub(rec.projected)).div(s0).sum(2).mean() as tf.Scalar;
    total = total.add(terms.psi.mul(lw.psi)).add(terms.intensity.mul(lw.intensity)).add(terms.presence.mul(lw.presence))
      .add(terms.rotation.mul(lw.rotation)).add(terms.camera.mul(lw.camera)).add(terms.beta.mul(lw.beta)).add(terms.landmarks.mul(lw.landmarks)) as tf.Scalar;
  }
  const a = batch.auTruth;
  if (a) {
    terms.intensity = tf.abs(o.auIntensity.sub(a.intensity)).mean() as tf.Scalar;
    terms.presence = tf.losses.sigmoidCrossEntropy(a.presence, o.auPresenceLogit) as tf.Scalar;
    total = total.add(terms.intensity.mul(lw.intensity)).add(terms.presence.mul(lw.presence)) as tf.Scalar;
  }
  return { total, terms };
}
