import type { HeadPose } from '../detect/types.ts';
import type { AufartModel } from './AufartModel.ts';
import { alignLandmarks, type AlignedLandmarks } from './alignLandmarks.ts';
import { writeAufartFeatures } from './aufartFeatures.ts';
import { HostForward, type HostWeights } from './forwardHost.ts';
import { refitShape, createShapeFitBasis, DEFAULT_REFIT_OPTIONS, type RefitOptions, type ShapeFitBasis } from './refitShape.ts';
import { createLandmarkBasis, decodeLandmarks } from '../facemodel/landmarkBasis.ts';
import { createDefaultFaceModel } from '../facemodel/createDefaultFaceModel.ts';
import type { FaceModel } from '../facemodel/FaceModel.ts';
import { AurigError } from '../errors/AurigError.ts';
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
  /** β: all of the face model's components after the refit (`refitShape`), else the network's `layout.nShape`. */
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

export interface AufartRegressorOptions {
  /**
   * The face model the weights were trained for, used by the identity and camera refit (`refitShape`). Default: the
   * default face model when the weights' neutral landmarks are its own (the shipped weights); null: no refit.
   */
  readonly faceModel?: FaceModel | null;
  /** Refit settings, or false for the network's β and camera as they are. Default: `DEFAULT_REFIT_OPTIONS`. */
  readonly refit?: RefitOptions | false;
}

/** Largest gap (mm) between the weights' neutral landmarks and a face model's for the two to be the same model. */
const TEMPLATE_MATCH_MM = 1e-3;

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
const finite = (x: number) => (Number.isFinite(x) ? x : 0);

/**
 * Runs a loaded AUFART model on one face's 468 landmarks (image pixels, z relative) on the host:
 * similarity alignment, token features, the Eq. 3–6 forward pass, and decoding to ψ, θ, c, β and AUs.
 * Allocation-light and tensor-free, so it meets the per-face budget on one core.
 */
export class AufartRegressor {
  readonly model: AufartModel;
  private readonly host: HostForward;
  private readonly fit: ShapeFitBasis | undefined;
  private readonly refitOptions: RefitOptions;

  constructor(model: AufartModel, options: AufartRegressorOptions = {}) {
    this.model = model;
    this.refitOptions = options.refit || DEFAULT_REFIT_OPTIONS;
    const { lambda, iterations } = this.refitOptions;
    if (!(lambda >= 0 && Number.isFinite(lambda)) || !(Number.isInteger(iterations) && iterations >= 1)) {
      throw new AurigError('E_BAD_OPTION', `refit needs lambda ≥ 0 and a whole number of iterations ≥ 1, got lambda ${lambda}, iterations ${iterations}`, { value: this.refitOptions });
    }
    if (options.refit !== false && options.faceModel !== null) this.fit = shapeFitFor(model, options.faceModel);
    const weights: HostWeights = {};
    for (const [k, t] of Object.entries(model.weights)) weights[k] = t.dataSync() as Float32Array;
    this.host = new HostForward(weights, model.config, model.layout.auNames.length);
  }

  predict(landmarks: ArrayLike<number>): AufartPrediction {
    const { layout, config } = this.model;
    const aligned = alignLandmarks(landmarks, layout.template, layout.rigidIndex);
    writeAufartFeatures(aligned, layout, config, this.host.inputs, 0);
    const out = this.host.run();
    const p = decodeHostOutput(out.reg, out.auIntensity, out.auPresenceLogit, aligned, this.model);
    if (!this.fit || !Number.isFinite(aligned.residual)) return p;
    const r = refitShape(this.fit, { landmarks, beta: p.shape, psi: p.expression, theta: p.pose, rotation: p.rotation, camera: p.camera }, this.refitOptions);
    return { ...p, shape: r.beta, camera: r.camera };
  }

  /** Nothing to free on the host; the model's tensors belong to the caller. */
  dispose(): void {}
}

/** The refit basis of the face model the weights belong to (see `AufartRegressorOptions.faceModel`). */
function shapeFitFor(model: AufartModel, given: FaceModel | undefined): ShapeFitBasis | undefined {
  const { layout } = model;
  const face = given ?? createDefaultFaceModel();
  const basis = createLandmarkBasis(face);
  const neutral = decodeLandmarks(basis, [], [], new Array(15).fill(0));
  let gap = face.numExpression === layout.exprNames.length ? 0 : Infinity;
  for (let i = 0; i < neutral.length && gap <= TEMPLATE_MATCH_MM; i++) gap = Math.max(gap, Math.abs(neutral[i] - layout.template[i]));
  if (gap <= TEMPLATE_MATCH_MM) return createShapeFitBasis(basis, face.numShape);
  if (given) throw new AurigError('E_BAD_OPTION', `the face model '${face.name}' is not the one these AUFART weights were trained for (neutral landmarks ${Number.isFinite(gap) ? `more than ${TEMPLATE_MATCH_MM} mm apart` : `with ${face.numExpression} expression components, not ${layout.exprNames.length}`}); pass that model, or faceModel: null for no refit`);
  return undefined;
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
