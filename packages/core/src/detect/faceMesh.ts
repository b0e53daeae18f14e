import * as tf from '@tensorflow/tfjs';
import { outputNames, type GraphExecutable } from './graphRunner.ts';
import { cropToImage, type FaceRect } from './faceRect.ts';
import { cropRgb, inputBuffer, mirrorRows } from './cropRgb.ts';
import type { RgbImage } from '../image/RgbImage.ts';
import { MIRROR468 } from './meshTopology.ts';

/** Face-mesh model input side (pixels). */
const MESH_INPUT = 192;
const MESH_VALUES = 468 * 3;

/** 468 landmarks (x, y, z image pixels) and the model's face-presence confidence (0..1). */
export interface MeshResult {
  readonly landmarks: Float32Array;
  readonly score: number;
}

/** The mesh model's landmark and confidence outputs, found once by their shapes: executing only these skips its contour head. */
export function meshOutputNames(model: GraphExecutable): string[] | undefined {
  const names = outputNames(model.outputs);
  try {
    const out = tf.tidy(() => model.execute(tf.zeros([1, MESH_INPUT, MESH_INPUT, 3]), names) as tf.Tensor[]);
    const mesh = out.findIndex((t) => t.shape[t.shape.length - 1] === MESH_VALUES);
    const flag = out.findIndex((t) => t.shape[t.shape.length - 1] === 1);
    tf.dispose(out);
    return mesh >= 0 && flag >= 0 ? [names[mesh]!, names[flag]!] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Run the 468-point face-mesh model on the rotated square `rect` of `image` (8-bit RGB; the crop is sampled on the
 * host, see `cropRgb`), once per entry of `views` (one batch): `false` is the crop as is, `true` its mirror image,
 * whose mesh is flipped back with its vertices swapped left ↔ right. The meshes and confidences are averaged; the
 * crop and its mirror together halve the model's side bias. `outputs`: from `meshOutputNames`.
 */
export async function runFaceMesh(model: GraphExecutable, image: RgbImage, rect: FaceRect, views: readonly boolean[] = [false], outputs?: string[]): Promise<MeshResult> {
  const size = MESH_INPUT * MESH_INPUT * 3;
  const pixels = inputBuffer(size * views.length);
  cropRgb(image, rect, MESH_INPUT, pixels, 0, views[0]);
  for (let v = 1; v < views.length; v++) {
    if (views[v] === views[0]) pixels.copyWithin(v * size, 0, size);
    else mirrorRows(pixels, 0, pixels, v * size, MESH_INPUT);
  }
  const input = tf.tensor4d(pixels, [views.length, MESH_INPUT, MESH_INPUT, 3]);
  const result = (outputs ? model.execute(input, outputs) : model.execute(input)) as tf.Tensor[];
  input.dispose();
  const meshT = result.find((t) => t.shape[t.shape.length - 1] === MESH_VALUES)!;
  const scoreT = result.find((t) => t.shape[t.shape.length - 1] === 1)!;
  const mesh = meshT.dataSync() as Float32Array;
  const raw = scoreT.dataSync() as Float32Array;
  tf.dispose(result);
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
