import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@aurig/core';

/** Seeded uniform(-1, 1) values (mulberry32), the same whatever backend runs. */
function randomArray(size: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

type Spec = { shape: number[]; dtype?: 'float32' | 'int32'; values?: number[] };
type Fn = (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

/** Run `fn` on the named backend with the given inputs; returns every output's values. */
async function runOn(backend: 'wasm' | 'cpu', specs: Spec[], fn: Fn, seed: number): Promise<Float32Array[]> {
  if (backend === 'wasm') await initBackend({ backend: 'wasm' });
  else await tf.setBackend('cpu');
  const outs = tf.tidy(() => {
    const xs = specs.map((s, i) => (s.values ? tf.tensor(s.values, s.shape, s.dtype ?? 'float32') : tf.tensor(randomArray(tf.util.sizeFromShape(s.shape), seed + i), s.shape)));
    const r = fn(...xs);
    return (Array.isArray(r) ? r : [r]).map((t) => Float32Array.from(t.dataSync()));
  });
  return outs;
}

/** Max abs difference over max abs value of the cpu result (per output). */
async function compareWithCpu(specs: Spec[], fn: Fn, seed = 7): Promise<number[]> {
  const cpu = await runOn('cpu', specs, fn, seed);
  const wasm = await runOn('wasm', specs, fn, seed);
  return cpu.map((c, k) => {
    const w = wasm[k];
    assert.equal(w.length, c.length, `output ${k} size`);
    let diff = 0, scale = 1e-12;
    for (let i = 0; i < c.length; i++) { diff = Math.max(diff, Math.abs(w[i] - c[i])); scale = Math.max(scale, Math.abs(c[i])); }
    assert.ok(Number.isFinite(diff), `output ${k} finite`);
    return diff / scale;
  });
}

/** Gradients of ⟨f(x…), r⟩ (r a fixed random cotangent) w.r.t. the float inputs; their errors. */
async function gradErrors(specs: Spec[], f: (...xs: tf.Tensor[]) => tf.Tensor): Promise<number[]> {
  const wrt = specs.map((s, i) => (s.dtype === 'int32' ? -1 : i)).filter((i) => i >= 0);
  return compareWithCpu(specs, (...xs) => tf.grads((...ys: tf.Tensor[]) => {
    const all = xs.slice();
    wrt.forEach((k, j) => { all[k] = ys[j]; });
    const out = f(...all);
    return tf.sum(tf.mul(out, tf.tensor(randomArray(out.size, 99), out.shape)));
  })(wrt.map((k) => xs[k])));
}

async function assertGradsMatch(label: string, specs: Spec[], f: (...xs: tf.Tensor[]) => tf.Tensor) {
  for (const e of await gradErrors(specs, f)) assert.ok(e < 1e-4, `${label}: relative error ${e}`);
}

before(async () => {
  const info = await initBackend({ backend: 'wasm' });
  assert.equal(info.name, 'wasm');
});

const conv2dCases: Array<[string, number[], number[], number, 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]]]> = [
  ['3×3 stride 1 same', [2, 9, 8, 3], [3, 3, 3, 4], 1, 'same'],
  ['3×3 stride 2 same', [2, 9, 8, 3], [3, 3, 3, 4], 2, 'same'],
  ['3×2 stride 2 valid (uneven)', [1, 10, 9, 2], [3, 2, 2, 5], 2, 'valid'],
  ['5×5 stride 3 same', [1, 11, 13, 3], [5, 5, 3, 2], 3, 'same'],
  ['explicit padding', [2, 7, 6, 2], [3, 3, 2, 3], 1, [[0, 0], [1, 2], [2, 0], [0, 0]]],
  ['1×1 stride 2', [2, 8, 8, 4], [1, 1, 4, 6], 2, 'valid'],
];
for (const [label, xs, ws, s, pad] of conv2dCases) {
  test(`conv2d gradients on wasm match cpu: ${label}`, async () => {
    await assertGradsMatch(label, [{ shape: xs }, { shape: ws }], (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, s, pad));
  });
}

