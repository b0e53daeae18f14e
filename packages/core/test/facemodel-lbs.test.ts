import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend, createDefaultFaceModel, lbs, lbsReference, landmarksFromVertices, type FaceModel } from '@aurig/core';

/** Seeded uniform in [-1, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return (s / 2 ** 32) * 2 - 1; };
}

/**
 * A small random FLAME-format model with everything non-trivial: dense posedirs, a spread-out
 * J_regressor, mixed skinning weights and barycentric (non-vertex) landmark embeddings.
 */
function randomModel(seed: number): FaceModel {
  const r = rng(seed);
  const V = 40, F = 30, nb = 6, ne = 5, J = 5;
  const faces = Uint32Array.from({ length: F * 3 }, (_, i) => (i * 7 + Math.floor(i / 3)) % V);
  const weights = new Float32Array(V * J);
  for (let v = 0; v < V; v++) {
    let s = 0;
    for (let j = 0; j < J; j++) { weights[v * J + j] = Math.max(0, r() + 0.3); s += weights[v * J + j]; }
    for (let j = 0; j < J; j++) weights[v * J + j] = s > 0 ? weights[v * J + j] / s : j === 1 ? 1 : 0;
  }
  const Jr = new Float32Array(J * V);
  for (let j = 0; j < J; j++) for (let k = 0; k < 4; k++) Jr[j * V + ((j * 5 + k * 3) % V)] = 0.25;
  const emb = (L: number) => {
    const faceIdx = Uint32Array.from({ length: L }, (_, l) => (l * 3) % F);
    const bary = new Float32Array(L * 3);
    for (let l = 0; l < L; l++) { const a = 0.2 + 0.3 * Math.abs(r()), b = 0.1 + 0.3 * Math.abs(r()); bary.set([a, b, 1 - a - b], 3 * l); }
    return { faceIdx, bary };
  };
  return {
    name: 'random', unit: 'mm', numVertices: V, numFaces: F, numShape: nb, numExpression: ne,
    v_template: Float32Array.from({ length: V * 3 }, () => 50 * r()),
    shapedirs: Float32Array.from({ length: V * 3 * nb }, () => 3 * r()),
    exprdirs: Float32Array.from({ length: V * 3 * ne }, () => 3 * r()),
    posedirs: Float32Array.from({ length: V * 3 * 36 }, () => 2 * r()),
    J_regressor: Jr, weights, kintree_table: Int32Array.from([-1, 0, 1, 1, 1, 0, 1, 2, 3, 4]), faces,
    landmarks468: emb(12), landmarks68: emb(68), exprNames: [],
    jawFromExpr: Float32Array.from({ length: ne * 3 }, (_, i) => (i % 3 === 0 ? 0.1 : 0)), parts: {},
  };
}

function randomParams(m: FaceModel, B: number, seed: number) {
  const r = rng(seed);
  return {
    beta: Float32Array.from({ length: B * m.numShape }, () => 1.5 * r()),
    psi: Float32Array.from({ length: B * m.numExpression }, () => r()),
    theta: Float32Array.from({ length: B * 15 }, () => 0.4 * r()),
  };
}

function run(m: FaceModel, p: ReturnType<typeof randomParams>, B: number) {
  return lbs(m, { beta: tf.tensor2d(p.beta, [B, m.numShape]), psi: tf.tensor2d(p.psi, [B, m.numExpression]), theta: tf.tensor2d(p.theta, [B, 15]) });
}

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0, den = 0;
  for (let i = 0; i < b.length; i++) { num = Math.max(num, Math.abs(a[i] - b[i])); den = Math.max(den, Math.abs(b[i])); }
  return num / den;
}

for (const [label, make] of [['default model', () => createDefaultFaceModel()], ['random FLAME-format model', () => randomModel(3)]] as const) {
  test(`lbs (tfjs) matches the float64 reference within 1e-5 on random parameters: ${label}`, async () => {
    await initBackend();
    const m = make();
    const B = 3;
    const p = randomParams(m, B, 11);
    const out = run(m, p, B);
    const ref = lbsReference(m, { batch: B, ...p });
    assert.deepEqual(out.vertices.shape, [B, m.numVertices, 3]);
    assert.deepEqual(out.joints.shape, [B, 5, 3]);
    assert.deepEqual(out.landmarks68.shape, [B, m.landmarks68.faceIdx.length, 3]);
    for (const [k, a, b] of [['vertices', out.vertices, ref.vertices], ['joints', out.joints, ref.joints], ['landmarks468', out.landmarks468, ref.landmarks468], ['landmarks68', out.landmarks68, ref.landmarks68]] as const) {
      const e = relErr(a.dataSync(), b);
      assert.ok(e < 1e-5, `${k}: relative error ${e}`);
    }
    // landmarksFromVertices on the posed vertices gives the same landmarks.
    const lm = landmarksFromVertices(out.vertices, m);
    assert.ok(relErr(lm.dataSync(), ref.landmarks68) < 1e-5);
    tf.dispose([out.vertices, out.joints, out.landmarks468, out.landmarks68, lm]);
  });
}

