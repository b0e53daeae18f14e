import { AU_PARAM_NAMES } from '../au/auNames.ts';
import type { DefaultGeometry } from './defaultGeometry.ts';

/** Jaw opening (radians about +x) per unit of the AUs that drive the jaw joint. */
export const JAW_OPEN_PER_AU = { AU26: 0.2, AU27: 0.4 } as const;

/** V×3×nψ AU blendshapes and the nψ×3 jaw axis-angle per unit ψ. */
export function buildDefaultExpressions(g: DefaultGeometry, _weights: Float32Array): { exprdirs: Float32Array; jawFromExpr: Float32Array } {
  const V = g.positions.length / 3, K = AU_PARAM_NAMES.length;
  const exprdirs = new Float32Array(V * 3 * K);
  const jawFromExpr = new Float32Array(K * 3);
  AU_PARAM_NAMES.forEach((n, k) => {
    if (n === 'AU26' || n === 'AU27') jawFromExpr[3 * k] = JAW_OPEN_PER_AU[n];
  });
  return { exprdirs, jawFromExpr };
}