test('Conv2DBackpropFilter kernel on wasm matches cpu for NCHW and explicit padding', async () => {
  const run = (x: tf.Tensor, dy: tf.Tensor) => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: [2, 1], pad: [[0, 0], [0, 0], [1, 1], [2, 0]], dataFormat: 'NCHW', filterShape: [3, 3, 3, 4] }) as tf.Tensor;
  // x: N×C×H×W = 2×3×9×7; padded 11×9, stride (2,1) → dy 2×4×5×7.
  const [e] = await compareWithCpu([{ shape: [2, 3, 9, 7] }, { shape: [2, 4, 5, 7] }], run);
  assert.ok(e < 1e-4, `relative error ${e}`);
});

const depthwiseCases: Array<[string, number[], number[], number, 'same' | 'valid']> = [
  ['multiplier 1 stride 1 same', [2, 8, 7, 3], [3, 3, 3, 1], 1, 'same'],
  ['multiplier 2 stride 2 same', [2, 9, 8, 3], [3, 3, 3, 2], 2, 'same'],
  ['multiplier 3 stride 2 valid', [1, 10, 9, 2], [3, 2, 2, 3], 2, 'valid'],
  ['5×5 multiplier 1 stride 3 same', [1, 11, 12, 4], [5, 5, 4, 1], 3, 'same'],
];
for (const [label, xs, ws, s, pad] of depthwiseCases) {
  test(`depthwiseConv2d gradients on wasm match cpu: ${label}`, async () => {
    await assertGradsMatch(label, [{ shape: xs }, { shape: ws }], (x, w) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, s, pad));
  });
}

/** Scalar reference of both depthwise backprops (any stride, dilation, padding), as in the definition. */
function depthwiseReference(x: Float32Array, xShape: number[], w: Float32Array, wShape: number[], dy: Float32Array, info: tf.backend_util.Conv2DInfo) {
  const [n, h, wd, c] = xShape;
  const [kh, kw, , m] = wShape;
  const { outHeight: ho, outWidth: wo, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const dW = new Float32Array(w.length), dX = new Float32Array(x.length);
  for (let b = 0; b < n; b++) for (let y = 0; y < ho; y++) for (let xo = 0; xo < wo; xo++) for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
    const r = y * sh + i * dh - info.padInfo.top, q = xo * sw + j * dw - info.padInfo.left;
    if (r < 0 || r >= h || q < 0 || q >= wd) continue;
    for (let ch = 0; ch < c; ch++) for (let k = 0; k < m; k++) {
      const g = dy[((b * ho + y) * wo + xo) * c * m + ch * m + k];
      const xi = ((b * h + r) * wd + q) * c + ch, wi = ((i * kw + j) * c + ch) * m + k;
      dW[wi] += x[xi] * g;
      dX[xi] += w[wi] * g;
    }
  }
  return { dW, dX };
}

function relErr(a: Float32Array, ref: Float32Array): number {
  let diff = 0, scale = 1e-12;
  for (let i = 0; i < ref.length; i++) { diff = Math.max(diff, Math.abs(a[i] - ref[i])); scale = Math.max(scale, Math.abs(ref[i])); }
  return diff / scale;
}

