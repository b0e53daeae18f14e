import type { HeadPose } from '../detect/types.ts';
import type { AufartModel } from './AufartModel.ts';
import { alignLandmarks, type AlignedLandmarks } from './alignLandmarks.ts';
import { allocateFeatureBatch, writeAufartFeatures } from './aufartFeatures.ts';
import { aufartForwardHost, type HostWeights } from './forwardHost.ts';
import { matrixToAxisAngle, matrixToHeadPose, mat3Mul, rot6ToMat3, type Mat3 } from './rotation.ts';

/** Millimetres of model-space translation per unit of the camera translation output. */
export const CAMERA_UNIT_MM = 10;

/** Weak-perspective camera: image x = s·X + tx, image y = ty − s·Y for a model-space point rotated by the head pose (pixels, px/mm). */
export interface WeakPerspectiveCamera {
  readonly s: number;
  readonly tx: number;
  readonly ty: number;
}

/** The regressor's answer for one face, before it is packed into `FaceParams`. */
export interface AufartPrediction {
  /** AU intensity 0..1 per AU token name. */
  readonly aus: Record<string, number>;
  /** AU presence probability per AU token name. */
  readonly auPresence: Record<string, number>;
  /** ψ, one per `layout.exprNames`. */
  readonly expression: Float32Array;
  /** β, `layout.nShape` values. */
  readonly shape: Float32Array;
  /** θ: 15 axis-angle values (global, neck, jaw, left eye, right eye), radians; global is about the model origin. */
  readonly pose: Float32Array;
  readonly camera: WeakPerspectiveCamera;
  /** Head rotation, row-major (model → camera). */
  readonly rotation: Mat3;
  /** Head pose (radians) in the detector's `HeadPose` convention. */
  readonly headPose: HeadPose;
  /** The similarity fit of the landmarks (residual in mm). */
  readonly aligned: AlignedLandmarks;
}

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
const finite = (x: number) => (Number.isFinite(x) ? x : 0);

/**
 * Runs a loaded AUFART model on one face's 468 landmarks (image pixels, z relative) on the host:
 * similarity alignment, token features, the Eq. 3–6 forward pass, and decoding to ψ, θ, c, β and AUs.
 * Allocation-light and tensor-free, so it meets the per-face budget on one core.
 */
export class AufartRegressor {
  readonly model: AufartModel;
  private readonly host: HostWeights;
  private readonly batch;

  constructor(model: AufartModel) {
    this.model = model;
    this.host = {};
    for (const [k, t] of Object.entries(model.weights)) this.host[k] = Float32Array.from(t.dataSync());
    this.batch = allocateFeatureBatch(1, model.layout, model.config);
  }

  predict(landmarks: ArrayLike<number>): AufartPrediction {
    const { layout, config } = this.model;
    const aligned = alignLandmarks(landmarks, layout.template, layout.rigidIndex);
    writeAufartFeatures(aligned, layout, config, this.batch, 0);
    const out = aufartForwardHost(this.host, config, layout.auNames.length, this.batch.au, this.batch.region, this.batch.pose);
    return decodeHostOutput(out.reg, out.auIntensity, out.auPresenceLogit, aligned, this.model);
  }

  /** Nothing to free on the host; the model's tensors belong to the caller. */
  dispose(): void {}
}

/** [REG] outputs (ψ, rot6 offset from `ROT6_IDENTITY`, θ rest, camera, β) and AU heads → the prediction. */
function decodeHostOutput(reg: Float32Array, intensity: Float32Array, presenceLogit: Float32Array, aligned: AlignedLandmarks, model: AufartModel): AufartPrediction {
  const { layout } = model;
  const nE = layout.exprNames.length;
  let o = 0;
  const expression = Float32Array.from(reg.subarray(o, (o += nE)), (v, k) => finite(v + (layout.exprAu[k] >= 0 ? intensity[layout.exprAu[k]] : 0)));
  const r6 = reg.subarray(o, (o += 6));
  const Rd = rot6ToMat3([1 + r6[0], r6[1], r6[2], r6[3], 1 + r6[4], r6[5]]);
  const rest = reg.subarray(o, (o += 12));
  const cam = reg.subarray(o, (o += 3));
  const shape = Float32Array.from(reg.subarray(o, (o += layout.nShape)), finite);
  const rotation = mat3Mul(aligned.rotation, Rd);
  const pose = new Float32Array(15);
  pose.set(matrixToAxisAngle(rotation).map(finite), 0);
  for (let i = 0; i < 12; i++) pose[3 + i] = finite(rest[i]);
  const s0 = aligned.scale;
  const camera = { s: finite(s0 * Math.exp(Math.max(-2, Math.min(2, cam[0])))), tx: finite(aligned.tx + s0 * cam[1] * CAMERA_UNIT_MM), ty: finite(aligned.ty + s0 * cam[2] * CAMERA_UNIT_MM) };
  const aus: Record<string, number> = {}, auPresence: Record<string, number> = {};
  layout.auNames.forEach((n, i) => { aus[n] = clamp01(intensity[i]); auPresence[n] = clamp01(1 / (1 + Math.exp(-presenceLogit[i]))); });
  const hp = matrixToHeadPose(rotation);
  return { aus, auPresence, expression, shape, pose, camera, rotation, headPose: { yaw: finite(hp.yaw), pitch: finite(hp.pitch), roll: finite(hp.roll) }, aligned };
}
