import path from 'node:path';
import { initBackend } from '../backend/index.ts';
import { runBlazeface, nonMaxSuppression, iou, type Detection } from './blazeface.ts';
import { runFaceMesh, averageMeshes, meshOutputNames, type MeshResult } from './faceMesh.ts';
import { runIrisModel, irisCentres, eyelidDisagreement, irisHeadName, type IrisOutput } from './iris.ts';
import type { RgbImage } from '../image/RgbImage.ts';
import { poolPixels, type Pixels } from './cropRgb.ts';
import { rectFromDetection, rectFromLandmarks, rectChange, MESH_RECT_SCALE, type FaceRect } from './faceRect.ts';
import { headPoseFromLandmarks } from './headPose.ts';
import { landmarks68FromMesh } from './landmarks68.ts';
import { loadGraphModelFile } from './loadGraphModelFile.ts';
import { humanModelDir } from './humanModelDir.ts';
import type { CompiledGraphModel } from './graphRunner.ts';
import type { ResolvedDetectorOptions } from './DEFAULT_DETECTOR_OPTIONS.ts';
import type { DetectedFace } from './types.ts';

/** Detector input side; tiles are half the frame, so faces down to ~1/16 of the frame are seen. */
const DETECTOR_INPUT = 256;
/** A refinement pass stops once the rect moves less than this (fraction of its size, or radians). */
const REFINE_TOLERANCE = 0.04;
/** A face that needs no care is refitted only when its landmark crop moved more than this from the detector's crop (a badly placed box). */
const REFIT_CHANGE = 0.15;
/**
 * Faces whose outer eye corners are closer than this (working-image pixels) or turned more than `CARE_YAW` (radians)
 * get the mirrored crop and the landmark refits (`mirror: 'auto'`): the mesh's error and side bias grow there
 * (measured on the eval photos: median NME of one plain pass 8.3–9.9% vs 7.6–8.1% with both, on a small and a 3/4-view face).
 */
const CARE_EYE_PX = 80;
const CARE_YAW = 0.3;
/**
 * A face the mesh model doubts (its presence flag drops on strong profiles) is still kept when the detector
 * scores it at least this and the fitted mesh lands on the detector's box (IoU ≥ AGREEMENT_IOU)…
 */
const DETECTOR_ALONE_SCORE = 0.7;
/** …and only for faces at least this wide (working-image pixels): on small ones both models are easily fooled (cartoon letters in no_face.mp4). */
const DETECTOR_ALONE_MIN_SIZE = 64;
const AGREEMENT_IOU = 0.5;
/**
 * …and only upright (|roll| ≤ this, radians), as the detector was trained: the title letters of no_face.mp4 that pass
 * the other checks at 480–960 px come out tilted 0.9–1.5 rad, the profile in BWPictureHuman 0.12.
 */
const DETECTOR_ALONE_MAX_ROLL = 0.6;
/**
 * …and the detector's eye, eye, nose and mouth keypoints lie within this fraction of the box size of the mesh's
 * (measured: the profile in BWPictureHuman 0.13, blurred title letters in face_noface.mov 0.20; two cases only).
 */
const AGREEMENT_KEYPOINTS = 0.15;
/** Two fitted meshes whose boxes overlap more than this are one face. */
const SAME_FACE_IOU = 0.5;
/**
 * Second opinion on a doubtful mesh the mesh model is confident of: the detector is run on an upright crop around it,
 * this many times the face's size, and the face is kept when mesh confidence × the detector's best score there ≥ VERIFY_MIN.
 * Measured: real faces 0.62–0.92 (the lowest a 41-px face), the cartoon title letters of no_face.mp4 that fool the mesh 0.05–0.60.
 */
