import type { HeadPose } from '@aurig/core';

/**
 * The head rotation of `pose` as an axis-angle vector in rig world space (+x subject's left, +y up,
 * +z toward the viewer), small-angle: yaw turns +z toward +x (about +y); the detector's pitch > 0
 * (looking up) is a rotation about −x; its roll > 0 (toward the left shoulder) is about −z.
 */
export function headRotationVector(pose: HeadPose): [number, number, number] {
  return [-pose.pitch, pose.yaw, -pose.roll];
}

/**
 * The value of a pose control that rotates a bone by `axis` radians per unit value: the projection
 * of the head rotation on that axis (`dot(axis, w) / |axis|²`). Zero for a control that does not rotate.
 */
export function poseControlValue(axisPerUnit: readonly [number, number, number], pose: HeadPose): number {
  const w = headRotationVector(pose);
  const n2 = axisPerUnit[0] ** 2 + axisPerUnit[1] ** 2 + axisPerUnit[2] ** 2;
  if (!(n2 > 0)) return 0;
  const v = (axisPerUnit[0] * w[0] + axisPerUnit[1] * w[1] + axisPerUnit[2] * w[2]) / n2;
  return Number.isFinite(v) ? v : 0;
}
