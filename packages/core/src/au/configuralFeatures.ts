import { AurigError } from '../errors/AurigError.ts';
import { CONFIGURAL_FEATURES } from './configuralFeatureTable.ts';

/**
 * The 23 configural features c1…c23 of AUFART Table 2 (Eq. 9) from 68 landmarks, flat 68×`dims`
 * (2 for image points, 3 for model points); same unit as the landmarks. Returns 23 values.
 */
export function configuralFeatures(lm68: ArrayLike<number>, dims: 2 | 3 = 3): Float64Array {
  if (lm68.length !== 68 * dims) {
    throw new AurigError('E_BAD_PARAMS', `configuralFeatures: got ${lm68.length} numbers, expected 68×${dims} = ${68 * dims}; pass the 68-point landmarks flat`, { value: lm68.length });
  }
  const out = new Float64Array(CONFIGURAL_FEATURES.length);
  CONFIGURAL_FEATURES.forEach((f, i) => {
    let s = 0;
    for (let c = 0; c < dims; c++) {
      let a = 0, b = 0;
      for (const k of f.a) a += lm68[k * dims + c];
      for (const k of f.b) b += lm68[k * dims + c];
      s += (a / f.a.length - b / f.b.length) ** 2;
    }
    out[i] = Math.sqrt(s);
  });
  return out;
}
