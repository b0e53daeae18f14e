import { VTX68 } from './meshTopology.ts';

/**
 * The mesh's face-oval vertices from each temple (at eye height) down to the chin (152): subject's right side
 * (iBUG jaw 0 → 8), then subject's left side (iBUG jaw 16 → 8).
 */
const JAW_RIGHT = [127, 234, 93, 132, 58, 172, 136, 150, 149, 176, 148, 152] as const;
const JAW_LEFT = [356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152] as const;
/** iBUG jaw points per side, the chin included. */
const JAW_HALF = 9;

/**
 * The 68 iBUG points (x, y image pixels) from 468×3 mesh landmarks. Points 17–67 are fixed mesh vertices
 * (`VTX68`). The jaw (0–16) is the mesh's face oval resampled at equal arc length in the image, as iBUG
 * annotators space the jaw points evenly along the visible outline, rather than 17 fixed vertices whose
 * spacing changes with head pose.
 */
export function landmarks68FromMesh(lm: Float32Array): Float32Array {
  const out = new Float32Array(68 * 2);
  for (let i = 17; i < 68; i++) {
    out[i * 2] = lm[VTX68[i]! * 3]!;
    out[i * 2 + 1] = lm[VTX68[i]! * 3 + 1]!;
  }
  resampleChain(lm, JAW_RIGHT, (k, x, y) => { out[k * 2] = x; out[k * 2 + 1] = y; });
  resampleChain(lm, JAW_LEFT, (k, x, y) => { out[(16 - k) * 2] = x; out[(16 - k) * 2 + 1] = y; });
  return out;
}

/** Place JAW_HALF points at equal arc length along the image polyline through `chain`'s vertices. */
function resampleChain(lm: Float32Array, chain: readonly number[], put: (k: number, x: number, y: number) => void): void {
  const cum = [0];
  for (let i = 1; i < chain.length; i++) {
    const a = chain[i - 1]! * 3; const b = chain[i]! * 3;
    cum.push(cum[i - 1]! + Math.hypot(lm[b]! - lm[a]!, lm[b + 1]! - lm[a + 1]!));
  }
  const total = cum[cum.length - 1]!;
  let seg = 1;
  for (let k = 0; k < JAW_HALF; k++) {
    const target = (total * k) / (JAW_HALF - 1);
    while (seg < chain.length - 1 && cum[seg]! < target) seg++;
    const a = chain[seg - 1]! * 3; const b = chain[seg]! * 3;
    const len = cum[seg]! - cum[seg - 1]!;
    const t = len > 0 ? Math.min(1, Math.max(0, (target - cum[seg - 1]!) / len)) : 0;
    put(k, lm[a]! + t * (lm[b]! - lm[a]!), lm[a + 1]! + t * (lm[b + 1]! - lm[a + 1]!));
  }
}
