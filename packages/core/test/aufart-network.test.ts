import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  initBackend, DEFAULT_AUFART_CONFIG, resolveAufartConfig, initAufartWeights, aufartForward, aufartForwardHost, HostForward,
  createAufartModel, encodeAufartModel, decodeAufartModel, alignLandmarks, headPoseToMatrix, matrixToHeadPose,
  rotationDistance, rot6ToMatrix, AufartRegressor, createRng, MESH_POINTS, type TokenLayout,
} from '@aurig/core';

await initBackend();

/** A made-up layout over a random template (no face model needed). */
function fakeLayout(nAu = 5, seed = 3): TokenLayout {
  const rng = createRng(seed), c = DEFAULT_AUFART_CONFIG;
  const template = new Float32Array(MESH_POINTS * 3).map(() => rng.normal() * 40);
  const auIndex = new Int32Array(nAu * c.auPoints).map(() => Math.floor(rng.next() * MESH_POINTS));
  const auWeight = new Float32Array(nAu * c.auPoints).map((_, i) => (i % c.auPoints < 30 ? 1 : 0));
  const regionIndex = new Int32Array(c.regions * c.regionPoints).map(() => Math.floor(rng.next() * MESH_POINTS));
  const regionWeight = new Float32Array(c.regions * c.regionPoints).fill(1);
  const rigidIndex = Int32Array.from({ length: 100 }, (_, i) => i * 4);
  return { auNames: Array.from({ length: nAu }, (_, i) => `AU0${i + 1}`), exprNames: ['a', 'b', 'c'], nShape: 4, template, auIndex, auWeight, regionIndex, regionWeight, rigidIndex, exprAu: new Int32Array([0, 1, -1]) };
}

function randomInputs(B: number, N: number, seed: number) {
  const c = DEFAULT_AUFART_CONFIG;
  return {
    au: tf.randomNormal([B, N, c.auPoints * 3], 0, 1, 'float32', seed) as tf.Tensor3D,
    region: tf.randomNormal([B, c.regions, c.regionPoints * 3], 0, 1, 'float32', seed + 1) as tf.Tensor3D,
    pose: tf.randomNormal([B, 11], 0, 1, 'float32', seed + 2) as tf.Tensor2D,
  };
}

test('AUFART forward: output shapes, intensities in 0..1, host path equals the tensor path', () => {
  const c = DEFAULT_AUFART_CONFIG, N = 5;
  const w = initAufartWeights(c, { nAu: N, nExpr: 3, nShape: 4 }, 7);
  const x = randomInputs(3, N, 11);
  const o = aufartForward(w, x, c, { expr: 3, shape: 4 });
  assert.deepEqual(o.psi.shape, [3, 3]);
  assert.deepEqual(o.rot6.shape, [3, 6]);
  assert.deepEqual(o.thetaRest.shape, [3, 12]);
  assert.deepEqual(o.cam.shape, [3, 3]);
  assert.deepEqual(o.beta.shape, [3, 4]);
  assert.deepEqual(o.auIntensity.shape, [3, N]);
  assert.deepEqual(o.auTokens.shape, [3, N, c.width]);
  const ai = o.auIntensity.dataSync();
  assert.ok(ai.every((v) => v >= 0 && v <= 1));
  const host = Object.fromEntries(Object.entries(w).map(([k, t]) => [k, t.dataSync() as Float32Array]));
  const a = x.au.dataSync() as Float32Array, r = x.region.dataSync() as Float32Array, p = x.pose.dataSync() as Float32Array;
  const b = 2;
  const h = aufartForwardHost(host, c, N, a.subarray(b * N * c.auPoints * 3, (b + 1) * N * c.auPoints * 3), r.subarray(b * c.regions * c.regionPoints * 3, (b + 1) * c.regions * c.regionPoints * 3), p.subarray(b * 11, b * 11 + 11));
  const psi = o.psi.dataSync();
  for (let i = 0; i < 3; i++) assert.ok(Math.abs(psi[b * 3 + i] - h.reg[i]) < 1e-4, `psi ${i}`);
  for (let i = 0; i < N; i++) assert.ok(Math.abs(ai[b * N + i] - h.auIntensity[i]) < 1e-4, `au ${i}`);
  // The JS loops (where WebAssembly SIMD is missing) give the same outputs as the SIMD kernel.
  const plain = new HostForward(host, c, N, { simd: false });
  assert.equal(plain.simd, false);
  assert.equal(new HostForward(host, c, N).simd, true);
  const hj = plain.run(a.subarray(b * N * c.auPoints * 3, (b + 1) * N * c.auPoints * 3), r.subarray(b * c.regions * c.regionPoints * 3, (b + 1) * c.regions * c.regionPoints * 3), p.subarray(b * 11, b * 11 + 11));
  for (let i = 0; i < h.reg.length; i++) assert.ok(Math.abs(hj.reg[i] - h.reg[i]) < 1e-4, `reg ${i}: ${hj.reg[i]} vs ${h.reg[i]}`);
  for (let i = 0; i < N; i++) assert.ok(Math.abs(hj.auPresenceLogit[i] - h.auPresenceLogit[i]) < 1e-4, `presence ${i}`);
});

