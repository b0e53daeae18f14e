import type { FaceParams } from '@aurig/core';
import { createRigParams, type Rig, type RigParams } from '@aurig/generator';
import { auControlValue } from './auControlValue.ts';
import { poseControlValue } from './headPoseValue.ts';

/**
 * Direct transfer, the baseline until learned retargeting exists: each AU-tagged control takes
 * the analysed intensity of its AU (rescaled from its default to its max, so 0 is the rig's
 * neutral), each pose control that rotates a bone takes the head rotation about that bone's axis,
 * and identity controls keep their defaults. Values are clamped to the rig's ranges; never NaN.
 */
export function retargetDirect(face: FaceParams, rig: Rig): RigParams {
  const record: Record<string, number> = {};
  const rotationAxis = poseAxes(rig);
  for (const p of rig.definition.params) {
    if ('choices' in p) continue;
    if (p.au !== undefined) {
      const a = auControlValue(face, p.au, p.side);
      if (a !== undefined) record[p.name] = p.default + a * (p.max - p.default);
    } else if (p.group === 'pose') {
      const axis = rotationAxis.get(p.name);
      if (axis) record[p.name] = poseControlValue(axis, face.headPose);
    }
  }
  return createRigParams(rig, record);
}

/** For each param: the sum of the rotations (rad per unit) of the bone drivers it feeds. */
function poseAxes(rig: Rig): Map<string, [number, number, number]> {
  const out = new Map<string, [number, number, number]>();
  for (const d of rig.definition.drivers) {
    if (!('bone' in d) || !d.rotation || d.keys) continue;
    const a = out.get(d.param) ?? [0, 0, 0];
    out.set(d.param, [a[0] + d.rotation[0], a[1] + d.rotation[1], a[2] + d.rotation[2]]);
  }
  return out;
}
