import type { FaceModel } from './FaceModel.ts';

/**
 * The jaw rotation (axis-angle, radians; +x opens the mouth) that expression ψ adds to θ_jaw in
 * `lbs`: Σ_k ψ_k · jawFromExpr[k]. In the default model AU26 (jaw drop) opens the jaw 0.2 rad
 * and AU27 (mouth stretch) 0.4 rad per unit; zero for official FLAME.
 */
export function jawFromAu(model: FaceModel, psi: ArrayLike<number>): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0];
  for (let k = 0; k < Math.min(psi.length, model.numExpression); k++) for (let c = 0; c < 3; c++) out[c] += psi[k] * model.jawFromExpr[3 * k + c];
  return out;
}
