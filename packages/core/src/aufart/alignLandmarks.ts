import { MESH_POINTS } from './layout.ts';
import type { Mat3 } from './rotation.ts';

/** A face's 468 landmarks brought into the face model's space, with the similarity that did it. */
export interface AlignedLandmarks {
  /** 468×3 millimetres, model space (+x subject's left, +y up, +z to the viewer), pose removed. */
  readonly points: Float32Array;
  /** Head rotation R (model → camera, row-major), x_cam = s·R·X + t. */
  readonly rotation: Mat3;
  /** Scale s in image pixels per millimetre. */
  readonly scale: number;
  /** Translation in image pixels: image x = s·(R X)_x + tx, image y = ty − s·(R X)_y. */
  readonly tx: number;
  readonly ty: number;
  /** Factor that maps the detector's relative z to pixels (fitted per face; the detector's z scale is not calibrated). */
  readonly zScale: number;
  /** RMS residual of the rigid fit, in millimetres. */
  readonly residual: number;
}

/**
 * Weak-perspective similarity alignment of detected landmarks to the neutral template:
 * least-squares affine camera on the rigid landmarks' x, y, nearest scaled rotation (polar
 * decomposition), third row by cross product; the detector's z is rescaled against the fitted depth and
 * the points are un-rotated into model space (in the spirit of the dynamic paper's Eq. 7 alignment).
 * landmarks: 468×3 image pixels (x right, y down, z relative: smaller is nearer). Never NaN: a degenerate
 * input returns the template's pose (identity) with `residual` = Infinity.
 */
