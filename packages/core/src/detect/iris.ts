import * as tf from '@tensorflow/tfjs';
import { cropTransform, cropToImage, type FaceRect } from './faceRect.ts';
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

/** The iris model's output for both eyes: 76 points × (x, y, z) in image pixels each (71 eye-contour points, then the iris centre and 4 rim points). */
export interface IrisOutput {
  readonly right: Float32Array;
  readonly left: Float32Array;
}

function eyeRect(lm: Float32Array, a: number, b: number, angle: number): FaceRect {
  const ax = lm[a * 3]!; const ay = lm[a * 3 + 1]!;
  const bx = lm[b * 3]!; const by = lm[b * 3 + 1]!;
  return { cx: (ax + bx) / 2, cy: (ay + by) / 2, size: Math.hypot(bx - ax, by - ay) * EYE_CROP_SCALE, angle };
}

/**
 * The iris model run on both eyes of a mesh (one batch). The model was trained on one eye side; the subject's
 * left eye is mirrored in (`flipLeftRight`) and its output mirrored back.
 */
export async function runIrisModel(model: tf.GraphModel, image: tf.Tensor4D, lm: Float32Array, angle: number): Promise<IrisOutput> {
  const rects = [eyeRect(lm, RIGHT_EYE[0], RIGHT_EYE[1], angle), eyeRect(lm, LEFT_EYE[0], LEFT_EYE[1], angle)] as const;
  const out = tf.tidy(() => {
    const crops = rects.map((r) => tf.image.transform(image, tf.tensor2d([cropTransform(r, IRIS_INPUT)]), 'bilinear', 'constant', 0, [IRIS_INPUT, IRIS_INPUT]));
    const batch = tf.concat([crops[0]!, tf.image.flipLeftRight(crops[1]!)]);
    return model.execute(tf.div(batch, 255)) as tf.Tensor;
  });
  const data = (await out.data()) as Float32Array;
  out.dispose();
  const [right, left] = rects.map((rect, e) => {
    const pts = new Float32Array(data.subarray(e * IRIS_POINTS * 3, (e + 1) * IRIS_POINTS * 3));
    if (e === 1) for (let i = 0; i < pts.length; i += 3) pts[i] = IRIS_INPUT - pts[i]!; // continuous coordinates: x ↦ n − x
    return cropToImage(pts, 3, rect, IRIS_INPUT);
  });
  return { right: right!, left: left! };
}

/** Iris centres and radii (image pixels) from the iris model's output. */
export function irisCentres(out: IrisOutput): IrisCentres {
  const centre = (pts: Float32Array) => {
    const o = IRIS_FIRST * 3;
    let radius = 0;
    for (let k = 1; k < 5; k++) radius += Math.hypot(pts[o + k * 3]! - pts[o]!, pts[o + k * 3 + 1]! - pts[o + 1]!) / 4;
    return { x: pts[o]!, y: pts[o + 1]!, radius };
  };
  return { right: centre(out.right), left: centre(out.left) };
}

/** Iris centres and radii (image pixels) from the iris model run on both eyes. */
export async function runIris(model: tf.GraphModel, image: tf.Tensor4D, lm: Float32Array, angle: number): Promise<IrisCentres> {
  return irisCentres(await runIrisModel(model, image, lm, angle));
}

/**
 * How far the iris model's eyelid contour (16 points) lies from the mesh's own eyelid vertices: mean distance over
 * the eye's corner-to-corner width, the worse of the two eyes. Real eyes agree closely; shapes that fool the mesh
 * model (letters, drawings) give the iris model nothing eye-like to follow.
 */
export function eyelidDisagreement(lm: Float32Array, out: IrisOutput): number {
  let worst = 0;
  for (const [pts, lid] of [[out.right, RIGHT_LID], [out.left, LEFT_LID]] as const) {
    const width = Math.hypot(lm[lid[0] * 3]! - lm[lid[8] * 3]!, lm[lid[0] * 3 + 1]! - lm[lid[8] * 3 + 1]!);
    let sum = 0;
    for (let k = 0; k < lid.length; k++) sum += Math.hypot(pts[k * 3]! - lm[lid[k]! * 3]!, pts[k * 3 + 1]! - lm[lid[k]! * 3 + 1]!);
    worst = Math.max(worst, sum / lid.length / Math.max(width, 1e-6));
  }
  return worst;
}
