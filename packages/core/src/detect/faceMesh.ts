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
 * Run the 468-point face-mesh model on the rotated square `rect` of `image` ([1,h,w,3], float 0–255).
 * With `mirror`, the crop and its mirror image run as one batch of 2 and the two meshes are averaged
 * (the mirrored one flipped back and its vertices swapped left ↔ right), which halves the model's side bias.
 */
export async function runFaceMesh(model: tf.GraphModel, image: tf.Tensor4D, rect: FaceRect, mirror = false): Promise<MeshResult> {
  const outputs = tf.tidy(() => {
    const crop = tf.image.transform(image, tf.tensor2d([cropTransform(rect, MESH_INPUT)]), 'bilinear', 'constant', 0, [MESH_INPUT, MESH_INPUT]);
    const batch = mirror ? tf.concat([crop, tf.image.flipLeftRight(crop)]) : crop;
    return model.execute(tf.div(batch, 255)) as tf.Tensor[];
  });
  const meshT = outputs.find((t) => t.shape[t.shape.length - 1] === MESH_VALUES)!;
  const scoreT = outputs.find((t) => t.shape[t.shape.length - 1] === 1)!;
  const [mesh, raw] = await Promise.all([meshT.data() as Promise<Float32Array>, scoreT.data() as Promise<Float32Array>]);
  tf.dispose(outputs);
  const lm = new Float32Array(mesh.subarray(0, MESH_VALUES));
  let r = toProbability(raw[0]!);
  if (mirror) {
    for (let i = 0; i < 468; i++) {
      const j = MIRROR468[i]! * 3 + MESH_VALUES;
      lm[i * 3] = (lm[i * 3]! + MESH_INPUT - mesh[j]!) / 2; // continuous coordinates: x ↦ n − x
      lm[i * 3 + 1] = (lm[i * 3 + 1]! + mesh[j + 1]!) / 2;
      lm[i * 3 + 2] = (lm[i * 3 + 2]! + mesh[j + 2]!) / 2;
    }
    r = (r + toProbability(raw[1]!)) / 2;
  }
  return { landmarks: cropToImage(lm, 3, rect, MESH_INPUT), score: r };
}

function toProbability(r: number): number {
  return r >= 0 && r <= 1 ? r : 1 / (1 + Math.exp(-r)); // some exports give a logit
}
