/** An axis-aligned box in image pixels (origin top-left, y down). */
export interface FaceBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Head rotation in radians, camera looking at the subject, image y down:
 * - `yaw` > 0: the subject turns to their own left (the face turns toward the image's right side);
 * - `pitch` > 0: the subject looks up;
 * - `roll` > 0: the head tilts toward the subject's left shoulder, i.e. clockwise in the image.
 * All zero for a frontal, upright face.
 */
export interface HeadPose {
  readonly yaw: number;
  readonly pitch: number;
  readonly roll: number;
}

/** A point in image pixels. */
export interface Point2 {
  readonly x: number;
  readonly y: number;
}

/** Iris centres and radii in image pixels; `left` is the subject's left eye (on the image's right for a frontal face). */
export interface IrisCentres {
  readonly left: Point2 & { readonly radius: number };
  readonly right: Point2 & { readonly radius: number };
}

/** One face found in an image. All coordinates are pixels of the input image as given (after EXIF orientation). */
export interface DetectedFace {
  /** Tight box around the 468 landmarks, clipped to the image. */
  readonly box: FaceBox;
  /**
   * Confidence 0..1: the face-mesh model's face-presence output; for a face that model doubts (strong profiles)
   * but the detector is sure of (≥ 0.7) and the mesh lands on, the detector's score.
   */
  readonly score: number;
  /** 468 points × (x, y, z) in image pixels, MediaPipe Face Mesh order; z is relative depth (smaller is nearer the camera, 0 near the face centre), same scale as x. */
  readonly landmarks: Float32Array;
  /** 68 points × (x, y) in image pixels, iBUG 300-W order (0-based: jaw 0–16, brows 17–26, nose 27–35, eyes 36–47, mouth 48–67). */
  readonly landmarks68: Float32Array;
  /** Iris centres; present when the detector was created with `iris: true` (the default), else null. */
  readonly iris: IrisCentres | null;
  readonly headPose: HeadPose;
}
