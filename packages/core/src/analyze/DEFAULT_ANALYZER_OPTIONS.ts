import type { AppearanceModel } from '../appearance/appearanceClassifier.ts';
import type { FaceDetectorOptions } from '../detect/DEFAULT_DETECTOR_OPTIONS.ts';
import type { AufartRegressorOptions } from '../aufart/AufartRegressor.ts';

/** Load-time options of `createAnalyzer`; all optional, defaults in `DEFAULT_ANALYZER_OPTIONS`. */
export interface AnalyzerOptions {
  /** Folder with `aufart.json` + `aufart.bin`. Default: the weights shipped in @aurig/core (`models/aufart`). */
  readonly modelDir?: string;
  /** Options of the face detector the analyzer creates. Default: the detector's defaults. */
  readonly detector?: FaceDetectorOptions;
  /**
   * The regressor's identity/camera refit: the face model the weights were trained for (`faceModel`; pass yours with
   * weights trained for it) and its settings, or `refit: false`. Default: the default face model's refit.
   */
  readonly regressor?: AufartRegressorOptions;
  /**
   * Read the face's appearance as well as its landmarks: pretrained expression classifiers on each face (`true`: both
   * of `APPEARANCE_MODELS` — Human's emotion network, ≈ 5 ms a face on one core, from the detector's `modelDir`, and
   * face-api's expression network, ≈ 6 ms; or a list of them), each one's class probabilities turned into AU evidence
   * through the EMFACS prototypes (`appearanceAuEvidence`) and fused with the geometry's AUs (`fuseAuReadings`).
   * `false`: the landmark geometry alone. Default true.
   */
  readonly appearance?: boolean | readonly AppearanceModel[];
  /** Faces with fewer pixels than this between the outer eye corners are not analysed. Default 24. */
  readonly minEyeDistance?: number;
  /** Faces turned further than this (|yaw|, radians) are not analysed. Default 60° (1.047). */
  readonly maxYaw?: number;
  /** Faces pitched further than this (|pitch|, radians) are not analysed. Default 45° (0.785). */
  readonly maxPitch?: number;
  /** Landmark fit residual (mm RMS) above which the face is not analysed. Default 12. */
  readonly maxResidual?: number;
}

/** Per-call options of `analyze`. */
export interface AnalyzeCallOptions {
  /** Most faces analysed, largest first. Default: the detector's `maxFaces`. */
  readonly maxFaces?: number;
}

export const DEFAULT_ANALYZER_OPTIONS = {
  modelDir: '',
  detector: {},
  regressor: {},
  appearance: true as boolean | readonly AppearanceModel[],
  minEyeDistance: 24,
  maxYaw: (60 * Math.PI) / 180,
  maxPitch: (45 * Math.PI) / 180,
  maxResidual: 12,
} as const satisfies Required<AnalyzerOptions>;