test('depthwise backprop kernels on wasm match the definition with dilation 2 and stride 2 (the cpu kernel ignores dilation)', async () => {
  await initBackend({ backend: 'wasm' });
  const cases = [
    { pad: 'same', mult: 2, strides: [1, 1], dilations: [2, 2] },
    { pad: 'valid', mult: 1, strides: [1, 1], dilations: [2, 3] },
    { pad: 'same', mult: 3, strides: [2, 2], dilations: [1, 1] },
  ] as const;
  for (const { pad, mult, strides, dilations } of cases) {
    const xShape = [2, 9, 10, 3], wShape = [3, 3, 3, mult];
    const info = tf.backend_util.computeConv2DInfo(xShape as [number, number, number, number], wShape as [number, number, number, number], [...strides], [...dilations], pad, undefined, true);
    const dyShape = [2, info.outHeight, info.outWidth, 3 * mult];
    const x = randomArray(2 * 9 * 10 * 3, 1), w = randomArray(9 * 3 * mult, 2), dy = randomArray(tf.util.sizeFromShape(dyShape), 3);
    const attrs = { strides: [...strides], dilations: [...dilations], pad, filterShape: wShape, inputShape: xShape };
    const dW = tf.tidy(() => (tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x: tf.tensor(x, xShape), dy: tf.tensor(dy, dyShape) }, attrs) as tf.Tensor).dataSync() as Float32Array);
    const dX = tf.tidy(() => (tf.engine().runKernel('DepthwiseConv2dNativeBackpropInput', { dy: tf.tensor(dy, dyShape), filter: tf.tensor(w, wShape) }, attrs) as tf.Tensor).dataSync() as Float32Array);
    const ref = depthwiseReference(x, xShape, w, wShape, dy, info);
    const ef = relErr(dW, ref.dW), ei = relErr(dX, ref.dX);
    assert.ok(ef < 1e-4 && ei < 1e-4, `${pad} m=${mult} s=${strides} d=${dilations}: filter ${ef}, input ${ei}`);
  }
});

test('conv2dTranspose and separableConv2d gradients on wasm match cpu', async () => {
  await assertGradsMatch('conv2dTranspose', [{ shape: [2, 5, 6, 4] }, { shape: [3, 3, 2, 4] }], (x, w) => tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [2, 10, 12, 2], 2, 'same'));
  await assertGradsMatch('separableConv2d', [{ shape: [2, 8, 8, 3] }, { shape: [3, 3, 3, 2] }, { shape: [1, 1, 6, 4] }], (x, d, p) => tf.separableConv2d(x as tf.Tensor4D, d as tf.Tensor4D, p as tf.Tensor4D, 1, 'same'));
});

test('gather gradients (UnsortedSegmentSum) on wasm match cpu, repeated indices included', async () => {
  const idx: Spec = { shape: [7], dtype: 'int32', values: [0, 4, 4, 2, 9, 0, 4] };
  await assertGradsMatch('gather axis 0', [{ shape: [10, 6] }, idx], (x, i) => tf.gather(x, i));
  await assertGradsMatch('gather axis 1', [{ shape: [3, 10, 2] }, idx], (x, i) => tf.gather(x, i, 1));
});

test('UnsortedSegmentSum kernel on wasm matches cpu, drops out-of-range ids, takes 2-D ids', async () => {
  const ids: Spec = { shape: [6], dtype: 'int32', values: [1, -1, 3, 1, 5, 0] };
  const [e] = await compareWithCpu([{ shape: [6, 2, 3] }, ids], (x, i) => tf.unsortedSegmentSum(x, i as tf.Tensor1D, 4));
  assert.ok(e < 1e-4, `relative error ${e}`);
  // 2-D ids (the cpu backend cannot do these): rows of a 2×2×2 tensor summed by id.
  const [sum] = await runOn('wasm', [{ shape: [2, 2, 2], values: [1, 2, 3, 4, 5, 6, 7, 8] }, { shape: [2, 2], dtype: 'int32', values: [2, 2, 7, 0] }], (x, i) => tf.unsortedSegmentSum(x, i as tf.Tensor1D, 3), 0);
  assert.deepEqual([...sum], [7, 8, 0, 0, 4, 6]);
});

