/**
 * A square region of an image, rotated about its centre: the crop a model sees.
 * `angle` (radians) turns the crop's x axis from the image x axis toward the image y axis (clockwise on screen, y down).
 */
export interface FaceRect {
  readonly cx: number;
  readonly cy: number;
  readonly size: number;
  readonly angle: number;
}

/** MediaPipe's margin around a face for the mesh model (RectTransformation scale 1.5). */
export const MESH_RECT_SCALE = 1.5;
/** Outer eye corners of the mesh (subject's right, subject's left): the rect's rotation follows this line. */
const EYE_LINE = [33, 263] as const;

/** The 8 coefficients of `tf.image.transform` mapping output pixels of an `n`×`n` crop to image pixels. */
export function cropTransform(rect: FaceRect, n: number): number[] {
  const s = rect.size / n;
  const c = Math.cos(rect.angle) * s;
  const si = Math.sin(rect.angle) * s;
  const h = n / 2 - 0.5;
  return [c, -si, rect.cx - c * h + si * h, si, c, rect.cy - si * h - c * h, 0, 0];
}

/**
 * Map model outputs in continuous `n`×`n` crop coordinates (crop pixel u spans [u, u + 1); stride `stride`, x y z…)
 * to image pixels (pixel centres at integers) in place; z is scaled like x.
 */
export function cropToImage(points: Float32Array, stride: number, rect: FaceRect, n: number): Float32Array {
  const s = rect.size / n;
  const c = Math.cos(rect.angle) * s;
  const si = Math.sin(rect.angle) * s;
  const h = n / 2; // model outputs are continuous: crop pixel u spans [u, u + 1)
  for (let i = 0; i < points.length; i += stride) {
    const u = points[i]! - h;
    const v = points[i + 1]! - h;
    points[i] = rect.cx + c * u - si * v;
    points[i + 1] = rect.cy + si * u + c * v;
    if (stride >= 3) points[i + 2] = points[i + 2]! * s;
  }
  return points;
}

/** Rect for the mesh model from a detector box (image pixels) and the detector's eye keypoints. */
export function rectFromDetection(x0: number, y0: number, x1: number, y1: number, eyeA: readonly [number, number], eyeB: readonly [number, number]): FaceRect {
  return {
    cx: (x0 + x1) / 2,
    cy: (y0 + y1) / 2,
    size: Math.max(x1 - x0, y1 - y0) * MESH_RECT_SCALE,
    angle: Math.atan2(eyeB[1] - eyeA[1], eyeB[0] - eyeA[0]),
  };
}

/** Rect for the next mesh pass from 468×3 landmarks (image pixels): rotated with the eye line, bounding box × 1.5. */
export function rectFromLandmarks(lm: Float32Array): FaceRect {
  const angle = Math.atan2(lm[EYE_LINE[1] * 3 + 1]! - lm[EYE_LINE[0] * 3 + 1]!, lm[EYE_LINE[1] * 3]! - lm[EYE_LINE[0] * 3]!);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  let u0 = Infinity; let u1 = -Infinity; let v0 = Infinity; let v1 = -Infinity;
  for (let i = 0; i < lm.length; i += 3) {
    const u = c * lm[i]! + s * lm[i + 1]!;
    const v = -s * lm[i]! + c * lm[i + 1]!;
    if (u < u0) u0 = u; if (u > u1) u1 = u;
    if (v < v0) v0 = v; if (v > v1) v1 = v;
  }
  const uc = (u0 + u1) / 2;
  const vc = (v0 + v1) / 2;
  return { cx: c * uc - s * vc, cy: s * uc + c * vc, size: Math.max(u1 - u0, v1 - v0) * MESH_RECT_SCALE, angle };
}

/** How far `b` is from `a`: the largest of centre shift / size, relative size change, and angle change (radians). */
export function rectChange(a: FaceRect, b: FaceRect): number {
  const shift = Math.hypot(a.cx - b.cx, a.cy - b.cy) / a.size;
  const scale = Math.abs(Math.log(b.size / a.size));
  const d = Math.atan2(Math.sin(b.angle - a.angle), Math.cos(b.angle - a.angle));
  return Math.max(shift, scale, Math.abs(d));
}
