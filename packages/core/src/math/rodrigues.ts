/** Guard added to the rotation angle so that θ = 0 has a finite gradient (as DECA's lbs.py does). */
export const RODRIGUES_EPS = 1e-8;

/**
 * Axis-angle (radians) to a row-major 3×3 rotation matrix, float64, written into `out` at `offset`.
 * R = I + sin(a)·K + (1 − cos(a))·K², with K the cross-product matrix of the unit axis (DECA lbs.py
 * `batch_rodrigues`, including its ε on the angle).
 */
export function rodrigues(rx: number, ry: number, rz: number, out: Float64Array = new Float64Array(9), offset = 0): Float64Array {
  const ex = rx + RODRIGUES_EPS, ey = ry + RODRIGUES_EPS, ez = rz + RODRIGUES_EPS;
  const angle = Math.sqrt(ex * ex + ey * ey + ez * ez);
  const x = rx / angle, y = ry / angle, z = rz / angle;
  const s = Math.sin(angle), c = 1 - Math.cos(angle);
  // K = [[0, −z, y], [z, 0, −x], [−y, x, 0]];  K² = a aᵀ − |a|² I
  const n2 = x * x + y * y + z * z;
  out[offset + 0] = 1 + c * (x * x - n2);
  out[offset + 1] = -s * z + c * x * y;
  out[offset + 2] = s * y + c * x * z;
  out[offset + 3] = s * z + c * x * y;
  out[offset + 4] = 1 + c * (y * y - n2);
  out[offset + 5] = -s * x + c * y * z;
  out[offset + 6] = -s * y + c * x * z;
  out[offset + 7] = s * x + c * y * z;
  out[offset + 8] = 1 + c * (z * z - n2);
  return out;
}
