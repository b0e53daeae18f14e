import * as tf from '@tensorflow/tfjs';
import type { AufartConfig } from '../config.ts';
import { MESH_POINTS, type TokenLayout } from '../layout.ts';
import type { Rng } from '../rng.ts';
import { alignLandmarks } from '../alignLandmarks.ts';
import { allocateFeatureBatch, writeAufartFeatures, type AufartFeatureBatch } from '../aufartFeatures.ts';
import { headPoseToMatrix } from '../rotation.ts';
import { sampleAus, DEFAULT_AU_SAMPLER, type AuSamplerOptions } from './sampleAus.ts';
import { applyIdentityJitter, jitterBasis, type JitterBasis } from './identityJitter.ts';

const bases = new WeakMap<Float32Array, JitterBasis>();

/** Decodes B faces to their 468 landmarks in model space (mm) with θ's global rotation left out: B×468×3. */
export type LandmarkDecoder = (beta: tf.Tensor2D, psi: tf.Tensor2D, theta: tf.Tensor2D) => tf.Tensor3D;

const DEG = Math.PI / 180;

/** How synthetic faces are drawn; defaults in `DEFAULT_SYNTHETIC_OPTIONS`. */
export interface SyntheticOptions {
  /** Largest |yaw|, |pitch|, |roll| (radians). Default 40°, 25°, 20°. */
  readonly maxYaw: number;
  readonly maxPitch: number;
  readonly maxRoll: number;
  /** Camera scale range in image pixels per millimetre (log-uniform). Default 0.5..3.5 (IOD ≈ 45..300 px). */
  readonly minScale: number;
  readonly maxScale: number;
  /** Image size the faces are placed in (pixels). Default 640×480. */
  readonly width: number;
  readonly height: number;
  /** Standard deviation of β (model units). Default 1. */
  readonly betaStd: number;
  /**
   * Median landmark jitter as a fraction of the inter-ocular distance, x/y and z (measured on the detector:
   * MODEL.md). Each face draws its own level, log-normal around the median. Defaults 0.0069 and 0.0049.
   */
  readonly noiseXY: number;
  readonly noiseZ: number;
  /** Log-normal spread of the per-face noise level. Default 0.8. */
  readonly noiseSpread: number;
  /** Correlated noise: each landmark region shifted together, fraction of IOD. Default 0.004. */
  readonly regionNoise: number;
  /** Range of the factor between the detector's z and x units. Default 0.85..1.15. */
  readonly zScaleMin: number;
  readonly zScaleMax: number;
  readonly aus: AuSamplerOptions;
  /** Scale of the landmark-space identity jitter (`identityJitter.ts`); 0 = faces exactly from the face model. Default 1. */
  readonly identityJitter: number;
}

export const DEFAULT_SYNTHETIC_OPTIONS: SyntheticOptions = {
  maxYaw: 40 * DEG, maxPitch: 25 * DEG, maxRoll: 20 * DEG,
  minScale: 0.5, maxScale: 3.5, width: 640, height: 480, betaStd: 1,
  noiseXY: 0.0069, noiseZ: 0.0049, noiseSpread: 0.8, regionNoise: 0.004, zScaleMin: 0.85, zScaleMax: 1.15,
  aus: DEFAULT_AU_SAMPLER,
  identityJitter: 1,
};

/** A batch of synthetic faces: network inputs, the truth, and the similarity fit of the noisy landmarks. */
export interface SyntheticBatch {
  readonly size: number;
  readonly features: AufartFeatureBatch;
  /** B×|ψ| truth. */
  readonly psi: Float32Array;
  /** B×N AU intensity and presence truth. */
  readonly intensity: Float32Array;
  readonly presence: Float32Array;
  /** B×|β| (the model's full β; the regressor sees the first layout.nShape). */
  readonly beta: Float32Array;
  /** B×9 true head rotation (model → camera). */
  readonly rotation: Float32Array;
  /** B×3 true head pose (yaw, pitch, roll), radians. */
  readonly headPose: Float32Array;
  /** B×3 true camera (s px/mm, tx, ty px). */
  readonly camera: Float32Array;
  /** B×468×3 noisy detector-like landmarks (image px, z relative). */
  readonly landmarks: Float32Array;
  /** B×468×2 clean projected landmarks (image px). */
  readonly clean: Float32Array;
  /** B×9 fitted rotation and B×3 fitted camera (s, tx, ty) of the noisy landmarks. */
  readonly fitRotation: Float32Array;
  readonly fitCamera: Float32Array;
}

function symmetric(rng: Rng, max: number): number {
  // Half uniform over the range, half concentrated near frontal.
  const v = rng.next() < 0.5 ? (2 * rng.next() - 1) * max : rng.normal() * max * 0.35;
  return Math.max(-max, Math.min(max, v));
}

