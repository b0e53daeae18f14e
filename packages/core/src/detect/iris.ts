import * as tf from '@tensorflow/tfjs';
import type { GraphExecutable } from './graphRunner.ts';
import { cropToImage, type FaceRect } from './faceRect.ts';
import { cropRgb, inputBuffer } from './cropRgb.ts';
import type { RgbImage } from '../image/RgbImage.ts';
import type { IrisCentres } from './types.ts';

const IRIS_INPUT = 64;
/** The iris model returns 71 eye-contour points then 5 iris points (centre, then 4 on the rim), x y z each. */
const IRIS_FIRST = 71;
const IRIS_POINTS = 76;
/** Crop side relative to the eye-corner distance (MediaPipe/Human use 2.3). */
const EYE_CROP_SCALE = 2.3;
/** Eye corners in the mesh: subject's right eye (outer, inner), subject's left eye (outer, inner). */
const RIGHT_EYE = [33, 133] as const;
const LEFT_EYE = [263, 362] as const;
/**
 * Mesh vertices of the iris model's first 16 eye-contour points (MediaPipe's EyeLower0 = contour 0–8, EyeUpper0 = 9–15:
 * the eyelid edge), subject's right eye; the left eye's come from its mirrored crop, so the same contour index is the
 * mirror vertex.
 */
const RIGHT_LID = [33, 7, 163, 144, 145, 153, 154, 155, 133, 246, 161, 160, 159, 158, 157, 173] as const;
const LEFT_LID = [263, 249, 390, 373, 374, 380, 381, 382, 362, 466, 388, 387, 386, 385, 384, 398] as const;

/**
 * The iris model's output for both eyes, image pixels, x y z per point: `points` = 76 (the 71 eye-contour points, then
 * the iris centre and 4 rim points) when its contour head ran, 5 (the iris points only) when it did not.
 */
export interface IrisOutput {
  readonly right: Float32Array;
  readonly left: Float32Array;
  readonly points: number;
}

/** The iris model's head that gives the 5 iris points alone (MediaPipe's iris_landmark graph); its eye-contour head is another branch. */
const IRIS_HEAD = 'StatefulPartitionedCall/model/conv_iris/BiasAdd';

/**
 * The node of the iris model that gives the iris points alone, when the model has it (Human's iris.json does): running
 * only that head skips the contour branch, about 0.8 ms of the 7 for both eyes on wasm. Undefined for other exports.
 */
export function irisHeadName(model: GraphExecutable): string | undefined {
  try {
    const shape = tf.tidy(() => (model.execute(tf.zeros([1, IRIS_INPUT, IRIS_INPUT, 3]), IRIS_HEAD) as tf.Tensor).shape);
    return shape.slice(1).reduce((a, b) => a * b, 1) === (IRIS_POINTS - IRIS_FIRST) * 3 ? IRIS_HEAD : undefined;
  } catch {
    return undefined;
  }
}

function eyeRect(lm: Float32Array, a: number, b: number, angle: number): FaceRect {
  const ax = lm[a * 3]!; const ay = lm[a * 3 + 1]!;
  const bx = lm[b * 3]!; const by = lm[b * 3 + 1]!;
  return { cx: (ax + bx) / 2, cy: (ay + by) / 2, size: Math.hypot(bx - ax, by - ay) * EYE_CROP_SCALE, angle };
}

/**
 * The iris model run on both eyes of a mesh (one batch of 2; the crops are sampled on the host, see `cropRgb`). The
 * model was trained on one eye side; the subject's left eye is mirrored in and its output mirrored back. `irisHead`
 * (from `irisHeadName`): run only the iris head, for the iris centres alone (`points` = 5).
 */
export async function runIrisModel(model: GraphExecutable, image: RgbImage, lm: Float32Array, angle: number, irisHead?: string): Promise<IrisOutput> {
  const rects = [eyeRect(lm, RIGHT_EYE[0], RIGHT_EYE[1], angle), eyeRect(lm, LEFT_EYE[0], LEFT_EYE[1], angle)] as const;
  const size = IRIS_INPUT * IRIS_INPUT * 3;
  const pixels = inputBuffer(size * 2);
  cropRgb(image, rects[0], IRIS_INPUT, pixels, 0, false);
  cropRgb(image, rects[1], IRIS_INPUT, pixels, size, true);
  const input = tf.tensor4d(pixels, [2, IRIS_INPUT, IRIS_INPUT, 3]);
  const out = (irisHead ? model.execute(input, irisHead) : model.execute(input)) as tf.Tensor;
  input.dispose();
  const data = out.dataSync() as Float32Array;
  out.dispose();
  const points = irisHead ? IRIS_POINTS - IRIS_FIRST : IRIS_POINTS;
  const [right, left] = rects.map((rect, e) => {
    const pts = new Float32Array(data.subarray(e * points * 3, (e + 1) * points * 3));
    if (e === 1) for (let i = 0; i < pts.length; i += 3) pts[i] = IRIS_INPUT - pts[i]!; // continuous coordinates: x ↦ n − x
    return cropToImage(pts, 3, rect, IRIS_INPUT);
  });
  return { right: right!, left: left!, points };
}

/** Iris centres and radii (image pixels) from the iris model's output. */
export function irisCentres(out: IrisOutput): IrisCentres {
  const centre = (pts: Float32Array) => {
    const o = (out.points - (IRIS_POINTS - IRIS_FIRST)) * 3;
    let radius = 0;
    for (let k = 1; k < 5; k++) radius += Math.hypot(pts[o + k * 3]! - pts[o]!, pts[o + k * 3 + 1]! - pts[o + 1]!) / 4;
    return { x: pts[o]!, y: pts[o + 1]!, radius };
  };
  return { right: centre(out.right), left: centre(out.left) };
}

/**
 * How far the iris model's eyelid contour (16 points) lies from the mesh's own eyelid vertices: mean distance over
 * the eye's corner-to-corner width, the worse of the two eyes. Real eyes agree closely; shapes that fool the mesh
 * model (letters, drawings) give the iris model nothing eye-like to follow.
 */
export function eyelidDisagreement(lm: Float32Array, out: IrisOutput): number {
  if (out.points < IRIS_POINTS) throw new Error('eyelidDisagreement needs the iris model\'s eye contour (run it without irisHead)');
  let worst = 0;
  for (const [pts, lid] of [[out.right, RIGHT_LID], [out.left, LEFT_LID]] as const) {
    const width = Math.hypot(lm[lid[0] * 3]! - lm[lid[8] * 3]!, lm[lid[0] * 3 + 1]! - lm[lid[8] * 3 + 1]!);
    let sum = 0;
    for (let k = 0; k < lid.length; k++) sum += Math.hypot(pts[k * 3]! - lm[lid[k]! * 3]!, pts[k * 3 + 1]! - lm[lid[k]! * 3 + 1]!);
    worst = Math.max(worst, sum / lid.length / Math.max(width, 1e-6));
  }
  return worst;
}
