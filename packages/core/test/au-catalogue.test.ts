import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  initBackend, createDefaultFaceModel, lbsReference, auVertexMask, configuralFeatures, configuralFeaturesTf,
  AU_CATALOGUE, AU_NAMES, AU_PARAM_NAMES, SIDED_AUS, auLandmarks, LANDMARK_GROUPS_468, LANDMARK_GROUPS_68, CONFIGURAL_FEATURES,
  type AuName, type AuParamName,
} from '@aurig/core';

const model = createDefaultFaceModel();

function pose(psiByName: Partial<Record<AuParamName, number>>) {
  const psi = new Float64Array(model.numExpression);
  for (const [n, v] of Object.entries(psiByName)) psi[model.exprNames.indexOf(n as AuParamName)] = v;
  return lbsReference(model, { batch: 1, psi });
}

const neutral = lbsReference(model, { batch: 1 });

function bothSides(au: AuName, value = 1): Partial<Record<AuParamName, number>> {
  return (SIDED_AUS as readonly string[]).includes(au) ? { [`${au}_L`]: value, [`${au}_R`]: value } : { [au]: value };
}

test('the catalogue covers every ψ component of the default model, with FACS names and Table-1 groups', () => {
  assert.deepEqual([...model.exprNames], [...AU_PARAM_NAMES]);
  for (const au of ['AU01', 'AU02', 'AU04', 'AU05', 'AU06', 'AU07', 'AU09', 'AU10', 'AU12', 'AU14', 'AU15', 'AU17', 'AU18', 'AU20', 'AU23', 'AU24', 'AU25', 'AU26', 'AU28', 'AU45'] as const) {
    assert.ok(AU_NAMES.includes(au), au);
  }
  for (const au of AU_NAMES) {
    const e = AU_CATALOGUE[au];
    assert.equal(`AU${String(e.number).padStart(2, '0')}`, au);
    assert.ok(e.name.length > 3);
    const l468 = auLandmarks(au, '468'), l68 = auLandmarks(au, '68');
    assert.ok(l468.length > 0 && l468.every((i) => i >= 0 && i < 468), au);
    assert.ok(l68.length > 0 && l68.every((i) => i >= 0 && i < 68), au);
  }
  // AUFART Table 1 counts: brows 20, inner brow 12, eyes 32, lower eye 18, nose 13, mouth 40, upper mouth 22, corners 22.
  const counts = Object.fromEntries(Object.entries(LANDMARK_GROUPS_468).map(([k, v]) => [k, new Set(v).size]));
  assert.deepEqual(counts, { brow: 20, innerBrow: 12, outerBrow: 8, eye: 32, lowerEye: 18, upperEye: 14, nose: 13, mouth: 40, upperMouth: 22, mouthCorner: 22 });
  assert.equal(new Set(Object.values(LANDMARK_GROUPS_468).flat()).size, 105);
  assert.ok(Object.values(LANDMARK_GROUPS_68).flat().every((i) => i >= 17 && i < 68));
  assert.equal(CONFIGURAL_FEATURES.length, 23);
});

test('each AU moves its region: displacement outside its vertex mask is under 5% of inside', () => {
  for (const name of AU_PARAM_NAMES) {
    const mask = auVertexMask(name);
    const posed = pose({ [name]: 1 });
    let inSum = 0, inN = 0, outSum = 0, outN = 0, maxIn = 0;
    for (let v = 0; v < model.numVertices; v++) {
      const d = Math.hypot(posed.vertices[3 * v] - neutral.vertices[3 * v], posed.vertices[3 * v + 1] - neutral.vertices[3 * v + 1], posed.vertices[3 * v + 2] - neutral.vertices[3 * v + 2]);
      if (mask[v] >= 0.5) { inSum += d; inN++; maxIn = Math.max(maxIn, d); } else if (mask[v] === 0) { outSum += d; outN++; }
    }
    assert.ok(inN > 5 && outN > 100, `${name}: mask has ${inN} inside and ${outN} outside vertices`);
    const ratio = outSum / outN / (inSum / inN);
    assert.ok(ratio < 0.05, `${name}: outside/inside displacement ratio ${ratio.toFixed(4)}`);
    assert.ok(maxIn > 1.5, `${name}: largest displacement inside the mask only ${maxIn.toFixed(2)} mm`);
  }
});

test('AU masks have smoothed borders, stay on their side, and never include the eyeballs', () => {
  for (const name of AU_PARAM_NAMES) {
    const m = auVertexMask(name);
    const partial = m.filter((x) => x > 0 && x < 1).length;
    assert.ok(partial > 3, `${name}: ${partial} border vertices with a fractional weight`);
    for (const r of [model.parts.leftEye, model.parts.rightEye]) for (let v = r.start; v < r.end; v++) assert.equal(m[v], 0);
    if (name.endsWith('_L') || name.endsWith('_R')) {
      const sign = name.endsWith('_L') ? 1 : -1;
      for (let v = 0; v < model.numVertices; v++) if (sign * model.v_template[3 * v] < -8) assert.equal(m[v], 0, `${name}: vertex ${v} on the other side`);
    }
  }
});

test('configural features move with the right sign under their AU (Table 2)', () => {
  const c0 = configuralFeatures(neutral.landmarks68);
  for (const au of AU_NAMES) {
    const signs = AU_CATALOGUE[au].signs as Partial<Record<string, 1 | -1>>;
    const c1 = configuralFeatures(pose(bothSides(au)).landmarks68);
    for (const [feature, sign] of Object.entries(signs)) {
      const i = Number(feature.slice(1)) - 1;
      const delta = c1[i] - c0[i];
      assert.ok(sign! * delta > 0.3, `${au}: ${feature} changed by ${delta.toFixed(2)} mm, expected sign ${sign}`);
    }
  }
  // The two examples, explicitly.
  const c04 = configuralFeatures(pose(bothSides('AU04')).landmarks68);
  assert.ok(c04[6] < c0[6] - 1, `c7 (inner-brow distance) under AU04: ${c0[6]} → ${c04[6]}`);
  const c26 = configuralFeatures(pose({ AU26: 1 }).landmarks68);
  for (const i of [20, 21, 22]) assert.ok(c26[i] > c0[i] + 5, `c${i + 1} under AU26: ${c0[i]} → ${c26[i]}`);
});

test('configuralFeaturesTf matches the JS version and has finite gradients', async () => {
  await initBackend();
  const lms = [neutral.landmarks68, pose(bothSides('AU12')).landmarks68, pose({ AU26: 1 }).landmarks68];
  const t = tf.tensor3d(Float32Array.from(lms.flatMap((l) => [...l])), [3, 68, 3]);
  const c = configuralFeaturesTf(t).arraySync();
  lms.forEach((l, b) => {
    const ref = configuralFeatures(l);
    for (let i = 0; i < 23; i++) assert.ok(Math.abs(c[b][i] - ref[i]) < 1e-3, `c${i + 1}: ${c[b][i]} vs ${ref[i]}`);
  });
  // 2-D (image) landmarks too, and a gradient that stays finite even with coincident points.
  const flat = tf.zeros([1, 68, 2]);
  const g = tf.grad((x: tf.Tensor) => configuralFeaturesTf(x as tf.Tensor3D).sum())(flat);
  assert.ok(g.dataSync().every(Number.isFinite));
  assert.throws(() => configuralFeatures(new Float64Array(10)), { code: 'E_BAD_PARAMS' });
  tf.dispose([t, flat, g]);
});
