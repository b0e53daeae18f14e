import * as tf from '@tensorflow/tfjs';
import { cropTransform, cropToImage, type FaceRect } from './faceRect.ts';
import { MIRROR468 } from './meshTopology.ts';

/** Face-mesh model input side (pixels). */
const MESH_INPUT = 192;
const MESH_VALUES = 468 * 3;

/** 468 landmarks (x, y, z image pixels) and the model's face-presence confidence (0..1). */
export interface MeshResult {
  readonly landmarks: Float32Array;
  readonly score: number;
}

/**
 * Run the 468-point face-mesh model on the rotated square `rect` of `image` ([1,h,w,3], float 0–255), once per
 * entry of `views` (one batch): `false` is the crop as is, `true` its mirror image, whose mesh is flipped back
 * with its vertices swapped left ↔ right. The meshes and confidences are averaged; the crop and its mirror
 * together halve the model's side bias.
 */
export async function runFaceMesh(model: tf.GraphModel, image: tf.Tensor4D, rect: FaceRect, views: readonly boolean[] = [false]): Promise<MeshResult> {
  const outputs = tf.tidy(() => {
    const crop = tf.image.transform(image, tf.tensor2d([cropTransform(rect, MESH_INPUT)]), 'bilinear', 'constant', 0, [MESH_INPUT, MESH_INPUT]);
    const flipped = views.includes(true) ? tf.image.flipLeftRight(crop) : null;
    const batch = views.length === 1 ? (views[0] ? flipped! : crop) : tf.concat(views.map((m) => (m ? flipped! : crop)));
    return model.execute(tf.div(batch, 255)) as tf.Tensor[];
  });
  const meshT = outputs.find((t) => t.shape[t.shape.length - 1] === MESH_VALUES)!;
  const scoreT = outputs.find((t) => t.shape[t.shape.length - 1] === 1)!;
  const [mesh, raw] = await Promise.all([meshT.data() as Promise<Float32Array>, scoreT.data() as Promise<Float32Array>]);
  tf.dispose(outputs);
  const lm = new Float32Array(MESH_VALUES);
  let score = 0;
  const w = 1 / views.length;
  views.forEach((mirrored, v) => {
    const o = v * MESH_VALUES;
    for (let i = 0; i < 468; i++) {
      const j = (mirrored ? MIRROR468[i]! : i) * 3 + o;
      lm[i * 3] += (mirrored ? MESH_INPUT - mesh[j]! : mesh[j]!) * w; // continuous coordinates: x ↦ n − x
      lm[i * 3 + 1] += mesh[j + 1]! * w;
      lm[i * 3 + 2] += mesh[j + 2]! * w;
    }
    score += toProbability(raw[v]!) * w;
  });
  return { landmarks: cropToImage(lm, 3, rect, MESH_INPUT), score };
}

/** The mean of two meshes (landmarks and confidence). */
export function averageMeshes(a: MeshResult, b: MeshResult): MeshResult {
  return { landmarks: a.landmarks.map((v, i) => (v + b.landmarks[i]!) / 2), score: (a.score + b.score) / 2 };
}

function toProbability(r: number): number {
  return r >= 0 && r <= 1 ? r : 1 / (1 + Math.exp(-r)); // some exports give a logit
}
