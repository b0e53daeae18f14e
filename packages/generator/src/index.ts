export { rasterize, DEFAULT_RASTER_OPTIONS } from './render/rasterize.ts';
export type { RasterMesh, RasterOptions, RasterImage } from './render/rasterize.ts';
export type { RasterCamera } from './render/camera.ts';
export { projectPoints } from './render/projectPoints.ts';
export { writePng } from './render/writePng.ts';

export type {
  RigDefinition, RigParamDef, RigContinuousParamDef, RigChoiceParamDef, RigBoneDef, RigDriverDef,
  RigBoneDriverDef, RigMorphDriverDef, RigMeshDef, RigMeshPartDef, RigPointDef, RigLandmarksDef,
  ParamGroup, ParamSide, Vec3, Quat,
} from './rig/RigDefinition.ts';
export { PARAM_GROUPS, PARAM_SIDES } from './rig/RigDefinition.ts';
export { validateRig, RIG_SCHEMA_PATH } from './rig/validateRig.ts';
export { compileRig } from './rig/compileRig.ts';
export type { Rig, DeformedRig, RigDeformer } from './rig/Rig.ts';
export type { RigSlots } from './rig/RigSlots.ts';
export type { RigPose } from './rig/RigPose.ts';
export { createRigParams } from './params/RigParams.ts';
export type { RigParams } from './params/RigParams.ts';
export { rigParamsToRecord } from './params/rigParamsToRecord.ts';
