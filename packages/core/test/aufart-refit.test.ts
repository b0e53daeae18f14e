import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  initBackend, loadAufartModel, AufartRegressor, createDefaultFaceModel, lbsReference, createLandmarkBasis, decodeLandmarks,
  createShapeFitBasis, refitShape, headPoseToMatrix, isAurigError, MESH_POINTS,
} from '@aurig/core';
import { createRng } from '../src/aufart/rng.ts';

await initBackend();
const face = createDefaultFaceModel();
const basis = createLandmarkBasis(face);

test('decodeLandmarks (host, landmark vertices only) equals lbsReference on the 468 landmarks', () => {
  const rng = createRng(5);
  for (let trial = 0; trial < 3; trial++) {
    const beta = Array.from({ length: face.numShape }, () => rng.normal());
    const psi = Array.from({ length: face.numExpression }, () => (rng.next() < 0.3 ? rng.next() : 0));
    const theta = Array.from({ length: 15 }, (_, i) => (i < 3 ? 0.2 : 0.1) * rng.normal());
    const ref = lbsReference(face, { batch: 1, beta, psi, theta }).landmarks468;
    const host = decodeLandmarks(basis, beta, psi, theta);
    let gap = 0;
    for (let i = 0; i < ref.length; i++) gap = Math.max(gap, Math.abs(ref[i] - host[i]));
    assert.ok(gap < 1e-6, `largest gap ${gap} mm`);
  }
});

/** A face of known β, ψ, θ seen through a known camera, with landmark noise of `noise` px. */
function syntheticFace(seed: number, noise: number) {
  const rng = createRng(seed);
  const beta = Array.from({ length: face.numShape }, () => rng.normal());
  const psi = Array.from({ length: face.numExpression }, () => (rng.next() < 0.2 ? rng.next() : 0));
  const theta = [0, 0, 0, ...Array.from({ length: 12 }, () => 0.05 * rng.normal())];
  const R = headPoseToMatrix(0.4 * rng.normal(), 0.2 * rng.normal(), 0.1 * rng.normal());
  const camera = { s: 2 + rng.next(), tx: 320 + 20 * rng.normal(), ty: 240 + 20 * rng.normal() };
  const X = decodeLandmarks(basis, beta, psi, theta);
  const clean = new Float64Array(MESH_POINTS * 2), landmarks = new Float32Array(MESH_POINTS * 3);
  for (let l = 0; l < MESH_POINTS; l++) {
    const [x, y, z] = [X[3 * l], X[3 * l + 1], X[3 * l + 2]];
    clean[2 * l] = camera.s * (R[0] * x + R[1] * y + R[2] * z) + camera.tx;
    clean[2 * l + 1] = camera.ty - camera.s * (R[3] * x + R[4] * y + R[5] * z);
    landmarks[3 * l] = clean[2 * l] + noise * rng.normal();
    landmarks[3 * l + 1] = clean[2 * l + 1] + noise * rng.normal();
    landmarks[3 * l + 2] = -camera.s * (R[6] * x + R[7] * y + R[8] * z);
  }
  return { beta, psi, theta, R, camera, clean, landmarks };
}

function meanError(beta: ArrayLike<number>, f: ReturnType<typeof syntheticFace>, camera: { s: number; tx: number; ty: number }): number {
  const X = decodeLandmarks(basis, beta, f.psi, f.theta), R = f.R;
  let e = 0;
  for (let l = 0; l < MESH_POINTS; l++) {
    const u = camera.s * (R[0] * X[3 * l] + R[1] * X[3 * l + 1] + R[2] * X[3 * l + 2]) + camera.tx;
    const v = camera.ty - camera.s * (R[3] * X[3 * l] + R[4] * X[3 * l + 1] + R[5] * X[3 * l + 2]);
    e += Math.hypot(u - f.clean[2 * l], v - f.clean[2 * l + 1]);
  }
  return e / MESH_POINTS;
}

