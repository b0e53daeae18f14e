export { createFaceDetector } from './createFaceDetector.ts';
export type { FaceDetector } from './createFaceDetector.ts';
export { DEFAULT_DETECTOR_OPTIONS } from './DEFAULT_DETECTOR_OPTIONS.ts';
export type { FaceDetectorOptions, DetectCallOptions } from './DEFAULT_DETECTOR_OPTIONS.ts';
export type { DetectedFace, FaceBox, HeadPose, IrisCentres, Point2 } from './types.ts';
export { headPoseFromLandmarks } from './headPose.ts';
export { landmarks68FromMesh } from './landmarks68.ts';
export { VTX68, TRI468 } from './meshTopology.ts';
