import * as tf from '@tensorflow/tfjs';
import type { AufartConfig } from '../config.ts';
import type { TokenLayout } from '../layout.ts';
import { aufartForward, type AufartWeights } from '../network.ts';
import { initAufartWeights } from '../initAufartWeights.ts';
import { createAufartModel, type AufartModel } from '../AufartModel.ts';
import { createRng } from '../rng.ts';
import { allocateFeatureBatch, writeAufartFeatures } from '../aufartFeatures.ts';
import { alignLandmarks } from '../alignLandmarks.ts';
import { MESH_POINTS } from '../layout.ts';
import { aufartLosses, DEFAULT_AUFART_LOSS_WEIGHTS, type AufartLossWeights, type LossBatch, type LossContext } from './aufartLosses.ts';
import { sampleSyntheticBatch, DEFAULT_SYNTHETIC_OPTIONS, type LandmarkDecoder, type SyntheticOptions } from './sampleSyntheticBatch.ts';
import type { DetectedSet } from './detectedSet.ts';
import { MIRROR468 } from '../../detect/meshTopology.ts';
import { AurigError } from '../../errors/AurigError.ts';

/** Options of `trainAufart`; defaults in `DEFAULT_TRAIN_OPTIONS`. */
export interface TrainAufartOptions {
  /** Optimiser steps. Default 2000. */
  readonly steps: number;
  /** Faces per step. Default 64. */
  readonly batch: number;
  /** Adam learning rate, cosine-decayed to 5% over the steps. Default 1e-3. */
  readonly learningRate: number;
  /** Seed of weights and data. Default 1. */
  readonly seed: number;
  /** Global-norm gradient clip. Default 10. */
  readonly clip: number;
  readonly losses: AufartLossWeights;
  readonly synthetic: SyntheticOptions;
  /** Unlabelled real landmarks (468×3 each) for self-supervised fine-tuning; when given, only the AUFART losses are used on them. */
  readonly real?: readonly Float32Array[];
  /**
   * Labelled detector landmarks (renders of a rig through the real detector) mixed into synthetic
   * pre-training: AU intensity and presence supervised, plus the AUFART losses; no ψ, β or pose truth.
   */
  readonly detected?: DetectedSet;
  /** Share of each synthetic-training batch drawn from `detected`. Default 0.5. */
  readonly detectedShare: number;
  /** Called every `logEvery` steps with the mean loss terms. Default every 50. */
  readonly logEvery: number;
  readonly onLog?: (step: number, terms: Record<string, number>) => void;
  /** Called every `checkpointEvery` steps with the model so far. Default every 500. */
  readonly checkpointEvery: number;
  readonly onCheckpoint?: (step: number, model: AufartModel) => Promise<void> | void;
}

export const DEFAULT_TRAIN_OPTIONS: TrainAufartOptions = {
  steps: 2000, batch: 64, learningRate: 1e-3, seed: 1, clip: 10, detectedShare: 0.5,
  losses: DEFAULT_AUFART_LOSS_WEIGHTS, synthetic: DEFAULT_SYNTHETIC_OPTIONS, logEvery: 50, checkpointEvery: 500,
};

/** What training needs besides the options: the loss context without the weights being trained. */
export interface TrainSetup extends Omit<LossContext, 'weights'> {
  /** nβ of the face model (synthetic identities use all of them). */
  readonly nShapeModel: number;
  /** Start from these weights (fine-tuning); default fresh seeded weights. */
  readonly init?: AufartWeights;
}

function clipByGlobalNorm(grads: Record<string, tf.Tensor>, max: number): Record<string, tf.Tensor> {
  const norm = Math.sqrt(Object.values(grads).reduce((a, g) => a + (g.square().sum().dataSync()[0] as number), 0));
  if (!(norm > max)) return grads;
  const k = max / norm;
  return Object.fromEntries(Object.entries(grads).map(([n, g]) => [n, g.mul(k)]));
}

/**
 * Train AUFART: supervised pre-training on synthetic faces (all losses), or self-supervised fine-tuning
 * on real landmarks (AUFART Eq. 7–11 only) when `options.real` is given. Seeded; returns the model.
 */