const VERIFY_CROP_SCALE = 2;
const VERIFY_MIN = 0.55;
/**
 * A new mesh gets the second opinion (a detector run, about as costly as the first) for each of these doubts it raises;
 * a mesh with none is kept on the first pass's evidence. Measured on the mesh-confident candidates of the eval photos,
 * video frames and the photos turned 20–90° (602 real) and of no_face.mp4 at 480–1280 px, every frame, and the blurred
 * letters of face_noface.mov (20 letters); every letter raises at least 2 doubts, no upright real face more than 2:
 * - tilted more than DOUBT_ROLL (radians): upright real faces |roll| ≤ 0.46 (turned photos up to 1.6); letters 0.12–1.29;
 * - the first detector pass's eye, eye, nose and mouth keypoints off the mesh's by more than DOUBT_KEYPOINTS of its box:
 *   upright real ≤ 0.12 (a 40-px face), turned photos up to 0.32; letters 0.06–0.41;
 * - the iris model's eyelid contour (16 points, run anyway for the iris centres) off the mesh's eyelids by more than
 *   DOUBT_EYELID of the eye width (the worse eye): real 0.04–0.5 (over 0.2 mostly on faces turned ≥ 0.5 rad of yaw), letters 0.12–0.33;
 * - the first pass scored it under DOUBT_DETECTOR_SCORE: real 0.50–0.97, letters 0.51–0.68;
 * - narrower than DOUBT_SIZE working-image pixels, where both models are easily fooled: real from 40, letters 33–102.
 */
const DOUBT_ROLL = 0.6;
const DOUBT_KEYPOINTS = 0.15;
const DOUBT_EYELID = 0.2;
const DOUBT_DETECTOR_SCORE = 0.6;
const DOUBT_SIZE = 48;
/**
 * A mesh raising at least STRONG_DOUBTS doubts is kept only when the second opinion's own score is ≥ STRONG_VERIFY_MIN
 * as well: such letters scored 0.11–0.61 there (0.61 with mesh × detector 0.60, a title letter at 800 px), such real faces 0.75–0.88.
 */
const STRONG_DOUBTS = 3;
const STRONG_VERIFY_MIN = 0.68;

/** A face fitted on the working image: its mesh, and the rect the next frame's mesh pass can start from. */
export interface FittedFace extends MeshResult {
  readonly rect: FaceRect;
  /** The iris model's output on this mesh when it already ran (for the false-face check); `finish` reuses it. */
  readonly iris?: IrisOutput | null;
}

/** The loaded models and the steps of detection, shared by `detect` and the video tracker. Internal. */
export class FaceEngine {
  private constructor(
    readonly options: ResolvedDetectorOptions,
    private readonly detector: CompiledGraphModel,
    private readonly mesh: CompiledGraphModel,
    private readonly iris: CompiledGraphModel | null,
    /** The mesh model's landmark and confidence outputs (its contour head is never run). */
    private readonly meshOutputs: string[] | undefined,
    /** The iris model's iris-only head, for frames that need the iris centres alone. */
    private readonly irisHead: string | undefined,
  ) {}

  static async create(options: ResolvedDetectorOptions): Promise<FaceEngine> {
    await initBackend();
    const dir = options.modelDir || humanModelDir();
    // each model's inference as a compiled list of op calls (checked against model.execute on first use)
    const [detector, mesh, iris] = await Promise.all([
      loadGraphModelFile(path.join(dir, 'blazeface.json')),
      loadGraphModelFile(path.join(dir, 'facemesh.json')),
      options.iris ? loadGraphModelFile(path.join(dir, 'iris.json')) : Promise.resolve(null),
    ]);
    return new FaceEngine(options, detector, mesh, iris, meshOutputNames(mesh), iris ? irisHeadName(iris) : undefined);
  }

