import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDefaultFaceModel, lbsReference, jawFromAu, JAW_OPEN_PER_AU, VTX68, NUM_POSE_FEATURES } from '@aurig/core';

const m = createDefaultFaceModel();
const P = (v: number, a: ArrayLike<number> = m.v_template): [number, number, number] => [a[3 * v], a[3 * v + 1], a[3 * v + 2]];
const dist = (a: number[], b: number[]): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const mid = (a: number[], b: number[]): number[] => a.map((x, i) => (x + b[i]) / 2);

test('default model: FLAME layout, sizes and consistent arrays', () => {
  const V = m.numVertices, F = m.numFaces;
  assert.ok(V > 468 && V < 1500, `V = ${V}`);
  assert.equal(m.v_template.length, V * 3);
  assert.equal(m.faces.length, F * 3);
  assert.ok(m.faces.every((i) => i < V));
  assert.ok(m.numShape >= 50, `nβ = ${m.numShape}`);
  assert.equal(m.shapedirs.length, V * 3 * m.numShape);
  assert.equal(m.exprdirs.length, V * 3 * m.numExpression);
  assert.equal(m.posedirs.length, V * 3 * NUM_POSE_FEATURES);
  assert.equal(m.J_regressor.length, 5 * V);
  assert.equal(m.exprNames.length, m.numExpression);
  assert.deepEqual([...m.kintree_table.slice(0, 5)], [-1, 0, 1, 1, 1]);
  for (let v = 0; v < V; v++) {
    let s = 0;
    for (let j = 0; j < 5; j++) { assert.ok(m.weights[v * 5 + j] >= 0); s += m.weights[v * 5 + j]; }
    assert.ok(Math.abs(s - 1) < 1e-6, `weights of vertex ${v} sum to ${s}`);
  }
  for (let j = 0; j < 5; j++) {
    let s = 0;
    for (let v = 0; v < V; v++) s += m.J_regressor[j * V + v];
    assert.ok(Math.abs(s - 1) < 1e-5, `J_regressor row ${j} sums to ${s}`);
  }
  assert.ok(m.v_template.every(Number.isFinite) && m.shapedirs.every(Number.isFinite) && m.exprdirs.every(Number.isFinite));
  assert.equal(createDefaultFaceModel(), m, 'cached');
});

test('default model: vertices 0..467 are the MediaPipe landmarks; embeddings select them', () => {
  const neutral = lbsReference(m, { batch: 1 });
  for (let i = 0; i < 468; i++) for (let c = 0; c < 3; c++) assert.ok(Math.abs(neutral.landmarks468[3 * i + c] - m.v_template[3 * i + c]) < 1e-4);
  for (let l = 0; l < 68; l++) for (let c = 0; c < 3; c++) assert.ok(Math.abs(neutral.landmarks68[3 * l + c] - m.v_template[3 * VTX68[l] + c]) < 1e-4);
});

test('default model: a plausible adult face in millimetres, FLAME orientation', () => {
  // Eye centres 62–65 mm apart; subject's left (MediaPipe 263/362) at +x.
  const eyeL = mid(P(263), P(362)), eyeR = mid(P(33), P(133));
  const ipd = dist(eyeL, eyeR);
  assert.ok(ipd > 60 && ipd < 66, `eye centres ${ipd.toFixed(1)} mm apart`);
  assert.ok(eyeL[0] > 25 && eyeR[0] < -25);
  // Brow (mean of brow landmarks) to chin ~120 mm; +y up.
  const browY = [70, 63, 105, 66, 107, 336, 296, 334, 293, 300].reduce((s, i) => s + m.v_template[3 * i + 1], 0) / 10;
  const chin = P(152);
  const h = browY - chin[1];
  assert.ok(h > 110 && h < 135, `brow to chin ${h.toFixed(1)} mm`);
  // +z toward the viewer: the nose tip is the front-most face point; the back of the head is behind the origin.
  const tip = P(1)[2];
  for (let i = 0; i < 468; i++) assert.ok(m.v_template[3 * i + 2] <= tip + 1e-6, `vertex ${i} in front of the nose tip`);
  assert.ok(tip > 80 && tip < 130);
  let zmin = Infinity;
  for (let v = 0; v < m.numVertices; v++) zmin = Math.min(zmin, m.v_template[3 * v + 2]);
  assert.ok(zmin < -60, `back of the head at z = ${zmin}`);
  // Triangles face outward: for the 468-point face, normals point toward +z on average.
  let nz = 0;
  for (let f = 0; f < m.numFaces; f++) {
    const [a, b, c] = [m.faces[3 * f], m.faces[3 * f + 1], m.faces[3 * f + 2]];
    if (a >= 468 || b >= 468 || c >= 468) continue;
    const u = P(b).map((x, i) => x - P(a)[i]), w = P(c).map((x, i) => x - P(a)[i]);
    nz += Math.sign(u[0] * w[1] - u[1] * w[0]);
  }
  assert.ok(nz > 0.9 * 850, `face triangles facing +z: ${nz}`);
});

