import * as tf from '@tensorflow/tfjs';
import type { FaceModel } from '../../facemodel/FaceModel.ts';
import { lbs } from '../../facemodel/lbs.ts';
import { MESH_POINTS } from '../layout.ts';
import type { LandmarkDecoder } from './sampleSyntheticBatch.ts';

/** A `LandmarkDecoder` over a face model whose vertices 0..467 are the 468 landmarks (the default model). */
export function landmarkDecoder(model: FaceModel): LandmarkDecoder {
  return (beta, psi, theta) => {
    const r = lbs(model, { beta, psi, theta }, { landmarks: false });
    const B = beta.shape[0];
    const out = r.vertices.slice([0, 0, 0], [B, MESH_POINTS, 3]) as tf.Tensor3D;
    r.vertices.dispose(); r.joints.dispose(); r.landmarks468.dispose(); r.landmarks68.dispose();
    return out;
  };
}
