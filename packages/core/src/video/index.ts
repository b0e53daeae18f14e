export { decodeVideoFrames, DEFAULT_DECODE_VIDEO_OPTIONS } from './decodeVideoFrames.ts';
export type { VideoFrame, DecodeVideoOptions } from './decodeVideoFrames.ts';
export { probeVideo, DEFAULT_PROBE_VIDEO_OPTIONS } from './probeVideo.ts';
export type { VideoInfo, ProbeVideoOptions } from './probeVideo.ts';
export { ffmpegPath } from './ffmpegPath.ts';
// detectVideo itself takes the detector's internal engine: users call createFaceDetector().detectVideo.
export { DEFAULT_DETECT_VIDEO_OPTIONS } from './detectVideo.ts';
export type { DetectVideoOptions, VideoFaces, VideoSource, RgbVideoFrame } from './detectVideo.ts';