test('every other op a small CNN / transformer trains through has a gradient on wasm that matches cpu', async () => {
  const x: Spec = { shape: [2, 8, 8, 3] };
  const m: Spec = { shape: [4, 6] };
  const cases: Array<[string, Spec[], (...t: tf.Tensor[]) => tf.Tensor]> = [
    ['maxPool (aurig MaxPoolGrad)', [x], (t) => tf.maxPool(t as tf.Tensor4D, 2, 2, 'same')],
    ['maxPool 3×3 stride 2 valid', [{ shape: [2, 9, 8, 2] }], (t) => tf.maxPool(t as tf.Tensor4D, 3, 2, 'valid')],
    ['maxPool 3×3 stride 1 same (overlapping)', [{ shape: [1, 6, 5, 2] }], (t) => tf.maxPool(t as tf.Tensor4D, 3, 1, 'same')],
    ['avgPool', [x], (t) => tf.avgPool(t as tf.Tensor4D, 3, 2, 'valid')],
    ['resizeBilinear', [x], (t) => tf.image.resizeBilinear(t as tf.Tensor4D, [13, 11])],
    // Batch 1: the cpu ResizeNearestNeighborGrad is wrong for batch > 1 (wasm is right there).
    ['resizeNearestNeighbor', [{ shape: [1, 8, 8, 3] }], (t) => tf.image.resizeNearestNeighbor(t as tf.Tensor4D, [16, 13])],
    ['matMul / batchMatMul', [{ shape: [2, 4, 6] }, { shape: [2, 5, 6] }], (a, b) => tf.matMul(a, b, false, true)],
    ['softmax / logSoftmax', [m], (t) => tf.add(tf.softmax(t), tf.logSoftmax(t))],
    ['layer norm (moments)', [m], (t) => { const { mean, variance } = tf.moments(t, -1, true); return tf.div(tf.sub(t, mean), tf.sqrt(tf.add(variance, 1e-5))); }],
    ['batchNorm', [x, { shape: [3] }, { shape: [3] }], (t, s, o) => tf.batchNorm(t, tf.zeros([3]), tf.ones([3]), o, s)],
    ['gelu-ish (erf, tanh, sigmoid)', [m], (t) => tf.addN([tf.erf(t), tf.tanh(t), tf.sigmoid(t), tf.elu(t), tf.leakyRelu(t, 0.2), tf.relu6(t)])],
    ['fused conv2d + bias + relu', [x, { shape: [3, 3, 3, 4] }, { shape: [4] }], (t, w, b) => tf.fused.conv2d({ x: t as tf.Tensor4D, filter: w as tf.Tensor4D, strides: 2, pad: 'same', bias: b, activation: 'relu' })],
    ['fused matMul + bias', [m, { shape: [6, 3] }, { shape: [3] }], (a, b, c) => tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias: c })],
    ['concat / slice / pad / tile / transpose', [m], (t) => tf.concat([tf.slice(tf.pad(t, [[1, 0], [0, 2]]), [0, 1], [4, 5]), tf.transpose(tf.tile(tf.slice(t, [0, 0], [2, 2]), [1, 2]))], 1)],
  ];
  const bad: string[] = [];
  for (const [label, specs, f] of cases) {
    const errs = await gradErrors(specs, f);
    if (!errs.every((e) => e < 1e-4)) bad.push(`${label}: ${errs.map((e) => e.toExponential(1)).join(', ')}`);
  }
  assert.deepEqual(bad, []);
});

