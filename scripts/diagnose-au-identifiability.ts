// Diagnosis behind MODEL.md's synthetic ICC / F1 miss: which AUs of the default face model can the 468 landmarks tell
// apart at all? For each AU: its largest landmark displacement, and how much of its displacement field the identity
// blend shapes reproduce (ridge fit, λ = 1 mm² per unit β²); the cosine between the lip AUs' fields; then the shipped
// weights on the synthetic held-out set with the detector-like landmark noise scaled ×0, ×0.5, ×1 (per-AU ICC / F1).
// Run: node --conditions=aurig-dev --import tsx scripts/diagnose-au-identifiability.ts (AURIG_AUFART_MODEL=DIR: another checkpoint)
import { initBackend, loadAufartModel, AufartRegressor, createDefaultFaceModel, createLandmarkBasis, decodeLandmarks, createRng, icc31, f1Score, MESH_POINTS } from '@aurig/core';
import { sampleSyntheticBatch, DEFAULT_SYNTHETIC_OPTIONS } from '../packages/core/src/aufart/train/sampleSyntheticBatch.ts';
import { landmarkDecoder } from '../packages/core/src/aufart/train/landmarkDecoder.ts';

const face = createDefaultFaceModel();
const basis = createLandmarkBasis(face);
const nB = face.numShape, nP = face.numExpression, theta = new Float64Array(15);
const neutral = decodeLandmarks(basis, new Float64Array(nB), new Float64Array(nP), theta).slice();
const L = neutral.length;
const field = (beta: Float64Array, psi: Float64Array) => Float64Array.from(decodeLandmarks(basis, beta, psi, theta), (v, i) => v - neutral[i]);
const unit = (n: number, k: number) => { const v = new Float64Array(n); v[k] = 1; return v; };
const S = Array.from({ length: nB }, (_, k) => field(unit(nB, k), new Float64Array(nP)));
const dot = (a: Float64Array, b: Float64Array) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; };

/** Share of ‖d‖² the identity blend shapes reproduce: ridge solve (SᵀS + λI) β = Sᵀd by Gauss–Jordan. */
function identityShare(d: Float64Array, lambda = 1): number {
  const A = new Float64Array(nB * nB), x = new Float64Array(nB);
  for (let i = 0; i < nB; i++) { for (let j = 0; j < nB; j++) A[i * nB + j] = dot(S[i], S[j]) + (i === j ? lambda : 0); x[i] = dot(S[i], d); }
  for (let c = 0; c < nB; c++) {
    const piv = A[c * nB + c];
    for (let k = 0; k < nB; k++) A[c * nB + k] /= piv;
    x[c] /= piv;
    for (let r = 0; r < nB; r++) if (r !== c) { const f = A[r * nB + c]; for (let k = 0; k < nB; k++) A[r * nB + k] -= f * A[c * nB + k]; x[r] -= f * x[c]; }
  }
  const res = d.slice();
  for (let k = 0; k < nB; k++) for (let t = 0; t < L; t++) res[t] -= S[k][t] * x[k];
  return 1 - dot(res, res) / dot(d, d);
}

const fields: Record<string, Float64Array> = {};
console.log('component  max mm  identity share');
face.exprNames.forEach((name, k) => {
  if (name.endsWith('_R')) return; // the right side mirrors the left
  const d = field(new Float64Array(nB), unit(nP, k));
  fields[name] = d;
  let max = 0;
  for (let i = 0; i < L / 3; i++) max = Math.max(max, Math.hypot(d[i * 3], d[i * 3 + 1], d[i * 3 + 2]));
  console.log(`${name.padEnd(9)} ${max.toFixed(2).padStart(6)}  ${identityShare(d).toFixed(2)}`);
});
const lips = ['AU16', 'AU18', 'AU23', 'AU24', 'AU25', 'AU26', 'AU28'];
console.log('\ncosine between lip AU fields\n         ' + lips.map((n) => n.padStart(6)).join(''));
for (const a of lips) console.log(a.padEnd(9) + lips.map((b) => (dot(fields[a], fields[b]) / Math.sqrt(dot(fields[a], fields[a]) * dot(fields[b], fields[b]))).toFixed(2).padStart(6)).join(''));

await initBackend();
const model = await loadAufartModel(process.env.AURIG_AUFART_MODEL || undefined);
const reg = new AufartRegressor(model, { refit: false });
const decode = landmarkDecoder(face);
const names = model.layout.auNames, N = names.length;
console.log(`\n${process.env.AURIG_AUFART_MODEL || 'shipped weights'}, 1000 held-out synthetic faces (seed 2024001), landmark noise scaled:`);
for (const k of [0, 0.5, 1]) {
  const rng = createRng(2_024_001);
  const tI = names.map(() => [] as number[]), pI = names.map(() => [] as number[]), tP = names.map(() => [] as boolean[]), pP = names.map(() => [] as boolean[]);
  const o = { ...DEFAULT_SYNTHETIC_OPTIONS, identityJitter: 0, noiseXY: DEFAULT_SYNTHETIC_OPTIONS.noiseXY * k, noiseZ: DEFAULT_SYNTHETIC_OPTIONS.noiseZ * k, regionNoise: DEFAULT_SYNTHETIC_OPTIONS.regionNoise * k };
  for (let s = 0; s < 1000; s += 50) {
    const b = sampleSyntheticBatch(rng, 50, model.layout, model.config, decode, face.numShape, o);
    for (let j = 0; j < 50; j++) {
      const p = reg.predict(b.landmarks.subarray(j * MESH_POINTS * 3, (j + 1) * MESH_POINTS * 3));
      names.forEach((au, i) => { tI[i].push(b.intensity[j * N + i]); pI[i].push(p.aus[au]); tP[i].push(b.presence[j * N + i] > 0.5); pP[i].push(p.auPresence[au] >= 0.5); });
    }
  }
  const icc = names.map((_, i) => icc31(tI[i], pI[i])), f1 = names.map((_, i) => f1Score(tP[i], pP[i]));
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  console.log(`noise ×${k}: mean ICC ${mean(icc).toFixed(3)}, F1 ${mean(f1).toFixed(3)}\n  ` + names.map((a, i) => `${a} ${icc[i].toFixed(2)}/${f1[i].toFixed(2)}`).join(' '));
}
model.dispose();