export function alignLandmarks(landmarks: ArrayLike<number>, template: Float32Array, rigid: Int32Array): AlignedLandmarks {
  const n = rigid.length;
  // Centroids of the rigid set: template X (model) and image p = (x, −y).
  let mx = 0, my = 0, mz = 0, px = 0, py = 0;
  for (const i of rigid) { mx += template[i * 3]; my += template[i * 3 + 1]; mz += template[i * 3 + 2]; px += landmarks[i * 3]; py -= landmarks[i * 3 + 1]; }
  mx /= n; my /= n; mz /= n; px /= n; py /= n;
  // Normal equations: A (2×3) = Pᵀ X (XᵀX)⁻¹ over centred points.
  const XX = new Float64Array(9), PX = new Float64Array(6);
  for (const i of rigid) {
    const X = [template[i * 3] - mx, template[i * 3 + 1] - my, template[i * 3 + 2] - mz];
    const P = [landmarks[i * 3] - px, -landmarks[i * 3 + 1] - py];
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) XX[a * 3 + b] += X[a] * X[b];
      PX[a] += P[0] * X[a];
      PX[3 + a] += P[1] * X[a];
    }
  }
  const inv = inverse3(XX);
  const A = new Float64Array(6);
  for (let r = 0; r < 2; r++) for (let c = 0; c < 3; c++) A[r * 3 + c] = PX[r * 3] * inv[c] + PX[r * 3 + 1] * inv[3 + c] + PX[r * 3 + 2] * inv[6 + c];
  // Polar decomposition of A: R12 = (A Aᵀ)^(-1/2) A, s = mean singular value.
  const m00 = A[0] * A[0] + A[1] * A[1] + A[2] * A[2], m01 = A[0] * A[3] + A[1] * A[4] + A[2] * A[5], m11 = A[3] * A[3] + A[4] * A[4] + A[5] * A[5];
  const det = m00 * m11 - m01 * m01, tr = m00 + m11;
  const sq = Math.sqrt(Math.max(det, 0));
  const st = Math.sqrt(Math.max(tr + 2 * sq, 0)); // sqrt(M) = (M + sqrt(det) I) / sqrt(tr + 2 sqrt(det))
  const ok = Number.isFinite(st) && st > 1e-9 && sq > 1e-12 && Number.isFinite(det);
  if (!ok) return degenerate(template);
  const h00 = (m00 + sq) / st, h01 = m01 / st, h11 = (m11 + sq) / st; // sqrt(M)
  const hd = h00 * h11 - h01 * h01;
  const i00 = h11 / hd, i01 = -h01 / hd, i11 = h00 / hd; // sqrt(M)^-1
  const R = new Float64Array(9);
  for (let c = 0; c < 3; c++) { R[c] = i00 * A[c] + i01 * A[3 + c]; R[3 + c] = i01 * A[c] + i11 * A[3 + c]; }
  R[6] = R[1] * R[5] - R[2] * R[4]; R[7] = R[2] * R[3] - R[0] * R[5]; R[8] = R[0] * R[4] - R[1] * R[3];
  const s = (h00 + h11) / 2; // trace(sqrt(M)) / 2
  // x_cam = s R X + t over the rigid centroid.
  const tX = px - s * (R[0] * mx + R[1] * my + R[2] * mz);
  const tY = py - s * (R[3] * mx + R[4] * my + R[5] * mz);
  // Rescale the detector's z against the fitted depth of the rigid points.
  let zin = 0;
  for (const i of rigid) zin += -(landmarks[i * 3 + 2] ?? 0);
  zin /= n;
  let num = 0, den = 0, res = 0;
  for (const i of rigid) {
    const X = [template[i * 3] - mx, template[i * 3 + 1] - my, template[i * 3 + 2] - mz];
    const zfit = s * (R[6] * X[0] + R[7] * X[1] + R[8] * X[2]);
    const zd = -(landmarks[i * 3 + 2] ?? 0) - zin;
    num += zd * zfit; den += zd * zd;
    const ex = s * (R[0] * X[0] + R[1] * X[1] + R[2] * X[2]) - (landmarks[i * 3] - px);
    const ey = s * (R[3] * X[0] + R[4] * X[1] + R[5] * X[2]) - (-landmarks[i * 3 + 1] - py);
    res += ex * ex + ey * ey;
  }
  const zScale = den > 1e-9 && num > 0 ? num / den : 0; // 0: no usable z, depth taken from the template
  const zc = s * (R[6] * mx + R[7] * my + R[8] * mz);
  const points = new Float32Array(MESH_POINTS * 3);
  for (let i = 0; i < MESH_POINTS; i++) {
    const cx = landmarks[i * 3] - tX, cy = -landmarks[i * 3 + 1] - tY;
    let cz: number;
    if (zScale > 0) cz = (-(landmarks[i * 3 + 2] ?? 0) - zin) * zScale + zc;
    else cz = s * (R[6] * template[i * 3] + R[7] * template[i * 3 + 1] + R[8] * template[i * 3 + 2]);
    // X = Rᵀ c / s
    points[i * 3] = (R[0] * cx + R[3] * cy + R[6] * cz) / s;
    points[i * 3 + 1] = (R[1] * cx + R[4] * cy + R[7] * cz) / s;
    points[i * 3 + 2] = (R[2] * cx + R[5] * cy + R[8] * cz) / s;
  }
  for (let i = 0; i < points.length; i++) if (!Number.isFinite(points[i])) return degenerate(template);
  return { points, rotation: R, scale: s, tx: tX, ty: -tY, zScale, residual: Math.sqrt(res / n) / s };
}

function degenerate(template: Float32Array): AlignedLandmarks {
  return { points: template.slice(0, MESH_POINTS * 3), rotation: new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]), scale: 1, tx: 0, ty: 0, zScale: 0, residual: Infinity };
}

function inverse3(m: Float64Array): Float64Array {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  const k = Math.abs(det) > 1e-30 ? 1 / det : 0;
  return new Float64Array([A * k, -(b * i - c * h) * k, (b * f - c * e) * k, B * k, (a * i - c * g) * k, -(a * f - c * d) * k, C * k, -(a * h - b * g) * k, (a * e - b * d) * k]);
}
