import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend, createDefaultFaceModel, DEFAULT_AUFART_CONFIG, AU_NAMES, VTX68, initAufartWeights, MESH_POINTS, type AufartOutputs } from '@aurig/core';
import { buildTokenLayout } from '../src/aufart/buildTokenLayout.ts';
import { auMasksFor, createTrainSetup } from '../src/aufart/train/createTrainSetup.ts';
import { sampleSyntheticBatch, DEFAULT_SYNTHETIC_OPTIONS } from '../src/aufart/train/sampleSyntheticBatch.ts';
import { aufartLosses, DEFAULT_AUFART_LOSS_WEIGHTS, type LossContext } from '../src/aufart/train/aufartLosses.ts';
import { createRng } from '../src/aufart/rng.ts';

await initBackend();

test('AUFART losses: ≈ 0 for the true parameters, grow when ψ is wrong, L_reg follows Eq. 11, gradients finite', () => {
  const face = createDefaultFaceModel(), config = DEFAULT_AUFART_CONFIG;
  const layout = buildTokenLayout({ model: face, auNames: AU_NAMES, auMasks: auMasksFor(AU_NAMES), nShape: 10 }, config, 1);
  const setup = createTrainSetup(face, config, layout);
  const B = 6, N = layout.auNames.length, nE = layout.exprNames.length;
  const clean = { ...DEFAULT_SYNTHETIC_OPTIONS, noiseXY: 0, noiseZ: 0, regionNoise: 0, identityJitter: 0, betaStd: 0 };
  const data = sampleSyntheticBatch(createRng(4), B, layout, config, setup.decode, face.numShape, clean);
  const w = initAufartWeights(config, { nAu: N, nExpr: nE, nShape: 10 }, 1);
  const ctx: LossContext = { config, layout, weights: w, decode: setup.decode, auGroups: setup.auGroups, vtx68: VTX68, configural: setup.configural };
  const batch = {
    landmarks: tf.tensor3d(data.landmarks, [B, MESH_POINTS, 3]),
    fitRotation: tf.tensor3d(data.rotation, [B, 3, 3]),
    fitCamera: tf.tensor2d(data.camera, [B, 3]),
  };
  const outputs = (psi: tf.Tensor2D): AufartOutputs => ({
    psi, rot6: tf.zeros([B, 6]), thetaRest: tf.zeros([B, 12]), cam: tf.zeros([B, 3]), beta: tf.zeros([B, 10]),
    auIntensity: tf.tensor2d(data.intensity, [B, N]), auPresenceLogit: tf.zeros([B, N]), auTokens: tf.zeros([B, N, config.width]),
  });
  const truePsi = tf.tensor2d(data.psi, [B, nE]);
  const good = aufartLosses(outputs(truePsi), batch, ctx).terms;
  const bad = aufartLosses(outputs(truePsi.add(0.5) as tf.Tensor2D), batch, ctx).terms;
  assert.ok(good.auLmk.dataSync()[0] < 0.05, `L_auLmk at the truth ${good.auLmk.dataSync()[0]} mm`);
  assert.ok(good.auRel.dataSync()[0] < 0.2, `L_auRel at the truth ${good.auRel.dataSync()[0]}`);
  assert.ok(bad.auLmk.dataSync()[0] > 10 * good.auLmk.dataSync()[0] + 0.3, `L_auLmk ${good.auLmk.dataSync()[0]} → ${bad.auLmk.dataSync()[0]}`);
  assert.ok(bad.auRel.dataSync()[0] > good.auRel.dataSync()[0] + 1);
  // Eq. 11 with θ = c = 0: λψ ‖ψ‖².
  const psiSq = Array.from(data.psi as ArrayLike<number>).reduce((a, v) => a + v * v, 0) / B;
  assert.ok(Math.abs(good.reg.dataSync()[0] - DEFAULT_AUFART_LOSS_WEIGHTS.lambdaPsi * psiSq) < 1e-7);
  // Gradient of the total w.r.t. ψ: finite, and it points back toward the truth.
  const g = tf.grad((p: tf.Tensor) => aufartLosses(outputs(p as tf.Tensor2D), batch, ctx).total)(truePsi.add(0.3));
  const gv = g.dataSync();
  assert.ok(gv.every(Number.isFinite));
  assert.ok(Array.from(gv as ArrayLike<number>).reduce((a, v) => a + v, 0) > 0, 'raising every ψ above the truth must raise the loss');
});