  /** Face candidates in the frame: the whole frame letterboxed, then (per `tiles`) a 3×3 grid of half-size tiles. */
  async findCandidates(image: RgbImage, maxFaces: number): Promise<Detection[]> {
    const { width: w, height: h } = image;
    const side = Math.max(w, h);
    const whole: FaceRect = { cx: w / 2, cy: h / 2, size: side, angle: 0 };
    const pyramid = new Map<number, Pixels>();
    let found = await this.detectIn(image, whole, pyramid);
    const tiles = this.options.tiles;
    if (tiles === 'always' || (tiles === 'auto' && found.length === 0)) {
      const tile = side / 2;
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          const rect = { cx: w / 2 - side / 2 + tile / 2 + (j * side) / 4, cy: h / 2 - side / 2 + tile / 2 + (i * side) / 4, size: tile, angle: 0 };
          if (rect.cx + tile / 2 <= 0 || rect.cx - tile / 2 >= w || rect.cy + tile / 2 <= 0 || rect.cy - tile / 2 >= h) continue;
          found = found.concat(await this.detectIn(image, rect, pyramid));
        }
      }
    }
    return nonMaxSuppression(found, this.options.iouThreshold, Math.max(1, maxFaces) * 2);
  }

  /** Detector on `rect`, first average-pooled so that the detector never skips pixels (no aliasing). */
  private async detectIn(image: Pixels, rect: FaceRect, pyramid: Map<number, Pixels>): Promise<Detection[]> {
    const k = Math.floor(rect.size / DETECTOR_INPUT);
    if (k < 2) return runBlazeface(this.detector, image, rect, this.options.minDetectionScore);
    let pooled = pyramid.get(k);
    if (!pooled) { pooled = poolPixels(image, k); pyramid.set(k, pooled); }
    const off = (k - 1) / 2;
    const local = { cx: (rect.cx - off) / k, cy: (rect.cy - off) / k, size: rect.size / k, angle: 0 };
    return (await runBlazeface(this.detector, pooled, local, this.options.minDetectionScore)).map((d) => {
      const keypoints = d.keypoints.map((v) => v * k + off);
      return { x0: d.x0 * k + off, y0: d.y0 * k + off, x1: d.x1 * k + off, y1: d.y1 * k + off, score: d.score, keypoints };
    });
  }

  /**
   * Fit the mesh starting from `start`. `track` (video frames after the first): one plain pass on the crop from
   * the previous frame's mesh. Otherwise a plain pass, then, for a face that needs it (`needsCare`: small or
   * turned, or `mirror: true`), the mirrored crop, and up to `refineIterations` passes on a crop rebuilt from the
   * landmarks, each averaged into the running mesh; a face that needs no care gets one such pass only when its
   * landmark crop is far (`REFIT_CHANGE`) from the detector's crop.
   */
  async fit(image: RgbImage, start: FaceRect, track = false): Promise<FittedFace> {
    let best = await runFaceMesh(this.mesh, image, start, [false], this.meshOutputs);
    if (track) return { ...best, rect: rectFromLandmarks(best.landmarks) };
    const mirror = this.options.mirror;
    const careful = mirror === true || (mirror === 'auto' && needsCare(best.landmarks));
    if (careful) best = averageMeshes(best, await runFaceMesh(this.mesh, image, start, [true], this.meshOutputs));
    const views = careful ? [false, true] : [false];
    let rect = start;
    for (let i = 0; i < this.options.refineIterations; i++) {
      const next = rectFromLandmarks(best.landmarks);
      const change = rectChange(rect, next);
      if (change < (careful ? REFINE_TOLERANCE : REFIT_CHANGE)) break;
      const again = await runFaceMesh(this.mesh, image, next, views, this.meshOutputs);
      if (again.score < this.options.minScore && best.score >= this.options.minScore) break;
      best = averageMeshes(best, again);
      rect = next;
      if (!careful) break;
    }
    return { ...best, rect: rectFromLandmarks(best.landmarks) };
  }

  /**
   * The detector's second opinion on a fitted mesh: the detector run on an upright crop around the mesh
   * (rotated by its eye line, `VERIFY_CROP_SCALE` × the mesh's size); the best score of a box that overlaps the mesh.
   */
  async verify(image: RgbImage, f: FittedFace): Promise<number> {
    const r = rectFromLandmarks(f.landmarks);
    const face = r.size / MESH_RECT_SCALE;
    const rect = { ...r, size: face * VERIFY_CROP_SCALE };
    const found = await runBlazeface(this.detector, image, rect, 0.05);
    let best = 0;
    for (const d of found) {
      // runBlazeface maps an unrotated crop: offsets from the rect's centre are right up to the rotation, so compare distances
      const off = Math.hypot((d.x0 + d.x1) / 2 - rect.cx, (d.y0 + d.y1) / 2 - rect.cy);
      if (off < 0.25 * face && d.score > best) best = d.score;
    }
    return best;
  }

  /** True when a fitted face is wide enough (`minFaceSize`) and confident enough (`minScore`) to keep tracking. */
  keepsTrack(f: FittedFace): boolean {
    const b = bounds(f.landmarks);
    return f.score >= this.options.minScore && b.x1 - b.x0 >= this.options.minFaceSize;
  }

  /** Detect and fit every face: candidates → meshes → one face per overlapping group, largest first. */
  async fitAll(image: RgbImage, maxFaces: number): Promise<FittedFace[]> {
    const candidates = await this.findCandidates(image, maxFaces);
    const fitted: FittedFace[] = [];
    for (const d of candidates) {
      const k = d.keypoints;
      const f = await this.fit(image, rectFromDetection(d.x0, d.y0, d.x1, d.y1, [k[0]!, k[1]!], [k[2]!, k[3]!]));
      const b = bounds(f.landmarks);
      if (b.x1 - b.x0 < this.options.minFaceSize) continue;
      if (f.score >= this.options.minScore) {
        const iris = this.iris ? await runIrisModel(this.iris, image, f.landmarks, f.rect.angle) : null;
        const doubts = this.doubts(d, f, iris, b.x1 - b.x0);
        const second = doubts > 0 ? await this.verify(image, f) : 1;
        if (f.score * second >= VERIFY_MIN && (doubts < STRONG_DOUBTS || second >= STRONG_VERIFY_MIN)) fitted.push({ ...f, iris });
      } else if (d.score >= DETECTOR_ALONE_SCORE && b.x1 - b.x0 >= DETECTOR_ALONE_MIN_SIZE && iou(b, d) >= AGREEMENT_IOU && keypointError(d, f.landmarks) <= AGREEMENT_KEYPOINTS && Math.abs(headPoseFromLandmarks(f.landmarks).roll) <= DETECTOR_ALONE_MAX_ROLL) fitted.push({ ...f, score: d.score });
    }
    return dedupe(fitted, maxFaces);
  }

  /** How many doubts (`DOUBT_ROLL`…) a new mesh the mesh model is confident of raises (`width`: its landmarks' box width); any one calls for the detector's second opinion. */
  private doubts(d: Detection, f: FittedFace, iris: IrisOutput | null, width: number): number {
    return Number(Math.abs(headPoseFromLandmarks(f.landmarks).roll) > DOUBT_ROLL) + Number(keypointError(d, f.landmarks) > DOUBT_KEYPOINTS)
      + Number(iris !== null && eyelidDisagreement(f.landmarks, iris) > DOUBT_EYELID) + Number(d.score < DOUBT_DETECTOR_SCORE) + Number(width < DOUBT_SIZE);
  }

  /** The public result for a fitted face, scaled by `scale` (working → input image pixels) and clipped to `width`×`height`. */
  async finish(image: RgbImage, face: FittedFace, scale: number, width: number, height: number): Promise<DetectedFace> {
    // the iris centres alone: the iris model's contour head (for the false-face check) only runs on new faces, in fitAll
    const out = face.iris !== undefined ? face.iris : this.iris ? await runIrisModel(this.iris, image, face.landmarks, face.rect.angle, this.irisHead) : null;
    const iris = out && irisCentres(out);
    const lm = scale === 1 ? face.landmarks : face.landmarks.map((v) => v * scale);
    const b = bounds(lm);
    const x0 = Math.max(0, b.x0); const y0 = Math.max(0, b.y0);
    return {
      box: { x: x0, y: y0, width: Math.max(0, Math.min(width, b.x1) - x0), height: Math.max(0, Math.min(height, b.y1) - y0) },
      score: face.score,
      landmarks: lm,
      landmarks68: landmarks68FromMesh(lm),
      iris: iris && {
        left: { x: iris.left.x * scale, y: iris.left.y * scale, radius: iris.left.radius * scale },
        right: { x: iris.right.x * scale, y: iris.right.y * scale, radius: iris.right.radius * scale },
      },
      headPose: headPoseFromLandmarks(lm),
    };
  }

  dispose(): void {
    this.detector.dispose();
    this.mesh.dispose();
    this.iris?.dispose();
  }
}

