import type { HeadPose } from './types.ts';

/** Mesh vertices spanning the face: cheek extremes (subject's right → left) and forehead → chin. */
const CHEEKS = [234, 454] as const;
const VERTICAL = [10, 152] as const;

function axis(lm: Float32Array, a: number, b: number): [number, number, number] {
  const x = lm[b * 3]! - lm[a * 3]!;
  const y = lm[b * 3 + 1]! - lm[a * 3 + 1]!;
  const z = lm[b * 3 + 2]! - lm[a * 3 + 2]!;
  const n = Math.hypot(x, y, z) || 1;
  return [x / n, y / n, z / n];
}

/**
 * Head pose (radians) from 468×3 landmarks in image pixels (y down, z away from the camera):
 * the face's left-right axis gives yaw (its depth slope) and roll (its in-image slope), the
 * forehead-chin axis gives pitch. Signs are those of `HeadPose`.
 */
export function headPoseFromLandmarks(lm: Float32Array): HeadPose {
  const x = axis(lm, CHEEKS[0], CHEEKS[1]);
  const y = axis(lm, VERTICAL[0], VERTICAL[1]);
  return {
    yaw: Math.atan2(x[2], Math.hypot(x[0], x[1])),
    pitch: Math.atan2(-y[2], Math.hypot(y[0], y[1])),
    roll: Math.atan2(x[1], x[0]),
  };
}