test('maxPool gradient on wasm is right for windows of negative values (native wasm kernel is not)', async () => {
  const [g] = await runOn('wasm', [{ shape: [1, 4, 4, 1], values: [-5, -3, -2, -4, -1, -6, -7, -8, -3, -3, -3, -3, -9, -9, -9, -9] }], (x) => tf.grad((t: tf.Tensor) => tf.sum(tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid')))(x), 0);
  assert.deepEqual([...g], [0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]);
});

test('a tiny conv net (conv, depthwise, max pool, embedding gather) trains on wasm: loss falls, nothing leaks', async () => {
  await initBackend({ backend: 'wasm' });
  const before = tf.memory().numTensors;
  const vars = tf.tidy(() => [
    tf.variable(tf.tensor(randomArray(3 * 3 * 3 * 8, 1), [3, 3, 3, 8]).mul(0.4)),
    tf.variable(tf.tensor(randomArray(3 * 3 * 8 * 2, 2), [3, 3, 8, 2]).mul(0.4)),
    tf.variable(tf.tensor(randomArray(5 * 16, 3), [5, 16]).mul(0.4)),
    tf.variable(tf.tensor(randomArray(16, 4), [16, 1]).mul(0.4)),
  ]);
  const [w1, w2, emb, wOut] = vars as unknown as [tf.Tensor4D, tf.Tensor4D, tf.Tensor2D, tf.Tensor2D];
  const xs = tf.tensor(randomArray(8 * 12 * 12 * 3, 11), [8, 12, 12, 3]) as tf.Tensor4D;
  const cls = tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2], 'int32');
  const ys = tf.tensor(randomArray(8, 12), [8, 1]);
  const lossFn = () => {
    const h = tf.relu(tf.conv2d(xs, w1, 1, 'same')); // 8×12×12×8
    const p = tf.maxPool(h, 2, 2, 'same'); // 8×6×6×8
    const d = tf.depthwiseConv2d(p, w2, 1, 'same'); // 8×6×6×16
    const feat = tf.add(tf.mean(d, [1, 2]), tf.gather(emb, cls)); // 8×16
    return tf.losses.meanSquaredError(ys, tf.matMul(feat, wOut)) as tf.Scalar;
  };
  const losses: number[] = [];
  for (let step = 0; step < 20; step++) {
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(lossFn);
      losses.push(value.dataSync()[0]);
      for (const v of vars) v.assign(tf.sub(v, tf.mul(grads[v.name], 0.1)));
    });
  }
  assert.ok(losses.every(Number.isFinite));
  assert.ok(losses[19] < 0.5 * losses[0], `loss ${losses[0]} → ${losses[19]}`);
  tf.dispose([...vars, xs, cls, ys]);
  assert.equal(tf.memory().numTensors, before, 'no tensor leaked by the kernels');
});

// The last field: check gradients too (tfjs-core's BatchMatMul gradient rejects broadcast batches on every backend).
const matMulCases: Array<[string, number[], number[], boolean, boolean, boolean?]> = [
  ['2-D', [7, 5], [5, 8], false, false],
  ['2-D, both transposed, odd widths', [5, 7], [9, 5], true, true],
  ['batched per-AU MLP shape', [3, 6, 13], [3, 13, 12], false, false],
  ['batched, a transposed (weight gradient)', [3, 6, 13], [3, 6, 4], true, false],
  ['batched, b transposed, width not a multiple of 4', [3, 6, 13], [3, 7, 13], false, true],
  ['rank 4 (attention)', [2, 4, 5, 3], [2, 4, 3, 6], false, false],
  ['a broadcast over b\u2019s batch', [1, 5, 4], [3, 4, 6], false, false, false],
  ['b broadcast over a\u2019s batch, 2-D b', [3, 5, 4], [4, 6], false, false, false],
  ['2-D a times a batch of one (output keeps the batch axis)', [5, 4], [1, 4, 6], false, false, false],
];
for (const [label, as, bs, ta, tb, grads = true] of matMulCases) {
  test(`BatchMatMul on wasm (aurig SIMD kernel) matches cpu, with gradients: ${label}`, async () => {
    const [e] = await compareWithCpu([{ shape: as }, { shape: bs }], (a, b) => tf.matMul(a, b, ta, tb));
    assert.ok(e < 1e-5, `product: relative error ${e}`);
    if (grads) await assertGradsMatch(label, [{ shape: as }, { shape: bs }], (a, b) => tf.matMul(a, b, ta, tb));
  });
}

test('BatchMatMul on wasm: the output keeps the broadcast batch shape; batch shapes it does not broadcast go to the native kernel', async () => {
  await initBackend({ backend: 'wasm' });
  assert.deepEqual(tf.tidy(() => tf.matMul(tf.ones([5, 4]), tf.ones([1, 4, 6])).shape), [1, 5, 6], 'broadcast output shape');
  const [e] = await compareWithCpu([{ shape: [2, 3, 4, 5] }, { shape: [3, 5, 2] }], (a, b) => tf.matMul(a, b));
  assert.ok(e < 1e-5, `relative error ${e}`);
});