export async function trainAufart(setup: TrainSetup, partial: Partial<TrainAufartOptions> = {}): Promise<AufartModel> {
  const opt = { ...DEFAULT_TRAIN_OPTIONS, ...partial };
  const { config, layout } = setup;
  if (opt.detected && opt.detected.auNames.join() !== layout.auNames.join()) {
    throw new AurigError('E_BAD_OPTION', `the detected set is labelled for AUs ${opt.detected.auNames.join(',')}, the layout has ${layout.auNames.join(',')}; remake it`);
  }
  const sizes = { nAu: layout.auNames.length, nExpr: layout.exprNames.length, nShape: layout.nShape };
  const vars = initAufartWeights(config, sizes, opt.seed);
  if (setup.init) for (const [k, t] of Object.entries(setup.init)) vars[k].assign(t);
  const rng = createRng(opt.seed * 7919 + 13);
  const adam = tf.train.adam(opt.learningRate);
  const ctx: LossContext = { config, layout, weights: vars, decode: setup.decode, auGroups: setup.auGroups, vtx68: setup.vtx68, configural: setup.configural };
  const sums: Record<string, number> = {};
  let count = 0;
  const snapshot = (step: number) => createAufartModel(config, layout, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.clone()])), { steps: step, seed: opt.seed, batch: opt.batch, learningRate: opt.learningRate, mode: opt.real ? 'self-supervised' : opt.detected ? 'synthetic+detected-renders' : 'synthetic', ...(opt.detected && !opt.real ? { detectedFaces: opt.detected.landmarks.length, detectedShare: opt.detectedShare } : {}) });
  for (let step = 1; step <= opt.steps; step++) {
    (adam as unknown as { learningRate: number }).learningRate = opt.learningRate * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * (step - 1)) / opt.steps)));
    const nDetected = opt.detected && !opt.real ? Math.round(opt.batch * opt.detectedShare) : 0;
    const data = opt.real ? realBatch(opt.real, rng, opt.batch, setup) : sampleSyntheticBatch(rng, opt.batch - nDetected, layout, config, setup.decode, setup.nShapeModel, opt.synthetic);
    const det = nDetected > 0 ? detectedBatch(opt.detected!, rng, nDetected, setup) : undefined;
    const termValues = tf.tidy(() => {
      const parts = [{ prefix: '', data }, ...(det ? [{ prefix: 'det.', data: det }] : [])].map((p) => ({ prefix: p.prefix, ...lossInputs(p.data, setup, sizes) }));
      let terms: Record<string, tf.Scalar> = {};
      const { grads } = tf.variableGrads(() => {
        let total = tf.scalar(0);
        const faces = parts.reduce((a, p) => a + p.share, 0);
        terms = {};
        for (const p of parts) {
          const o = aufartForward(vars, p.inputs, config, { expr: sizes.nExpr, shape: sizes.nShape, exprAu: layout.exprAu });
          const l = aufartLosses(o, p.batch, ctx, opt.losses);
          total = total.add(l.total.mul(p.share / faces));
          for (const [k, v] of Object.entries(l.terms)) terms[p.prefix + k] = tf.keep(v);
        }
        return total as tf.Scalar;
      }, Object.values(vars));
      const named: Record<string, tf.Tensor> = {};
      for (const [k, v] of Object.entries(vars)) if (grads[v.name]) named[v.name] = grads[v.name];
      adam.applyGradients(clipByGlobalNorm(named, opt.clip) as unknown as Parameters<typeof adam.applyGradients>[0]);
      const out = Object.fromEntries(Object.entries(terms).map(([k, v]) => [k, v.dataSync()[0]]));
      for (const v of Object.values(terms)) v.dispose();
      return out;
    });
    for (const [k, v] of Object.entries(termValues)) sums[k] = (sums[k] ?? 0) + v;
    count++;
    if (step % opt.logEvery === 0 || step === opt.steps) {
      opt.onLog?.(step, Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, v / count])));
      for (const k of Object.keys(sums)) delete sums[k];
      count = 0;
    }
    if (opt.onCheckpoint && (step % opt.checkpointEvery === 0 || step === opt.steps)) {
      const m = snapshot(step);
      await opt.onCheckpoint(step, m);
      m.dispose();
    }
  }
  const model = snapshot(opt.steps);
  for (const v of Object.values(vars)) v.dispose();
  return model;
}

type Sizes = { nAu: number; nExpr: number; nShape: number };
type HostBatch = ReturnType<typeof realBatch> | ReturnType<typeof detectedBatch> | ReturnType<typeof sampleSyntheticBatch>;