/** Sample B faces: identity, AUs with co-occurrence, head pose, camera; decode, project, add detector-like noise; align and featurise. */
export function sampleSyntheticBatch(rng: Rng, B: number, layout: TokenLayout, config: AufartConfig, decode: LandmarkDecoder, nShapeModel: number, opt: SyntheticOptions = DEFAULT_SYNTHETIC_OPTIONS): SyntheticBatch {
  const nE = layout.exprNames.length, N = layout.auNames.length;
  const psi = new Float32Array(B * nE), intensity = new Float32Array(B * N), presence = new Float32Array(B * N);
  const beta = new Float32Array(B * nShapeModel), rotation = new Float32Array(B * 9), headPose = new Float32Array(B * 3), camera = new Float32Array(B * 3);
  for (let b = 0; b < B; b++) {
    const a = sampleAus(rng, layout.auNames, layout.exprNames, opt.aus);
    psi.set(a.psi, b * nE); intensity.set(a.intensity, b * N); presence.set(a.presence, b * N);
    for (let k = 0; k < nShapeModel; k++) beta[b * nShapeModel + k] = Math.max(-2.5, Math.min(2.5, rng.normal())) * opt.betaStd;
    const yaw = symmetric(rng, opt.maxYaw), pitch = symmetric(rng, opt.maxPitch), roll = symmetric(rng, opt.maxRoll);
    headPose.set([yaw, pitch, roll], b * 3);
    rotation.set(headPoseToMatrix(yaw, pitch, roll), b * 9);
    const s = opt.minScale * Math.exp(rng.next() * Math.log(opt.maxScale / opt.minScale));
    camera.set([s, opt.width * (0.3 + 0.4 * rng.next()), opt.height * (0.3 + 0.4 * rng.next())], b * 3);
  }
  const model = tf.tidy(() => decode(tf.tensor2d(beta, [B, nShapeModel]), tf.tensor2d(psi, [B, nE]), tf.zeros([B, 15]) as tf.Tensor2D));
  const X = Float32Array.from(model.dataSync());
  model.dispose();
  if (opt.identityJitter > 0) {
    let basis = bases.get(layout.template);
    if (!basis) { basis = jitterBasis(layout.template); bases.set(layout.template, basis); }
    for (let b = 0; b < B; b++) applyIdentityJitter(rng, X.subarray(b * MESH_POINTS * 3, (b + 1) * MESH_POINTS * 3), layout.template, basis, opt.identityJitter);
  }
  const landmarks = new Float32Array(B * MESH_POINTS * 3), clean = new Float32Array(B * MESH_POINTS * 2);
  const features = allocateFeatureBatch(B, layout, config);
  const fitRotation = new Float32Array(B * 9), fitCamera = new Float32Array(B * 3);
  const G = config.regions, Kg = config.regionPoints;
  const regionOf = new Int32Array(MESH_POINTS).fill(-1);
  for (let g = 0; g < G; g++) for (let k = 0; k < Kg; k++) if (layout.regionWeight[g * Kg + k] > 0) regionOf[layout.regionIndex[g * Kg + k]] = g;
  const iod = Math.hypot(layout.template[33 * 3] - layout.template[263 * 3], layout.template[33 * 3 + 1] - layout.template[263 * 3 + 1]);
  const shift = new Float64Array(G * 3);
  for (let b = 0; b < B; b++) {
    const R = rotation.subarray(b * 9, b * 9 + 9), [s, tx, ty] = camera.subarray(b * 3, b * 3 + 3);
    const iodPx = iod * s;
    const level = Math.exp(opt.noiseSpread * rng.normal());
    const sxy = opt.noiseXY * level * iodPx, sz = opt.noiseZ * level * iodPx;
    const zk = opt.zScaleMin + (opt.zScaleMax - opt.zScaleMin) * rng.next();
    for (let i = 0; i < shift.length; i++) shift[i] = rng.normal() * opt.regionNoise * iodPx;
    let zMean = 0;
    for (let i = 0; i < MESH_POINTS; i++) {
      const o = (b * MESH_POINTS + i) * 3, x = X[o], y = X[o + 1], z = X[o + 2];
      const cx = R[0] * x + R[1] * y + R[2] * z, cy = R[3] * x + R[4] * y + R[5] * z, cz = R[6] * x + R[7] * y + R[8] * z;
      const g = regionOf[i];
      const gx = g >= 0 ? shift[g * 3] : 0, gy = g >= 0 ? shift[g * 3 + 1] : 0, gz = g >= 0 ? shift[g * 3 + 2] : 0;
      clean[(b * MESH_POINTS + i) * 2] = s * cx + tx;
      clean[(b * MESH_POINTS + i) * 2 + 1] = ty - s * cy;
      landmarks[o] = s * cx + tx + sxy * rng.normal() + gx;
      landmarks[o + 1] = ty - s * cy + sxy * rng.normal() + gy;
      landmarks[o + 2] = -s * cz * zk + sz * rng.normal() + gz;
      zMean += landmarks[o + 2] / MESH_POINTS;
    }
    for (let i = 0; i < MESH_POINTS; i++) landmarks[(b * MESH_POINTS + i) * 3 + 2] -= zMean;
    const al = alignLandmarks(landmarks.subarray(b * MESH_POINTS * 3, (b + 1) * MESH_POINTS * 3), layout.template, layout.rigidIndex);
    writeAufartFeatures(al, layout, config, features, b);
    fitRotation.set(al.rotation, b * 9);
    fitCamera.set([al.scale, al.tx, al.ty], b * 3);
  }
  return { size: B, features, psi, intensity, presence, beta, rotation, headPose, camera, landmarks, clean, fitRotation, fitCamera };
}
