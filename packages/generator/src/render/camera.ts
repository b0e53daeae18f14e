/**
 * A pinhole camera for the reference renderer. World space: millimetres, right-handed, +x toward
 * the subject's LEFT, +y up, +z out of the face toward a viewer in front.
 */
export interface RasterCamera {
  /** Eye position, world millimetres. */
  readonly position: readonly [number, number, number];
  /** Point looked at, world millimetres. */
  readonly target: readonly [number, number, number];
  /** Up hint, world; default [0, 1, 0]. */
  readonly up?: readonly [number, number, number];
  /** Vertical field of view, degrees. */
  readonly fovYDeg: number;
}

/** Camera basis and intrinsics resolved for one image size (internal). */
export interface CameraFrame {
  /** Eye position. */
  ex: number; ey: number; ez: number;
  /** Right (image +x), up (image −y) and forward (depth) unit axes. */
  rx: number; ry: number; rz: number;
  ux: number; uy: number; uz: number;
  fx: number; fy: number; fz: number;
  /** Focal length in pixels and the principal point (image centre). */
  focal: number; cx: number; cy: number;
}

/** Resolve the camera into an orthonormal frame; pixels are square, the principal point centred. */
export function cameraFrame(camera: RasterCamera, width: number, height: number): CameraFrame {
  const [ex, ey, ez] = camera.position;
  const [tx, ty, tz] = camera.target;
  const [hx, hy, hz] = camera.up ?? [0, 1, 0];
  let fx = tx - ex, fy = ty - ey, fz = tz - ez;
  const fl = Math.hypot(fx, fy, fz) || 1;
  fx /= fl; fy /= fl; fz /= fl;
  // right = forward × up
  let rx = fy * hz - fz * hy, ry = fz * hx - fx * hz, rz = fx * hy - fy * hx;
  const rl = Math.hypot(rx, ry, rz) || 1;
  rx /= rl; ry /= rl; rz /= rl;
  // up = right × forward
  const ux = ry * fz - rz * fy, uy = rz * fx - rx * fz, uz = rx * fy - ry * fx;
  const focal = (height / 2) / Math.tan((camera.fovYDeg * Math.PI) / 360);
  return { ex, ey, ez, rx, ry, rz, ux, uy, uz, fx, fy, fz, focal, cx: width / 2, cy: height / 2 };
}
