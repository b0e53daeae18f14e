import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadGraphModelFile } from '../detect/loadGraphModelFile.ts';
import { humanModelDir } from '../detect/humanModelDir.ts';
import type { CompiledGraphModel } from '../detect/graphRunner.ts';
import { cropRgb, type Pixels } from '../detect/cropRgb.ts';
import type { FaceBox } from '../detect/types.ts';
import { EMOTION_NAMES, type EmotionName } from '../au/emotionPrototypes.ts';

/** The network's input side: a 64 × 64 grey crop. */
const INPUT = 64;
/** ITU-R 601 luma weights, as Human turns its face crop grey for this network. */
const LUMA = [0.2989, 0.587, 0.114] as const;

/**
 * Human's pretrained facial-expression classifier (`models/emotion.json` of @vladmandic/human: 7 classes, trained on
 * real faces by its authors, not by aurig) on the square around a face's landmark box, upright, grey, scaled to −1…1 as
 * Human feeds it. Its class probabilities are the appearance evidence of `appearanceAuEvidence`: what the geometry of
 * the 468-point mesh does not carry (cheek bulge, furrows, the brows the mesh does not follow).
 */
export class EmotionNetwork {
  private readonly pixels = new Float32Array(INPUT * INPUT * 3);
  private readonly grey = new Float32Array(INPUT * INPUT);

  private constructor(private readonly model: CompiledGraphModel) {}

  /** `modelDir`: a folder holding `emotion.json` and its weights; default @vladmandic/human's own `models/`. */
  static async load(modelDir = ''): Promise<EmotionNetwork> {
    return new EmotionNetwork(await loadGraphModelFile(path.join(modelDir || humanModelDir(), 'emotion.json')));
  }

  /** Class probabilities (summing to 1, never NaN) of the face in `box` of the 8-bit RGB `image`. */
  classify(image: Pixels, box: FaceBox): Record<EmotionName, number> {
    const side = Math.max(box.width, box.height, 1);
    cropRgb(image, { cx: box.x + box.width / 2, cy: box.y + box.height / 2, size: side, angle: 0 }, INPUT, this.pixels);
    for (let i = 0, j = 0; i < this.grey.length; i++, j += 3) {
      this.grey[i] = (LUMA[0] * this.pixels[j]! + LUMA[1] * this.pixels[j + 1]! + LUMA[2] * this.pixels[j + 2]! - 0.5) * 2;
    }
    const raw = tf.tidy(() => (this.model.execute(tf.tensor4d(this.grey, [1, INPUT, INPUT, 1])) as tf.Tensor).dataSync() as Float32Array);
    return toProbabilities(raw);
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** The 7 outputs as probabilities: softmax when they are not already a distribution; uniform when not finite. */
function toProbabilities(raw: Float32Array): Record<EmotionName, number> {
  let v = Array.from(raw.subarray(0, EMOTION_NAMES.length));
  const sum = v.reduce((a, b) => a + b, 0);
  if (!(v.every((x) => x >= 0) && Math.abs(sum - 1) < 1e-3)) {
    const m = Math.max(...v);
    const e = v.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    v = e.map((x) => x / z);
  }
  if (!v.every(Number.isFinite)) v = v.map(() => 1 / EMOTION_NAMES.length);
  return Object.fromEntries(EMOTION_NAMES.map((n, i) => [n, v[i]!])) as Record<EmotionName, number>;
}
