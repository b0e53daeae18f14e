// Affine 3×4 matrices, row-major [r00 r01 r02 t0, r10 r11 r12 t1, r20 r21 r22 t2], over Float64Array.
// Internal to the rig package: bone poses and skinning.

/** out = T · R(q) · S, q = [x, y, z, w] (normalised here). */
export function composeTRS(out: Float64Array, o: number, t: ArrayLike<number>, q: ArrayLike<number>, s: ArrayLike<number>): void {
  let x = q[0], y = q[1], z = q[2], w = q[3];
  const n = Math.hypot(x, y, z, w) || 1;
  x /= n; y /= n; z /= n; w /= n;
  const xx = x * x, yy = y * y, zz = z * z, xy = x * y, xz = x * z, yz = y * z, wx = w * x, wy = w * y, wz = w * z;
  out[o] = (1 - 2 * (yy + zz)) * s[0]; out[o + 1] = 2 * (xy - wz) * s[1]; out[o + 2] = 2 * (xz + wy) * s[2]; out[o + 3] = t[0];
  out[o + 4] = 2 * (xy + wz) * s[0]; out[o + 5] = (1 - 2 * (xx + zz)) * s[1]; out[o + 6] = 2 * (yz - wx) * s[2]; out[o + 7] = t[1];
  out[o + 8] = 2 * (xz - wy) * s[0]; out[o + 9] = 2 * (yz + wx) * s[1]; out[o + 10] = (1 - 2 * (xx + yy)) * s[2]; out[o + 11] = t[2];
}

/** out[o] = A[a] · B[b] (out may not alias A or B at the same offset). */
export function mulAffine(out: Float64Array, o: number, A: Float64Array, a: number, B: Float64Array, b: number): void {
  for (let r = 0; r < 3; r++) {
    const a0 = A[a + 4 * r], a1 = A[a + 4 * r + 1], a2 = A[a + 4 * r + 2], a3 = A[a + 4 * r + 3];
    out[o + 4 * r] = a0 * B[b] + a1 * B[b + 4] + a2 * B[b + 8];
    out[o + 4 * r + 1] = a0 * B[b + 1] + a1 * B[b + 5] + a2 * B[b + 9];
    out[o + 4 * r + 2] = a0 * B[b + 2] + a1 * B[b + 6] + a2 * B[b + 10];
    out[o + 4 * r + 3] = a0 * B[b + 3] + a1 * B[b + 7] + a2 * B[b + 11] + a3;
  }
}

/** out[o] = inverse(A[a]) for an invertible affine matrix. */
export function invertAffine(out: Float64Array, o: number, A: Float64Array, a: number): void {
  const m00 = A[a], m01 = A[a + 1], m02 = A[a + 2], m10 = A[a + 4], m11 = A[a + 5], m12 = A[a + 6], m20 = A[a + 8], m21 = A[a + 9], m22 = A[a + 10];
  const c00 = m11 * m22 - m12 * m21, c01 = m02 * m21 - m01 * m22, c02 = m01 * m12 - m02 * m11;
  const c10 = m12 * m20 - m10 * m22, c11 = m00 * m22 - m02 * m20, c12 = m02 * m10 - m00 * m12;
  const c20 = m10 * m21 - m11 * m20, c21 = m01 * m20 - m00 * m21, c22 = m00 * m11 - m01 * m10;
  const det = m00 * c00 + m01 * c10 + m02 * c20;
  const id = det !== 0 ? 1 / det : 0;
  const tx = A[a + 3], ty = A[a + 7], tz = A[a + 11];
  out[o] = c00 * id; out[o + 1] = c01 * id; out[o + 2] = c02 * id;
  out[o + 4] = c10 * id; out[o + 5] = c11 * id; out[o + 6] = c12 * id;
  out[o + 8] = c20 * id; out[o + 9] = c21 * id; out[o + 10] = c22 * id;
  out[o + 3] = -(out[o] * tx + out[o + 1] * ty + out[o + 2] * tz);
  out[o + 7] = -(out[o + 4] * tx + out[o + 5] * ty + out[o + 6] * tz);
  out[o + 11] = -(out[o + 8] * tx + out[o + 9] * ty + out[o + 10] * tz);
}

/** Quaternion [x, y, z, w] of the XYZ Euler rotation (applied about x, then y, then z; radians) into out[o..o+3]. */
export function quatFromEuler(out: Float64Array, o: number, rx: number, ry: number, rz: number): void {
  const cx = Math.cos(rx / 2), sx = Math.sin(rx / 2), cy = Math.cos(ry / 2), sy = Math.sin(ry / 2), cz = Math.cos(rz / 2), sz = Math.sin(rz / 2);
  // q = qz · qy · qx
  out[o] = sx * cy * cz - cx * sy * sz;
  out[o + 1] = cx * sy * cz + sx * cy * sz;
  out[o + 2] = cx * cy * sz - sx * sy * cz;
  out[o + 3] = cx * cy * cz + sx * sy * sz;
}

/** out[o] = a[ao] · b[bo] (Hamilton product, [x, y, z, w]); out may alias a. */
export function mulQuat(out: Float64Array, o: number, a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number): void {
  const ax = a[ao], ay = a[ao + 1], az = a[ao + 2], aw = a[ao + 3];
  const bx = b[bo], by = b[bo + 1], bz = b[bo + 2], bw = b[bo + 3];
  out[o] = aw * bx + ax * bw + ay * bz - az * by;
  out[o + 1] = aw * by - ax * bz + ay * bw + az * bx;
  out[o + 2] = aw * bz + ax * by - ay * bx + az * bw;
  out[o + 3] = aw * bw - ax * bx - ay * by - az * bz;
}

/**
 * The XYZ Euler angles (rx, ry, rz) that `quatFromEuler` turns back into the unit quaternion
 * q = [x, y, z, w] (q = qz · qy · qx, i.e. R = Rz · Ry · Rx). Radians.
 */
export function eulerFromQuat(q: ArrayLike<number>): [number, number, number] {
  const [x, y, z, w] = [q[0], q[1], q[2], q[3]];
  const r20 = 2 * (x * z - w * y), r21 = 2 * (y * z + w * x), r22 = 1 - 2 * (x * x + y * y);
  const r10 = 2 * (x * y + w * z), r00 = 1 - 2 * (y * y + z * z);
  return [Math.atan2(r21, r22), Math.asin(Math.max(-1, Math.min(1, -r20))), Math.atan2(r10, r00)];
}
