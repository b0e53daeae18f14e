import { createFaceDetector, type FaceDetector } from '../detect/createFaceDetector.ts';
import type { ImageInput } from '../image/decodeImage.ts';
import type { VideoSource, DetectVideoOptions } from '../video/detectVideo.ts';
import { loadAufartModel } from '../aufart/aufartFiles.ts';
import { AufartRegressor } from '../aufart/AufartRegressor.ts';
import type { AufartModel } from '../aufart/AufartModel.ts';
import { AurigError } from '../errors/AurigError.ts';
import { DEFAULT_ANALYZER_OPTIONS, type AnalyzeCallOptions, type AnalyzerOptions } from './DEFAULT_ANALYZER_OPTIONS.ts';
import type { FaceParams } from './FaceParams.ts';
import { faceParamsFromDetection } from './faceParamsFromDetection.ts';
import { detectWithPadding } from './detectWithPadding.ts';
import { loadAppearanceClassifier, APPEARANCE_MODELS, type AppearanceClassifier } from '../appearance/appearanceClassifier.ts';
import { decodeImage } from '../image/decodeImage.ts';
import type { Pixels } from '../detect/cropRgb.ts';
import type { DetectedFace } from '../detect/types.ts';
import type { FaceDetectorOptions } from '../detect/DEFAULT_DETECTOR_OPTIONS.ts';

/** Per-frame result of `analyzeVideo`. */
export interface VideoFaceParams {
  readonly index: number;
  readonly timestampMs: number;
  readonly faces: FaceParams[];
}

/** Holds the face detector, the AUFART network and the appearance classifier; call `dispose()` when done. */
export interface Analyzer {
  /** One `FaceParams` per face found, largest first; empty when there is none (a second pass on a padded frame runs first). */
  analyze(input: ImageInput, options?: AnalyzeCallOptions): Promise<FaceParams[]>;
  /** FaceParams for every frame of a video (tracked faces). */
  analyzeVideo(source: VideoSource, options?: DetectVideoOptions): AsyncIterable<VideoFaceParams>;
  readonly detector: FaceDetector;
  readonly regressor: AufartRegressor;
  /** Safe to call twice. */
  dispose(): void;
}

/** Load the detector and the AUFART weights once; options merge over `DEFAULT_ANALYZER_OPTIONS`. */
export async function createAnalyzer(options: AnalyzerOptions = {}): Promise<Analyzer> {
  const o = { ...DEFAULT_ANALYZER_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  for (const k of ['minEyeDistance', 'maxYaw', 'maxPitch', 'maxResidual'] as const) {
    if (!(Number(o[k]) > 0)) throw new AurigError('E_BAD_OPTION', `${k} = ${String(o[k])} must be a positive number`, { value: o[k] });
  }
  const model: AufartModel = await loadAufartModel(o.modelDir || undefined);
  let regressor: AufartRegressor;
  try {
    regressor = new AufartRegressor(model, o.regressor);
  } catch (e) {
    model.dispose();
    throw e;
  }
  let detector: FaceDetector;
  try {
    detector = await createFaceDetector(o.detector);
  } catch (e) {
    model.dispose();
    throw e;
  }
  let emotion: AppearanceClassifier | null = null;
  if (o.appearance !== false) {
    try {
      emotion = await loadAppearanceClassifier(o.appearance === true ? APPEARANCE_MODELS : o.appearance, (o.detector as FaceDetectorOptions).modelDir);
    } catch (e) {
      detector.dispose();
      model.dispose();
      throw e;
    }
  }
  const appearanceOf = (image: Pixels) => (emotion ? (f: DetectedFace) => emotion!.classify(image, f) : undefined);
  let disposed = false;
  const limits = { minEyeDistance: o.minEyeDistance, maxYaw: o.maxYaw, maxPitch: o.maxPitch, maxResidual: o.maxResidual };
  return {
    detector,
    regressor,
    async analyze(input, call = {}) {
      const image = emotion ? await decodeImage(input) : input; // decoded once: the classifier crops the same pixels
      const faces = await detectWithPadding(detector, image, call.maxFaces);
      return faces.map((f) => faceParamsFromDetection(f, regressor, limits, appearanceOf(image as Pixels)));
    },
    async *analyzeVideo(source, videoOptions) {
      for await (const fr of detector.detectVideo(source, videoOptions)) {
        yield { index: fr.index, timestampMs: fr.timestampMs, faces: fr.faces.map((f) => faceParamsFromDetection(f, regressor, limits, appearanceOf(fr.image))) };
      }
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      detector.dispose();
      emotion?.dispose();
      model.dispose();
    },
  };
}

/** One-shot convenience: create an analyzer, analyse one image, dispose. Prefer `createAnalyzer` for many images. */
export async function analyze(input: ImageInput, options: AnalyzerOptions & AnalyzeCallOptions = {}): Promise<FaceParams[]> {
  const a = await createAnalyzer(options);
  try {
    return await a.analyze(input, { maxFaces: options.maxFaces });
  } finally {
    a.dispose();
  }
}
