export { FLAME_JOINTS, NUM_FLAME_JOINTS, NUM_POSE_FEATURES } from './FaceModel.ts';
export type { FaceModel, FlameJointName, LandmarkEmbedding, VertexRange } from './FaceModel.ts';
export { createDefaultFaceModel } from './createDefaultFaceModel.ts';
export { lbs, batchRodrigues, DEFAULT_LBS_OPTIONS } from './lbs.ts';
export type { FlameParamTensors, LbsOptions, LbsResult } from './lbs.ts';
export { lbsReference } from './lbsReference.ts';
export type { FlameParamArrays, LbsReferenceResult } from './lbsReference.ts';
export { landmarksFromVertices } from './landmarksFromVertices.ts';
export { disposeModelTensors } from './modelTensors.ts';