test('lbs gradients w.r.t. β, ψ, θ are finite and match central finite differences (cpu backend)', async () => {
  await initBackend();
  const previous = tf.getBackend();
  await tf.setBackend('cpu');
  try {
    for (const m of [randomModel(5), createDefaultFaceModel()]) {
      const B = 2;
      const p = randomParams(m, B, 23);
      const r = rng(99);
      const Vw = Float64Array.from({ length: B * m.numVertices * 3 }, () => r());
      const L = m.landmarks68.faceIdx.length;
      const Lw = Float64Array.from({ length: B * L * 3 }, () => r());
      // Scalar loss: fixed random projection of vertices and 68 landmarks.
      const lossRef = (beta: Float64Array, psi: Float64Array, theta: Float64Array): number => {
        const o = lbsReference(m, { batch: B, beta, psi, theta });
        let s = 0;
        for (let i = 0; i < Vw.length; i++) s += Vw[i] * o.vertices[i];
        for (let i = 0; i < Lw.length; i++) s += Lw[i] * o.landmarks68[i];
        return s;
      };
      const vwT = tf.tensor3d(Float32Array.from(Vw), [B, m.numVertices, 3]);
      const lwT = tf.tensor3d(Float32Array.from(Lw), [B, L, 3]);
      const grads = tf.grads((beta: tf.Tensor, psi: tf.Tensor, theta: tf.Tensor) => {
        const o = lbs(m, { beta: beta as tf.Tensor2D, psi: psi as tf.Tensor2D, theta: theta as tf.Tensor2D });
        return o.vertices.mul(vwT).sum().add(o.landmarks68.mul(lwT).sum());
      })([tf.tensor2d(p.beta, [B, m.numShape]), tf.tensor2d(p.psi, [B, m.numExpression]), tf.tensor2d(p.theta, [B, 15])]);
      const g = grads.map((t) => t.dataSync());
      const base = [Float64Array.from(p.beta), Float64Array.from(p.psi), Float64Array.from(p.theta)];
      for (const [which, name] of [[0, 'beta'], [1, 'psi'], [2, 'theta']] as const) {
        assert.ok(g[which].every(Number.isFinite), `${name}: non-finite gradient`);
        // Check up to 8 components spread over the vector.
        const n = base[which].length;
        const h = which === 2 ? 1e-4 : 1e-3;
        for (let t = 0; t < 8; t++) {
          const i = Math.floor((t * n) / 8);
          const plus = base.map((a) => Float64Array.from(a)), minus = base.map((a) => Float64Array.from(a));
          plus[which][i] += h; minus[which][i] -= h;
          const fd = (lossRef(plus[0], plus[1], plus[2]) - lossRef(minus[0], minus[1], minus[2])) / (2 * h);
          const scale = Math.max(1, Math.abs(fd));
          assert.ok(Math.abs(g[which][i] - fd) / scale < 2e-3, `${m.name} ${name}[${i}]: autodiff ${g[which][i]} vs finite difference ${fd}`);
        }
      }
      tf.dispose([...grads, vwT, lwT]);
    }
  } finally {
    await tf.setBackend(previous);
  }
});

test('lbs gradients on the default backend (wasm) equal those on cpu', async () => {
  const info = await initBackend();
  const m = createDefaultFaceModel();
  const B = 2;
  const p = randomParams(m, B, 5);
  const gradsOn = async (backend: string): Promise<Float32Array[]> => {
    await tf.setBackend(backend);
    const g = tf.grads((beta: tf.Tensor, psi: tf.Tensor, theta: tf.Tensor) => {
      const o = lbs(m, { beta: beta as tf.Tensor2D, psi: psi as tf.Tensor2D, theta: theta as tf.Tensor2D });
      return o.vertices.square().mean().add(o.landmarks68.square().mean()).add(o.landmarks468.mean());
    })([tf.tensor2d(p.beta, [B, m.numShape]), tf.tensor2d(p.psi, [B, m.numExpression]), tf.tensor2d(p.theta, [B, 15])]);
    const out = g.map((t) => t.dataSync() as Float32Array);
    tf.dispose(g);
    return out;
  };
  try {
    const a = await gradsOn(info.name), b = await gradsOn('cpu');
    a.forEach((x, i) => assert.ok(relErr(x, b[i]) < 1e-4, `${info.name} vs cpu gradient ${i}: ${relErr(x, b[i])}`));
  } finally {
    await tf.setBackend(info.name);
  }
});

test('lbs rejects parameters of the wrong shape with E_BAD_PARAMS', async () => {
  await initBackend();
  const m = createDefaultFaceModel();
  assert.throws(() => lbs(m, { theta: tf.zeros([2, 14]) as tf.Tensor2D }), { code: 'E_BAD_PARAMS' });
  assert.throws(() => lbs(m, { beta: tf.zeros([2, m.numShape + 1]) as tf.Tensor2D }), { code: 'E_BAD_PARAMS' });
  assert.throws(() => lbs(m, {}), { code: 'E_BAD_PARAMS' });
});
