import * as tf from '@tensorflow/tfjs';
import { AurigError } from '../errors/AurigError.ts';
import { CONFIGURAL_FEATURES } from './configuralFeatureTable.ts';

/** Added under the square root so that the gradient at coincident points stays finite. */
const NORM_EPS = 1e-9;

let weights: { data: Float32Array } | undefined;

/**
 * AUFART Table 2 configural features in tfjs, differentiable (for the AU relative-distance loss,
 * Eq. 9): B×68×D landmarks (D = 2 or 3) → B×23. Each feature is ‖(M_A − M_B)·p‖ with M the
 * averaging rows of Table 2.
 */
export function configuralFeaturesTf(lm68: tf.Tensor3D): tf.Tensor2D {
  const [B, L, D] = lm68.shape;
  if (L !== 68) throw new AurigError('E_BAD_PARAMS', `configuralFeaturesTf: landmarks have shape [${lm68.shape}], expected [B, 68, 2 or 3]`, { value: lm68.shape });
  weights ??= { data: differenceMatrix() };
  return tf.tidy(() => {
    const M = tf.tensor2d(weights!.data, [CONFIGURAL_FEATURES.length, 68]);
    // (23×68) · (68 × B·D) → 23 × B·D
    const pts = lm68.transpose([1, 0, 2]).reshape([68, B * D]);
    const diff = tf.matMul(M, pts).reshape([CONFIGURAL_FEATURES.length, B, D]);
    return diff.square().sum(2).add(NORM_EPS).sqrt().transpose() as tf.Tensor2D;
  });
}

function differenceMatrix(): Float32Array {
  const M = new Float32Array(CONFIGURAL_FEATURES.length * 68);
  CONFIGURAL_FEATURES.forEach((f, i) => {
    for (const k of f.a) M[i * 68 + k] += 1 / f.a.length;
    for (const k of f.b) M[i * 68 + k] -= 1 / f.b.length;
  });
  return M;
}