test('refitShape recovers identity and camera from noisy 2D landmarks when ψ, θ and the rotation are known', () => {
  const fb = createShapeFitBasis(basis, face.numShape);
  for (const seed of [11, 12, 13]) {
    const f = syntheticFace(seed, 0.5);
    const start = { s: f.camera.s * 1.1, tx: f.camera.tx + 8, ty: f.camera.ty - 5 };
    const r = refitShape(fb, { landmarks: f.landmarks, beta: new Float32Array(face.numShape), psi: f.psi, theta: f.theta, rotation: f.R, camera: start });
    const before = meanError(new Float32Array(face.numShape), f, start), after = meanError(r.beta, f, r.camera);
    assert.ok(after < 0.2 * before && after < 2, `seed ${seed}: mean error ${before.toFixed(2)} → ${after.toFixed(2)} px`);
    assert.ok(r.errorAfter < r.errorBefore);
    // The identity is recovered up to what trades with the camera scale: β correlates with the truth.
    const c = correlation(Array.from(r.beta), f.beta);
    assert.ok(c > 0.6, `seed ${seed}: correlation of β with the truth ${c.toFixed(2)}`);
  }
});

function correlation(a: number[], b: number[]): number {
  const n = a.length, ma = a.reduce((p, q) => p + q) / n, mb = b.reduce((p, q) => p + q) / n;
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < n; i++) { ab += (a[i] - ma) * (b[i] - mb); aa += (a[i] - ma) ** 2; bb += (b[i] - mb) ** 2; }
  return ab / Math.sqrt(aa * bb);
}

test('refitShape leaves β and the camera as given when the landmarks are not finite', () => {
  const fb = createShapeFitBasis(basis, face.numShape);
  const f = syntheticFace(21, 0.5);
  f.landmarks[30] = NaN;
  const beta = Float32Array.from({ length: face.numShape }, (_, k) => 0.1 * k);
  const r = refitShape(fb, { landmarks: f.landmarks, beta, psi: f.psi, theta: f.theta, rotation: f.R, camera: f.camera });
  assert.deepEqual(Array.from(r.beta), Array.from(beta));
  assert.deepEqual(r.camera, f.camera);
});

test('the regressor refits β and the camera: every β component, closer to the landmarks than the network alone', async () => {
  const model = await loadAufartModel();
  const refit = new AufartRegressor(model), plain = new AufartRegressor(model, { faceModel: null });
  let eRefit = 0, ePlain = 0;
  for (const seed of [31, 32, 33, 34]) {
    const f = syntheticFace(seed, 0.5);
    const a = refit.predict(f.landmarks), b = plain.predict(f.landmarks);
    assert.equal(a.shape.length, face.numShape);
    assert.equal(b.shape.length, model.layout.nShape);
    assert.ok(a.shape.every(Number.isFinite));
    assert.deepEqual(a.aus, b.aus, 'the refit does not touch the AUs');
    const fa = { ...f, psi: Array.from(a.expression), theta: [0, 0, 0, ...a.pose.subarray(3)], R: a.rotation };
    eRefit += meanError(a.shape, fa, a.camera);
    ePlain += meanError(b.shape, { ...fa, R: b.rotation }, b.camera);
  }
  assert.ok(eRefit < 0.8 * ePlain, `mean landmark error ${ePlain.toFixed(2)} px (network) → ${eRefit.toFixed(2)} px (refit)`);
  model.dispose();
});

test('a face model that is not the one the weights were trained for is refused with E_BAD_OPTION', async () => {
  const model = await loadAufartModel();
  const other = { ...face, v_template: face.v_template.map((v) => v * 1.1) };
  assert.throws(() => new AufartRegressor(model, { faceModel: other }), (e: unknown) => isAurigError(e) && e.code === 'E_BAD_OPTION' && /not the one/.test(e.message));
  model.dispose();
});

test('refit settings out of range are refused with E_BAD_OPTION', async () => {
  const model = await loadAufartModel();
  for (const refit of [{ lambda: -1, iterations: 1 }, { lambda: NaN, iterations: 1 }, { lambda: 1, iterations: 0 }, { lambda: 1, iterations: 1.5 }]) {
    assert.throws(() => new AufartRegressor(model, { refit }), (e: unknown) => isAurigError(e) && e.code === 'E_BAD_OPTION', JSON.stringify(refit));
  }
  model.dispose();
});
