export { createAnalyzer, analyze } from './createAnalyzer.ts';
export type { Analyzer, VideoFaceParams } from './createAnalyzer.ts';
export { DEFAULT_ANALYZER_OPTIONS } from './DEFAULT_ANALYZER_OPTIONS.ts';
export type { AnalyzerOptions, AnalyzeCallOptions } from './DEFAULT_ANALYZER_OPTIONS.ts';
export { faceParamsFromDetection, gazeFromIris } from './faceParamsFromDetection.ts';
export type { FaceParams, FlameParams, Gaze } from './FaceParams.ts';
export { detectWithPadding, meshCropLeavesImage } from './detectWithPadding.ts';
