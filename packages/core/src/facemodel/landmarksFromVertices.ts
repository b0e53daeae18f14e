import * as tf from '@tensorflow/tfjs';
import type { FaceModel, LandmarkEmbedding } from './FaceModel.ts';

/**
 * Landmarks on a batch of meshes by barycentric embedding (FLAME/DECA `vertices2landmarks`):
 * B×V×3 vertices → B×L×3, l_i = Σ_k bary[i,k] · v[faces[faceIdx[i], k]]. Differentiable.
 * `embedding` defaults to the model's 68-point set; pass `model.landmarks468` for the 468.
 */
export function landmarksFromVertices(vertices: tf.Tensor3D, model: FaceModel, embedding: LandmarkEmbedding = model.landmarks68): tf.Tensor3D {
  const [B] = vertices.shape;
  const L = embedding.faceIdx.length;
  if (L === 0) return tf.zeros([B, 0, 3]);
  return tf.tidy(() => {
    const idx = new Int32Array(3 * L);
    for (let l = 0; l < L; l++) for (let k = 0; k < 3; k++) idx[3 * l + k] = model.faces[3 * embedding.faceIdx[l] + k];
    const corners = tf.gather(vertices, tf.tensor1d(idx, 'int32'), 1).reshape([B, L, 3, 3]);
    return corners.mul(tf.tensor3d(embedding.bary, [L, 3, 1])).sum(2) as tf.Tensor3D;
  });
}
