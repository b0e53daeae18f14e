import * as tf from '@tensorflow/tfjs';

/** 3×3 rotation matrix, row-major, acting on column vectors (x' = R x). */
export type Mat3 = Float64Array;

/** 6D rotation (Zhou et al. 2019): two columns, Gram–Schmidt → B×3×3 (columns b1, b2, b1×b2). */
export function rot6ToMatrix(x: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const B = x.shape[0];
    const a1 = x.slice([0, 0], [B, 3]);
    const a2 = x.slice([0, 3], [B, 3]);
    const b1 = a1.div(tf.norm(a1, 'euclidean', 1, true).add(1e-8));
    const a2p = a2.sub(b1.mul(b1.mul(a2).sum(1, true)));
    const b2 = a2p.div(tf.norm(a2p, 'euclidean', 1, true).add(1e-8));
    const c = (t: tf.Tensor, i: number) => t.slice([0, i], [B, 1]);
    const b3 = tf.concat([
      c(b1, 1).mul(c(b2, 2)).sub(c(b1, 2).mul(c(b2, 1))),
      c(b1, 2).mul(c(b2, 0)).sub(c(b1, 0).mul(c(b2, 2))),
      c(b1, 0).mul(c(b2, 1)).sub(c(b1, 1).mul(c(b2, 0))),
    ], 1);
    return tf.stack([b1, b2, b3], 2) as tf.Tensor3D; // columns
  });
}

/** Host twin of `rot6ToMatrix` for one 6D vector → row-major matrix (columns b1, b2, b1×b2); a zero column normalises by 1 instead of adding ε. */
export function rot6ToMat3(a: ArrayLike<number>): Mat3 {
  let n = Math.hypot(a[0], a[1], a[2]) || 1;
  const b1 = [a[0] / n, a[1] / n, a[2] / n];
  const dp = b1[0] * a[3] + b1[1] * a[4] + b1[2] * a[5];
  const c = [a[3] - dp * b1[0], a[4] - dp * b1[1], a[5] - dp * b1[2]];
  n = Math.hypot(c[0], c[1], c[2]) || 1;
  const b2 = [c[0] / n, c[1] / n, c[2] / n];
  const b3 = [b1[1] * b2[2] - b1[2] * b2[1], b1[2] * b2[0] - b1[0] * b2[2], b1[0] * b2[1] - b1[1] * b2[0]];
  return new Float64Array([b1[0], b2[0], b3[0], b1[1], b2[1], b3[1], b1[2], b2[2], b3[2]]);
}

/** The 6D vector of the identity rotation. */
export const ROT6_IDENTITY = [1, 0, 0, 0, 1, 0] as const;

export function mat3Mul(a: ArrayLike<number>, b: ArrayLike<number>): Mat3 {
  const o = new Float64Array(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) o[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
  return o;
}

/** Rodrigues: axis-angle (radians) → rotation matrix. */
export function axisAngleToMatrix(r: ArrayLike<number>): Mat3 {
  const th = Math.hypot(r[0], r[1], r[2]);
  if (th < 1e-12) return new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const x = r[0] / th, y = r[1] / th, z = r[2] / th, c = Math.cos(th), s = Math.sin(th), C = 1 - c;
  return new Float64Array([c + x * x * C, x * y * C - z * s, x * z * C + y * s, y * x * C + z * s, c + y * y * C, y * z * C - x * s, z * x * C - y * s, z * y * C + x * s, c + z * z * C]);
}

/** Rotation matrix → axis-angle (radians), stable near 0 and π. */
export function matrixToAxisAngle(R: ArrayLike<number>): [number, number, number] {
  const cos = Math.min(1, Math.max(-1, (R[0] + R[4] + R[8] - 1) / 2));
  const th = Math.acos(cos);
  const v = [R[7] - R[5], R[2] - R[6], R[3] - R[1]];
  if (th < 1e-6) return [v[0] / 2, v[1] / 2, v[2] / 2];
  if (Math.PI - th < 1e-4) {
    const x = Math.sqrt(Math.max(0, (R[0] + 1) / 2)), y = Math.sqrt(Math.max(0, (R[4] + 1) / 2)) * Math.sign(R[1] || 1), z = Math.sqrt(Math.max(0, (R[8] + 1) / 2)) * Math.sign(R[2] || 1);
    return [x * th, y * th, z * th];
  }
  const k = th / (2 * Math.sin(th));
  return [v[0] * k, v[1] * k, v[2] * k];
}

/**
 * Head pose (radians) in the detector's `HeadPose` convention → model rotation (model axes: +x subject's
 * left, +y up, +z to the viewer): R = Ry(yaw) · Rx(−pitch) · Rz(−roll). Yaw > 0 turns the face to the
 * subject's left, pitch > 0 looks up, roll > 0 tilts the head toward the subject's left shoulder.
 */
export function headPoseToMatrix(yaw: number, pitch: number, roll: number): Mat3 {
  const cy = Math.cos(yaw), sy = Math.sin(yaw), cp = Math.cos(-pitch), sp = Math.sin(-pitch), cr = Math.cos(-roll), sr = Math.sin(-roll);
  const Ry = [cy, 0, sy, 0, 1, 0, -sy, 0, cy];
  const Rx = [1, 0, 0, 0, cp, -sp, 0, sp, cp];
  const Rz = [cr, -sr, 0, sr, cr, 0, 0, 0, 1];
  return mat3Mul(mat3Mul(Ry, Rx), Rz);
}

/** Inverse of `headPoseToMatrix`. */
export function matrixToHeadPose(R: ArrayLike<number>): { yaw: number; pitch: number; roll: number } {
  // R = Ry Rx(p') Rz(r'), p' = −pitch, r' = −roll: R[5] = −sin p'; R[2] = sy cp'; R[8] = cy cp'; R[3] = cp' sr'; R[4] = cp' cr'
  const p = Math.asin(Math.min(1, Math.max(-1, -R[5])));
  return { yaw: Math.atan2(R[2], R[8]), pitch: -p, roll: -Math.atan2(R[3], R[4]) };
}

/** Angle (radians) of the rotation taking A to B. */
export function rotationDistance(A: ArrayLike<number>, B: ArrayLike<number>): number {
  let tr = 0;
  for (let i = 0; i < 3; i++) for (let k = 0; k < 3; k++) tr += A[k * 3 + i] * B[k * 3 + i];
  return Math.acos(Math.min(1, Math.max(-1, (tr - 1) / 2)));
}
