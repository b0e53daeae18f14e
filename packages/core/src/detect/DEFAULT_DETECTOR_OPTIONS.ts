/** Load-time options of `createFaceDetector`. Every field is optional; defaults are in `DEFAULT_DETECTOR_OPTIONS`. */
export interface FaceDetectorOptions {
  /** Most faces returned per image (largest first). Default: 10. */
  readonly maxFaces?: number;
  /** Least face-detector score (0..1) for a candidate face. Default: 0.5. */
  readonly minDetectionScore?: number;
  /** Least face-mesh confidence (0..1) to keep a face (true faces score ~1; blurred letters in face_noface.mov reach 0.7). Default: 0.75. */
  readonly minScore?: number;
  /** Faces narrower than this many pixels (of the image the models see, after `maxSide`) are dropped: too small for a meaningful mesh, and where the mesh model is fooled by face-like shapes (letters in no_face.mp4; doubtful new faces also need the detector's second opinion on their upright crop). Default: 32. */
  readonly minFaceSize?: number;
  /** Boxes overlapping more than this (intersection over union) are one face. Default: 0.3. */
  readonly iouThreshold?: number;
  /** The image is downscaled so its longer side is at most this many pixels before detection (results are mapped back). Default: 1280. */
  readonly maxSide?: number;
  /**
   * Second detection pass on overlapping tiles at twice the resolution, for faces too small for the
   * whole-frame pass: 'auto' runs it when the whole frame yields no face, 'always' on every image, 'never' never. Default: 'auto'.
   */
  readonly tiles?: 'auto' | 'always' | 'never';
  /** Most extra mesh passes on a crop rebuilt from the previous pass's landmarks, run while the crop still moves (still images and a video's detector frames). Default: 2. */
  readonly refineIterations?: number;
  /**
   * Also run the mesh model on the mirrored crop and average the meshes, with the landmark refits: lower landmark
   * error on small and turned faces, at 2–5 mesh passes instead of 1. 'auto': only for faces with the outer eye
   * corners under 80 working-image pixels apart or turned more than 0.3 rad of yaw (other faces get one pass, and a
   * refit only when the detector's box was far off); true: every face; false: never (refits as for 'auto').
   * Tracked video frames always run one plain pass. Default: 'auto'.
   */
  readonly mirror?: boolean | 'auto';
  /** Run the iris model for iris centres. Default: true. */
  readonly iris?: boolean;
  /** Folder holding blazeface.json, facemesh.json and iris.json. Default: the `models/` folder of `@vladmandic/human`. */
  readonly modelDir?: string;
}

/** Per-call options of `detect`. */
export interface DetectCallOptions {
  /** Overrides the load-time `maxFaces` for this call. */
  readonly maxFaces?: number;
}

export const DEFAULT_DETECTOR_OPTIONS = {
  maxFaces: 10,
  minDetectionScore: 0.5,
  minScore: 0.75,
  minFaceSize: 32,
  iouThreshold: 0.3,
  maxSide: 1280,
  tiles: 'auto',
  refineIterations: 2,
  mirror: 'auto',
  iris: true,
  modelDir: '',
} as const satisfies Required<FaceDetectorOptions>;

export type ResolvedDetectorOptions = { -readonly [K in keyof typeof DEFAULT_DETECTOR_OPTIONS]: K extends 'tiles' ? 'auto' | 'always' | 'never' : K extends 'modelDir' ? string : K extends 'iris' ? boolean : K extends 'mirror' ? boolean | 'auto' : number };