test('default model: eyes rotate about their joints; the jaw joint opens the mouth', () => {
  const theta = new Float64Array(15);
  theta[3 * 3 + 1] = 0.3; // left eye, yaw
  const neutral = lbsReference(m, { batch: 1 });
  const eyeTurn = lbsReference(m, { batch: 1, theta });
  const c = [neutral.joints[9], neutral.joints[10], neutral.joints[11]];
  const { leftEye, rightEye } = m.parts;
  let moved = 0;
  for (let v = leftEye.start; v < leftEye.end; v++) {
    const a = P(v, neutral.vertices), b = P(v, eyeTurn.vertices);
    assert.ok(Math.abs(dist(a, c) - dist(b, c)) < 1e-6, 'eyeball vertices keep their distance to the eye joint');
    moved = Math.max(moved, dist(a, b));
  }
  assert.ok(moved > 3, `pupil moved ${moved} mm`);
  for (let v = 0; v < m.numVertices; v++) if (v < leftEye.start || v >= leftEye.end) assert.ok(dist(P(v, neutral.vertices), P(v, eyeTurn.vertices)) < 1e-9);
  assert.ok(rightEye.end > rightEye.start);
  // Jaw: +x rotation opens the mouth; the lower lip and chin move down, the upper lip stays.
  const jaw = new Float64Array(15);
  jaw[6] = 0.2;
  const open = lbsReference(m, { batch: 1, theta: jaw });
  assert.ok(open.vertices[3 * 17 + 1] < neutral.vertices[3 * 17 + 1] - 8, 'lower lip down');
  assert.ok(open.vertices[3 * 152 + 1] < neutral.vertices[3 * 152 + 1] - 10, 'chin down');
  assert.ok(dist(P(0, open.vertices), P(0, neutral.vertices)) < 0.5, 'upper lip stays');
  assert.ok(dist(P(10, open.vertices), P(10, neutral.vertices)) < 1e-9, 'forehead stays');
  // AU26 drives the same joint: jawFromAu maps ψ to θ_jaw and lbs applies it.
  const psi = new Float64Array(m.numExpression);
  psi[m.exprNames.indexOf('AU26')] = 1;
  const jawAxisAngle = jawFromAu(m, psi);
  assert.ok(Math.abs(jawAxisAngle[0] - JAW_OPEN_PER_AU.AU26) < 1e-6 && jawAxisAngle[1] === 0 && jawAxisAngle[2] === 0);
  const au26 = lbsReference(m, { batch: 1, psi });
  assert.ok(Math.abs(au26.vertices[3 * 152 + 1] - open.vertices[3 * 152 + 1]) < 1.5, 'AU26 = jaw pose 0.2 rad (plus a small lip blendshape)');
});

test('default model: identity basis is smooth, has symmetric and asymmetric components, and keeps eyeballs rigid', () => {
  const K = m.numShape;
  let symmetric = 0, asymmetric = 0;
  // Mirror pairs: MediaPipe landmark i and the one nearest to its mirror image.
  const mirror = (i: number): number => {
    let best = -1, bd = Infinity;
    for (let j = 0; j < 468; j++) { const d = dist(P(j), [-m.v_template[3 * i], m.v_template[3 * i + 1], m.v_template[3 * i + 2]]); if (d < bd) { bd = d; best = j; } }
    return best;
  };
  const pairs = [33, 61, 152, 234, 105, 205].map((i) => [i, mirror(i)]);
  for (let k = 0; k < K; k++) {
    const d = (v: number, c: number): number => m.shapedirs[(3 * v + c) * K + k];
    // Smooth: the offset changes along any face edge by at most 0.4 mm per mm of edge length.
    let maxD = 0, maxStrain = 0;
    for (let v = 0; v < m.numVertices; v++) maxD = Math.max(maxD, Math.hypot(d(v, 0), d(v, 1), d(v, 2)));
    for (let f = 0; f < m.numFaces; f++) for (let e = 0; e < 3; e++) {
      const a = m.faces[3 * f + e], b = m.faces[3 * f + ((e + 1) % 3)];
      if (a < 468 && b < 468) maxStrain = Math.max(maxStrain, Math.hypot(d(a, 0) - d(b, 0), d(a, 1) - d(b, 1), d(a, 2) - d(b, 2)) / dist(P(a), P(b)));
    }
    assert.ok(maxD > 0.3, `β${k}: largest offset ${maxD}`);
    assert.ok(maxStrain < 0.4, `β${k}: offset changes by ${maxStrain.toFixed(3)} mm per mm along an edge`);
    // Symmetric: mirrored x offsets opposite, y equal; asymmetric otherwise.
    const sym = pairs.every(([i, j]) => Math.abs(d(i, 0) + d(j, 0)) < 0.05 + 0.05 * maxD && Math.abs(d(i, 1) - d(j, 1)) < 0.05 + 0.05 * maxD);
    if (sym) symmetric++; else asymmetric++;
    // Eyeballs move rigidly: all their vertices share one offset (except the overall-size component).
    const { leftEye } = m.parts;
    if (k > 0) for (let v = leftEye.start + 1; v < leftEye.end; v++) for (let c = 0; c < 3; c++) assert.ok(Math.abs(d(v, c) - d(leftEye.start, c)) < 1e-5);
  }
  assert.ok(symmetric >= 20 && asymmetric >= 10, `${symmetric} symmetric, ${asymmetric} asymmetric components`);
});
