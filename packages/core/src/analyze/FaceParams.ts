import type { AuName } from '../au/auNames.ts';
import type { EmotionName } from '../au/emotionPrototypes.ts';
import type { FaceBox, HeadPose } from '../detect/types.ts';
import type { WeakPerspectiveCamera } from '../aufart/AufartRegressor.ts';

/** Eye direction relative to the head, radians: yaw > 0 toward the subject's left, pitch > 0 up. */
export interface Gaze {
  readonly yaw: number;
  readonly pitch: number;
}

/** FLAME-format parameters of one face (AUFART §3). */
export interface FlameParams {
  /** β identity coefficients, all of the face model's (fitted to the landmarks after the network, `refitShape`). */
  readonly shape: Float32Array;
  /** ψ expression coefficients, one per face-model expression component (`AU12_L`, …). */
  readonly expression: Float32Array;
  /**
   * θ: 15 axis-angle values in radians (global, neck, jaw, left eye, right eye). The global rotation is
   * about the model origin (apply it to `lbs` output with θ_global = 0, then the camera).
   */
  readonly pose: Float32Array;
  /** Weak-perspective camera: image x = s·X + tx, image y = ty − s·Y for the rotated model-space point (s in px/mm). */
  readonly camera: WeakPerspectiveCamera;
}

/** Rig-independent analysis of one face. Plain, serialisable; never NaN. */
export interface FaceParams {
  /** Face box in image pixels. */
  readonly box: FaceBox;
  /** 468×3 landmarks, image pixels (x right, y down, z relative; MediaPipe order). */
  readonly landmarks: Float32Array;
  /**
   * AU intensity 0..1 for every AU aurig models: the AUFART regressor's reading of the landmarks, raised or lowered by the
   * appearance classifiers' AU evidence when the analyzer reads appearance (product of experts, `fuseAuReadings`);
   * `flame.expression` is the geometric fit alone.
   */
  readonly aus: Record<AuName, number>;
  /** AU presence probability 0..1 (fused the same way). */
  readonly auPresence: Record<AuName, number>;
  /**
   * The appearance's AU evidence alone (each classifier's `appearanceAuEvidence`, fused without the geometry; `AU_PRIOR`
   * where the classifiers have no opinion); null when the analyzer runs without appearance or the analysis is withheld.
   */
  readonly appearanceAus: Record<AuName, number> | null;
  /**
   * Class probabilities of the pretrained expression classifiers on the face's appearance (the mean of the analyzer's
   * `appearance` models); null when the analyzer runs without appearance or the analysis is withheld.
   */
  readonly emotions: Record<EmotionName, number> | null;
  /** Head pose (radians; the detector's `HeadPose` convention), from the AUFART regressor. */
  readonly headPose: HeadPose;
  readonly gaze: Gaze;
  readonly flame: FlameParams;
  /** 0..1: how far to trust this analysis (detector score × landmark fit × pose and size checks). */
  readonly confidence: number;
  /** Why the analysis was withheld or is weak (face too small, too turned, landmarks off); empty when fine. */
  readonly reason: string;
}