test('AUFART ablation configs build and run (no geometry tokens, no global tokens)', () => {
  for (const tokens of [{ geometry: false, global: true }, { geometry: true, global: false }]) {
    const c = resolveAufartConfig({ tokens, depth: 1 });
    const w = initAufartWeights(c, { nAu: 4, nExpr: 2, nShape: 1 }, 1);
    const o = aufartForward(w, randomInputs(2, 4, 5), c, { expr: 2, shape: 1 });
    assert.ok(o.psi.dataSync().every(Number.isFinite));
  }
});

test('AUFART weights round-trip through manifest + Float32 buffer', () => {
  const layout = fakeLayout();
  const c = DEFAULT_AUFART_CONFIG;
  const m = createAufartModel(c, layout, initAufartWeights(c, { nAu: 5, nExpr: 3, nShape: 4 }, 2), { seed: 2 });
  const { manifest, bin } = encodeAufartModel(m);
  const m2 = decodeAufartModel(JSON.parse(JSON.stringify(manifest)), bin.slice().buffer);
  assert.deepEqual(m2.layout.auNames, layout.auNames);
  assert.deepEqual(Array.from(m2.layout.auIndex), Array.from(layout.auIndex));
  for (const k of Object.keys(m.weights)) assert.deepEqual(Array.from(m2.weights[k].dataSync()), Array.from(m.weights[k].dataSync()), k);
  assert.throws(() => decodeAufartModel(manifest, bin.slice(0, 100)), /truncated/);
});

test('rot6ToMatrix gives rotations; head pose ↔ matrix round-trips', () => {
  const R = rot6ToMatrix(tf.tensor2d([[1, 0, 0, 0, 1, 0], [0.3, -2, 0.5, 1, 1, 0.2]])).arraySync();
  for (const M of R) {
    const det = M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) - M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) + M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0]);
    assert.ok(Math.abs(det - 1) < 1e-5);
  }
  const hp = matrixToHeadPose(headPoseToMatrix(0.5, -0.3, 0.2));
  assert.ok(Math.abs(hp.yaw - 0.5) < 1e-9 && Math.abs(hp.pitch + 0.3) < 1e-9 && Math.abs(hp.roll - 0.2) < 1e-9);
});

test('alignLandmarks recovers a known similarity and un-rotates the points', () => {
  const layout = fakeLayout();
  const R = headPoseToMatrix(0.6, 0.3, -0.25);
  const s = 2.5, tx = 320, ty = 240, zk = 0.37;
  const lm = new Float32Array(MESH_POINTS * 3);
  for (let i = 0; i < MESH_POINTS; i++) {
    const X = layout.template.subarray(i * 3, i * 3 + 3);
    const c = [0, 1, 2].map((r) => R[r * 3] * X[0] + R[r * 3 + 1] * X[1] + R[r * 3 + 2] * X[2]);
    lm[i * 3] = s * c[0] + tx; lm[i * 3 + 1] = ty - s * c[1]; lm[i * 3 + 2] = -s * c[2] * zk + 17;
  }
  const a = alignLandmarks(lm, layout.template, layout.rigidIndex);
  assert.ok(rotationDistance(a.rotation, R) < 1e-4);
  assert.ok(Math.abs(a.scale - s) < 1e-3 && Math.abs(a.tx - tx) < 1e-2 && Math.abs(a.ty - ty) < 1e-2);
  let err = 0;
  for (let i = 0; i < a.points.length; i++) err = Math.max(err, Math.abs(a.points[i] - layout.template[i]));
  assert.ok(err < 1e-2, `max point error ${err}`);
});

test('no NaN from degenerate landmarks (all zeros, NaN, one point)', () => {
  const layout = fakeLayout();
  const c = DEFAULT_AUFART_CONFIG;
  const reg = new AufartRegressor(createAufartModel(c, layout, initAufartWeights(c, { nAu: 5, nExpr: 3, nShape: 4 }, 2)));
  for (const lm of [new Float32Array(MESH_POINTS * 3), new Float32Array(MESH_POINTS * 3).fill(NaN), new Float32Array(MESH_POINTS * 3).fill(5)]) {
    const p = reg.predict(lm);
    const nums = [...Object.values(p.aus), ...Object.values(p.auPresence), ...p.expression, ...p.shape, ...p.pose, p.camera.s, p.camera.tx, p.camera.ty, p.headPose.yaw];
    assert.ok(nums.every(Number.isFinite));
    assert.ok(Object.values(p.aus).every((v) => v >= 0 && v <= 1));
    assert.equal(p.aligned.residual, Infinity);
  }
});
