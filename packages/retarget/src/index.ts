export { retarget, RETARGET_METHODS, DEFAULT_RETARGET_OPTIONS } from './retarget.ts';
export type { RetargetMethod, RetargetOptions } from './retarget.ts';
export { retargetDirect } from './direct/retargetDirect.ts';
export { auControlValue } from './direct/auControlValue.ts';
export { headRotationVector, poseControlValue } from './direct/headPoseValue.ts';
