export { FLAME_JOINTS, NUM_FLAME_JOINTS, NUM_POSE_FEATURES } from './FaceModel.ts';
export type { FaceModel, FlameJointName, LandmarkEmbedding, VertexRange } from './FaceModel.ts';
export { createDefaultFaceModel } from './createDefaultFaceModel.ts';
