import { VTX68 } from './meshTopology.ts';

/** The 68 iBUG points (x, y) picked from 468×3 mesh landmarks. */
export function landmarks68FromMesh(lm: Float32Array): Float32Array {
  const out = new Float32Array(68 * 2);
  for (let i = 0; i < 68; i++) {
    out[i * 2] = lm[VTX68[i]! * 3]!;
    out[i * 2 + 1] = lm[VTX68[i]! * 3 + 1]!;
  }
  return out;
}
