import { decodeImage, type ImageInput } from '../image/decodeImage.ts';
import type { RgbImage } from '../image/RgbImage.ts';
import { resizeRgb } from '../image/resizeRgb.ts';
import { AurigError } from '../errors/AurigError.ts';
import { detectVideo, type DetectVideoOptions, type VideoFaces, type VideoSource } from '../video/detectVideo.ts';
import { DEFAULT_DETECTOR_OPTIONS, type DetectCallOptions, type FaceDetectorOptions, type ResolvedDetectorOptions } from './DEFAULT_DETECTOR_OPTIONS.ts';
import { FaceEngine } from './faceEngine.ts';
import type { DetectedFace } from './types.ts';

/** Finds faces with their 468-point mesh, 68 iBUG points, iris centres and head pose. Holds models: call `dispose()`. */
export interface FaceDetector {
  /** Faces in one image, largest first; an empty list when there is none. Throws `E_BAD_IMAGE` for unusable input. */
  detect(input: ImageInput, options?: DetectCallOptions): Promise<DetectedFace[]>;
  /** Faces in every frame of a video file, a readable stream, or an async iterable of RGB frames; tracks faces between frames. */
  detectVideo(source: VideoSource, options?: DetectVideoOptions): AsyncIterable<VideoFaces>;
  /** Release the models. Safe to call twice. */
  dispose(): void;
}

/** Load the face models (once) and return a detector. Options are merged over `DEFAULT_DETECTOR_OPTIONS`. */
export async function createFaceDetector(options: FaceDetectorOptions = {}): Promise<FaceDetector> {
  const resolved = resolveOptions(options);
  const engine = await FaceEngine.create(resolved);
  let disposed = false;
  const alive = () => { if (disposed) throw new AurigError('E_BAD_OPTION', 'this face detector was disposed; create a new one with createFaceDetector()'); };
  return {
    async detect(input, call = {}) {
      alive();
      const maxFaces = call.maxFaces ?? resolved.maxFaces;
      const image = await decodeImage(input);
      const { work, scale } = await workingImage(image, resolved.maxSide);
      const fitted = await engine.fitAll(work, maxFaces);
      const out: DetectedFace[] = [];
      for (const f of fitted) out.push(await engine.finish(work, f, scale, image.width, image.height));
      return out;
    },
    detectVideo(source, videoOptions) {
      alive();
      return detectVideo(engine, source, videoOptions);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      engine.dispose();
    },
  };
}

function resolveOptions(o: FaceDetectorOptions): ResolvedDetectorOptions {
  const r: ResolvedDetectorOptions = { ...DEFAULT_DETECTOR_OPTIONS };
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (r as Record<string, unknown>)[k] = v;
  const positive = ['maxFaces', 'maxSide', 'minFaceSize'] as const;
  for (const k of positive) {
    if (!(Number.isFinite(r[k]) && r[k] >= 1)) throw new AurigError('E_BAD_OPTION', `${k} = ${String(r[k])} must be a number ≥ 1`, { value: r[k] });
  }
  for (const k of ['minDetectionScore', 'minScore', 'iouThreshold'] as const) {
    if (!(r[k] >= 0 && r[k] <= 1)) throw new AurigError('E_BAD_OPTION', `${k} = ${String(r[k])} must be between 0 and 1`, { value: r[k] });
  }
  if (!['auto', 'always', 'never'].includes(r.tiles)) throw new AurigError('E_BAD_OPTION', `tiles = ${String(r.tiles)} must be 'auto', 'always' or 'never'`, { value: r.tiles });
  return r;
}

/** The image the models see: at most `maxSide` on its longer side; `scale` maps its pixels back to the input's. */
async function workingImage(image: RgbImage, maxSide: number): Promise<{ work: RgbImage; scale: number }> {
  const side = Math.max(image.width, image.height);
  if (side <= maxSide) return { work: image, scale: 1 };
  const w = Math.max(1, Math.round((image.width * maxSide) / side));
  const h = Math.max(1, Math.round((image.height * maxSide) / side));
  return { work: await resizeRgb(image, w, h), scale: image.width / w };
}
