export { SIDED_AUS, BILATERAL_AUS, AU_NAMES, AU_PARAM_NAMES, auOfParam } from './auNames.ts';
export type { AuName, AuParamName, SidedAuName, BilateralAuName } from './auNames.ts';
export { AU_CATALOGUE, AU_REGIONS, auEntry, auLandmarks } from './catalogue.ts';
export type { AuEntry, AuRegion, ConfiguralFeatureName } from './catalogue.ts';
export { LANDMARK_GROUPS_468, LANDMARK_GROUPS_68 } from './landmarkGroups.ts';
export type { LandmarkGroupName } from './landmarkGroups.ts';
export { computeAuMask, AU_MASK_SMOOTHING } from './computeAuMask.ts';
export type { MaskMesh } from './computeAuMask.ts';
export { auVertexMask } from './auVertexMask.ts';
