import { cameraFrame, type RasterCamera } from './camera.ts';

/**
 * Project world points (N×3, millimetres) to image pixels (N×2, x right, y down, pixel centres
 * at i + 0.5), with the same camera model as {@link rasterize}. Points at or behind the eye give NaN.
 */
export function projectPoints(points: Float32Array | ArrayLike<number>, camera: RasterCamera, width: number, height: number): Float32Array {
  const c = cameraFrame(camera, width, height);
  const n = Math.floor(points.length / 3);
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const dx = points[3 * i] - c.ex, dy = points[3 * i + 1] - c.ey, dz = points[3 * i + 2] - c.ez;
    const zc = dx * c.fx + dy * c.fy + dz * c.fz;
    if (!(zc > 0)) { out[2 * i] = NaN; out[2 * i + 1] = NaN; continue; }
    const s = c.focal / zc;
    out[2 * i] = c.cx + (dx * c.rx + dy * c.ry + dz * c.rz) * s;
    out[2 * i + 1] = c.cy - (dx * c.ux + dy * c.uy + dz * c.uz) * s;
  }
  return out;
}