/** Tensors of one part of a step's batch; `share` weights its loss by its share of the faces. */
function lossInputs(data: HostBatch, setup: TrainSetup, sizes: Sizes) {
  const B = data.size, { config } = setup;
  const inputs = {
    au: tf.tensor3d(data.features.au, [B, sizes.nAu, config.auPoints * 3]),
    region: tf.tensor3d(data.features.region, [B, config.regions, config.regionPoints * 3]),
    pose: tf.tensor2d(data.features.pose, [B, data.features.pose.length / B]),
  };
  const batch: LossBatch = {
    landmarks: tf.tensor3d(data.landmarks, [B, MESH_POINTS, 3]),
    fitRotation: tf.tensor3d(data.fitRotation, [B, 3, 3]),
    fitCamera: tf.tensor2d(data.fitCamera, [B, 3]),
    truth: 'psi' in data ? {
      psi: tf.tensor2d(data.psi, [B, sizes.nExpr]), intensity: tf.tensor2d(data.intensity, [B, sizes.nAu]), presence: tf.tensor2d(data.presence, [B, sizes.nAu]),
      rotation: tf.tensor3d(data.rotation, [B, 3, 3]), camera: tf.tensor2d(data.camera, [B, 3]), beta: tf.tensor2d(data.beta, [B, setup.nShapeModel]),
      clean: tf.tensor3d(data.clean, [B, MESH_POINTS, 2]),
    } : undefined,
    auTruth: 'auTruth' in data ? { intensity: tf.tensor2d(data.auTruth.intensity, [B, sizes.nAu]), presence: tf.tensor2d(data.auTruth.presence, [B, sizes.nAu]) } : undefined,
  };
  return { inputs, batch, share: B };
}

/** Host buffers for B faces of landmarks with their token features and similarity fit (filled by `writeFace`). */
function allocateFaceBatch(B: number, setup: TrainSetup) {
  return { features: allocateFeatureBatch(B, setup.layout, setup.config), landmarks: new Float32Array(B * MESH_POINTS * 3), fitRotation: new Float32Array(B * 9), fitCamera: new Float32Array(B * 3) };
}

/** Align and featurise one face's landmarks into slot b of a host batch. */
function writeFace(lm: Float32Array, b: number, setup: TrainSetup, out: ReturnType<typeof allocateFaceBatch>) {
  out.landmarks.set(lm, b * MESH_POINTS * 3);
  const al = alignLandmarks(lm, setup.layout.template, setup.layout.rigidIndex);
  writeAufartFeatures(al, setup.layout, setup.config, out.features, b);
  out.fitRotation.set(al.rotation, b * 9);
  out.fitCamera.set([al.scale, al.tx, al.ty], b * 3);
}

/** The face seen in a mirror: x negated, each landmark swapped with its mirror twin. */
function mirrored(lm: Float32Array): Float32Array {
  const out = new Float32Array(lm.length);
  for (let i = 0; i < MESH_POINTS; i++) {
    const j = MIRROR468[i];
    out[i * 3] = -lm[j * 3]; out[i * 3 + 1] = lm[j * 3 + 1]; out[i * 3 + 2] = lm[j * 3 + 2];
  }
  return out;
}

/** A batch of labelled detector landmarks: AU truth only. */
function detectedBatch(set: DetectedSet, rng: ReturnType<typeof createRng>, size: number, setup: TrainSetup) {
  const B = size, N = set.auNames.length;
  const out = allocateFaceBatch(B, setup);
  const intensity = new Float32Array(B * N), presence = new Float32Array(B * N);
  for (let b = 0; b < B; b++) {
    const k = Math.floor(rng.next() * set.landmarks.length);
    // Half the faces mirrored (left ↔ right landmarks): the AU tokens are bilateral, so the labels hold.
    writeFace(rng.next() < 0.5 ? set.landmarks[k] : mirrored(set.landmarks[k]), b, setup, out);
    intensity.set(set.intensity[k], b * N); presence.set(set.presence[k], b * N);
  }
  return { size: B, ...out, auTruth: { intensity, presence } };
}

/** A batch of real landmarks (no truth) for self-supervised fine-tuning. */
function realBatch(real: readonly Float32Array[], rng: ReturnType<typeof createRng>, size: number, setup: TrainSetup) {
  const B = Math.min(size, real.length);
  const out = allocateFaceBatch(B, setup);
  for (let b = 0; b < B; b++) writeFace(real[Math.floor(rng.next() * real.length)], b, setup, out);
  return { size: B, ...out };
}
