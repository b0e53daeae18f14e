import * as tf from '@tensorflow/tfjs';
import { cropTransform, cropToImage, type FaceRect } from './faceRect.ts';
import type { IrisCentres } from './types.ts';

const IRIS_INPUT = 64;
/** The iris model returns 71 eye-contour points then 5 iris points (centre, then 4 on the rim), x y z each. */
const IRIS_FIRST = 71;
const IRIS_POINTS = 76;
/** Crop side relative to the eye-corner distance (MediaPipe/Human use 2.3). */
const EYE_CROP_SCALE = 2.3;
/** Eye corners in the mesh: subject's right eye (outer, inner), subject's left eye (inner, outer). */
const RIGHT_EYE = [33, 133] as const;
const LEFT_EYE = [362, 263] as const;

function eyeRect(lm: Float32Array, a: number, b: number, angle: number): FaceRect {
  const ax = lm[a * 3]!; const ay = lm[a * 3 + 1]!;
  const bx = lm[b * 3]!; const by = lm[b * 3 + 1]!;
  return { cx: (ax + bx) / 2, cy: (ay + by) / 2, size: Math.hypot(bx - ax, by - ay) * EYE_CROP_SCALE, angle };
}

/**
 * Iris centres and radii (image pixels) from the iris model run on both eyes. The model was trained on
 * one eye side; the subject's left eye is mirrored in (`flipLeftRight`) and its output mirrored back.
 */
export async function runIris(model: tf.GraphModel, image: tf.Tensor4D, lm: Float32Array, angle: number): Promise<IrisCentres> {
  const rects = [eyeRect(lm, RIGHT_EYE[0], RIGHT_EYE[1], angle), eyeRect(lm, LEFT_EYE[0], LEFT_EYE[1], angle)] as const;
  const out = tf.tidy(() => {
    const crops = rects.map((r) => tf.image.transform(image, tf.tensor2d([cropTransform(r, IRIS_INPUT)]), 'bilinear', 'constant', 0, [IRIS_INPUT, IRIS_INPUT]));
    const batch = tf.concat([crops[0]!, tf.image.flipLeftRight(crops[1]!)]);
    return model.execute(tf.div(batch, 255)) as tf.Tensor;
  });
  const data = (await out.data()) as Float32Array;
  out.dispose();
  const eyes = rects.map((rect, e) => {
    const pts = new Float32Array(data.subarray(e * IRIS_POINTS * 3 + IRIS_FIRST * 3, (e + 1) * IRIS_POINTS * 3));
    if (e === 1) for (let i = 0; i < pts.length; i += 3) pts[i] = IRIS_INPUT - pts[i]!; // continuous coordinates: x ↦ n − x
    cropToImage(pts, 3, rect, IRIS_INPUT);
    let radius = 0;
    for (let k = 1; k < 5; k++) radius += Math.hypot(pts[k * 3]! - pts[0]!, pts[k * 3 + 1]! - pts[1]!) / 4;
    return { x: pts[0]!, y: pts[1]!, radius };
  });
  return { right: eyes[0]!, left: eyes[1]! };
}