/** True when a first plain mesh is small or turned enough for `mirror: 'auto'` to add the mirrored crop and refits. */
function needsCare(lm: Float32Array): boolean {
  const eyes = Math.hypot(lm[263 * 3]! - lm[33 * 3]!, lm[263 * 3 + 1]! - lm[33 * 3 + 1]!);
  return eyes < CARE_EYE_PX || Math.abs(headPoseFromLandmarks(lm).yaw) > CARE_YAW;
}

/** Mesh points matching the detector's first four keypoints: eye centres (subject's right, left), nose tip, mouth centre. */
const KEYPOINT_VERTICES = [[33, 133], [362, 263], [1, 1], [13, 14]] as const;

/** Mean distance between the detector's keypoints and the mesh's, over the detector box size; either eye order. */
function keypointError(d: Detection, lm: Float32Array): number {
  const pt = (k: number) => { const [a, b] = KEYPOINT_VERTICES[k]!; return [(lm[a * 3]! + lm[b * 3]!) / 2, (lm[a * 3 + 1]! + lm[b * 3 + 1]!) / 2] as const; };
  const dist = (k: number, m: number) => { const p = pt(m); return Math.hypot(d.keypoints[k * 2]! - p[0], d.keypoints[k * 2 + 1]! - p[1]); };
  const rest = dist(2, 2) + dist(3, 3);
  const eyes = Math.min(dist(0, 0) + dist(1, 1), dist(0, 1) + dist(1, 0));
  return (eyes + rest) / 4 / Math.max(d.x1 - d.x0, d.y1 - d.y0);
}

/** Box around 468×3 landmarks. */
function bounds(lm: Float32Array): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = Infinity; let y0 = Infinity; let x1 = -Infinity; let y1 = -Infinity;
  for (let i = 0; i < lm.length; i += 3) {
    const x = lm[i]!; const y = lm[i + 1]!;
    if (x < x0) x0 = x; if (x > x1) x1 = x;
    if (y < y0) y0 = y; if (y > y1) y1 = y;
  }
  return { x0, y0, x1, y1 };
}

/** One face per group of overlapping meshes (best score kept), then the `max` largest. */
export function dedupe(faces: readonly FittedFace[], max: number): FittedFace[] {
  const boxed = faces.map((f) => ({ f, b: bounds(f.landmarks) })).sort((a, b) => b.f.score - a.f.score);
  const kept: typeof boxed = [];
  for (const x of boxed) if (kept.every((k) => iou(k.b, x.b) <= SAME_FACE_IOU)) kept.push(x);
  const area = (b: { x0: number; y0: number; x1: number; y1: number }) => (b.x1 - b.x0) * (b.y1 - b.y0);
  return kept.sort((a, b) => area(b.b) - area(a.b)).slice(0, max).map((x) => x.f);
}

