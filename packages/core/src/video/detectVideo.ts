import type { Readable } from 'node:stream';
import { decodeVideoFrames, type VideoFrame } from './decodeVideoFrames.ts';
import type { FaceEngine, FittedFace } from '../detect/faceEngine.ts';
import { dedupe } from '../detect/faceEngine.ts';
import type { DetectedFace } from '../detect/types.ts';
import type { RgbImage } from '../image/RgbImage.ts';
import { AurigError } from '../errors/AurigError.ts';

/** One decoded video frame (the frames `decodeVideoFrames` yields); `detectVideo` also takes them from the caller. */
export type RgbVideoFrame = VideoFrame;

/** A video file path, a readable stream of a video file, or frames already decoded. */
export type VideoSource = string | Readable | AsyncIterable<RgbVideoFrame> | Iterable<RgbVideoFrame>;

export interface DetectVideoOptions {
  /** Frames are decoded with their longer side at most this many pixels. Default: 1280. */
  readonly maxSide?: number;
  /** Decode at this frame rate (frames per second); default: the video's own. */
  readonly fps?: number;
  /** Run the full detector at least every this many frames to pick up new faces. Default: 30. */
  readonly redetectEvery?: number;
  /** Most faces per frame. Default: the detector's `maxFaces`. */
  readonly maxFaces?: number;
  /** Stops decoding when aborted. */
  readonly signal?: AbortSignal;
}

export const DEFAULT_DETECT_VIDEO_OPTIONS = {
  maxSide: 1280,
  redetectEvery: 30,
} as const;

/** The faces of one frame. Coordinates are pixels of the decoded frame (`width`×`height`). */
export interface VideoFaces {
  readonly index: number;
  readonly timestampMs: number;
  readonly width: number;
  readonly height: number;
  readonly faces: DetectedFace[];
  /** True when the full detector ran on this frame; false when faces were tracked from the previous frame's meshes. */
  readonly detected: boolean;
  /** The decoded frame itself (RGB, `width`×`height`), e.g. to draw an overlay; the next frame does not reuse its buffer. */
  readonly image: RgbImage;
}

/**
 * Faces in every frame, tracked: each face's mesh is fitted on a crop built from its mesh in the previous
 * frame; the detector runs on the first frame, whenever no face is tracked or a track is lost
 * (mesh confidence below `minScore` or the face narrower than `minFaceSize`), and every `redetectEvery` frames.
 */
export async function* detectVideo(engine: FaceEngine, source: VideoSource, options: DetectVideoOptions = {}): AsyncGenerator<VideoFaces> {
  const redetectEvery = options.redetectEvery ?? DEFAULT_DETECT_VIDEO_OPTIONS.redetectEvery;
  const maxFaces = options.maxFaces ?? engine.options.maxFaces;
  let tracks: FittedFace[] = [];
  let sinceDetect = Infinity;
  for await (const frame of frames(source, options)) {
    if (!(frame.width >= 1 && frame.height >= 1 && frame.data.length === frame.width * frame.height * 3)) {
      throw new AurigError('E_BAD_IMAGE', `video frame ${frame.index} is ${frame.width}×${frame.height} but has ${frame.data.length} bytes; frames are 8-bit RGB, width × height × 3 bytes`, { value: { width: frame.width, height: frame.height, length: frame.data.length } });
    }
    let detected = false;
    if (tracks.length > 0 && sinceDetect < redetectEvery) {
      const kept: FittedFace[] = [];
      for (const track of tracks) {
        const f = await engine.fit(frame, track.rect, true);
        if (engine.keepsTrack(f)) kept.push(f);
      }
      const lost = kept.length < tracks.length;
      tracks = dedupe(kept, maxFaces);
      if (lost || tracks.length === 0) sinceDetect = Infinity;
    }
    if (tracks.length === 0 || sinceDetect >= redetectEvery) {
      tracks = await engine.fitAll(frame, maxFaces);
      detected = true;
      sinceDetect = 0;
    }
    sinceDetect++;
    const faces: DetectedFace[] = [];
    for (const f of tracks) faces.push(await engine.finish(frame, f, 1, frame.width, frame.height));
    yield { index: frame.index, timestampMs: frame.timestampMs, width: frame.width, height: frame.height, faces, detected, image: { width: frame.width, height: frame.height, data: frame.data } };
  }
}

async function* frames(source: VideoSource, options: DetectVideoOptions): AsyncGenerator<RgbVideoFrame> {
  if (typeof source === 'string' || isReadable(source)) {
    yield* decodeVideoFrames(source, {
      maxSide: options.maxSide ?? DEFAULT_DETECT_VIDEO_OPTIONS.maxSide,
      ...(options.fps !== undefined ? { fps: options.fps } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    });
    return;
  }
  for await (const f of source as AsyncIterable<RgbVideoFrame>) {
    if (options.signal?.aborted) return;
    yield f;
  }
}

function isReadable(x: unknown): x is Readable {
  return typeof x === 'object' && x !== null && typeof (x as Readable).pipe === 'function' && typeof (x as Readable).read === 'function';
}
