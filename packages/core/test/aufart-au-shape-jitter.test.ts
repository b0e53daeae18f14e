import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, createDefaultFaceModel, MESH_POINTS } from '@aurig/core';
import { landmarkDecoder } from '../src/aufart/train/landmarkDecoder.ts';
import { auShapeBasis, applyAuShapeJitter } from '../src/aufart/train/auShapeJitter.ts';
import { createRng } from '../src/aufart/rng.ts';

await initBackend();
const face = createDefaultFaceModel();
const nE = face.numExpression, L3 = MESH_POINTS * 3;
const basis = auShapeBasis(landmarkDecoder(face), nE, face.numShape);
const template = new Float32Array(L3); // the jitter reads template x, y only for the gradient's coordinates
for (let i = 0; i < L3; i++) template[i] = face.v_template[i];

test('AU execution jitter: nothing without AUs or with σ 0; an AU only moves its own landmarks, by a bounded, varying gain', () => {
  const none = new Float32Array(L3);
  applyAuShapeJitter(createRng(1), none, new Float32Array(nE), template, basis, 0.35);
  assert.ok(none.every((v) => v === 0));
  const psi = new Float32Array(nE);
  psi[0] = 0.8; // AU01 on one side
  const off = new Float32Array(L3);
  applyAuShapeJitter(createRng(1), off, psi, template, basis, 0);
  assert.ok(off.every((v) => v === 0));
  const ratios: number[] = [];
  for (let seed = 1; seed <= 20; seed++) {
    const X = new Float32Array(L3);
    applyAuShapeJitter(createRng(seed), X, psi, template, basis, 0.35);
    let moved = 0, num = 0, den = 0;
    for (let i = 0; i < L3; i++) {
      const d = basis.dirs[i]; // component 0's displacement
      if (d === 0) assert.equal(X[i], 0, 'a landmark the AU does not move stays');
      else { const g = X[i] / (0.8 * d); assert.ok(g > Math.exp(-1.2) - 1 - 1e-5 && g < Math.exp(1.2) - 1 + 1e-5, `gain − 1 = ${g}`); moved++; }
      num += X[i] ** 2; den += (0.8 * d) ** 2;
    }
    assert.ok(moved > 0);
    ratios.push(Math.sqrt(num / den));
  }
  // The pattern's change is a real fraction of the AU's own displacement, different from face to face.
  const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  assert.ok(mean > 0.1 && mean < 0.8, `mean relative change ${mean}`);
  assert.ok(Math.max(...ratios) - Math.min(...ratios) > 0.1);
  // Seeded: the same stream gives the same face.
  const a = new Float32Array(L3), b = new Float32Array(L3);
  applyAuShapeJitter(createRng(7), a, psi, template, basis, 0.35);
  applyAuShapeJitter(createRng(7), b, psi, template, basis, 0.35);
  assert.deepEqual(a, b);
});
