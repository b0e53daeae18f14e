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
export { loadRig } from './rig/loadRig.ts';
export type { LoadRigOptions } from './rig/loadRig.ts';
export { exportRigGlb } from './gltf/exportRigGlb.ts';
export { writeGlb } from './gltf/writeGlb.ts';
export { GLTF_MM_PER_UNIT } from './gltf/GLTF_MM_PER_UNIT.ts';
export type { GlbDocument, GlbNode, GlbMesh, GlbPrimitive, GlbSkin } from './gltf/writeGlb.ts';
export { ARKIT_BLENDSHAPES, arkitEntry } from './gltf/ARKIT_BLENDSHAPES.ts';
export type { ArkitBlendshape } from './gltf/ARKIT_BLENDSHAPES.ts';
export { FACIAL_BONE_ROLES, facialBoneRole } from './gltf/FACIAL_BONE_ROLES.ts';
export type { FacialBoneRole } from './gltf/FACIAL_BONE_ROLES.ts';
export { renderRig, DEFAULT_RENDER_RIG_OPTIONS } from './render/renderRig.ts';
export type { RenderRigOptions, RigRender } from './render/renderRig.ts';
export { createDefaultRig } from './default/createDefaultRig.ts';
export { buildDefaultRigDefinition } from './default/buildDefaultRigDefinition.ts';
export { DEFAULT_RIG_AUS, DEFAULT_RIG_IDENTITY, BASE_AU, BASE_IDENTITY } from './default/DEFAULT_RIG_LAYOUT.ts';
export { BROW_STYLE_AXES, BROW_STYLE_COUNT } from './default/buildBrows.ts';
