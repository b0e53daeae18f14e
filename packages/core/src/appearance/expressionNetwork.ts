import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { AurigError } from '../errors/AurigError.ts';
import { cropRgb, type Pixels } from '../detect/cropRgb.ts';
import { EMOTION_NAMES, type EmotionName } from '../au/emotionPrototypes.ts';

/** The network's input side: a 112 × 112 RGB crop. */
const INPUT = 112;
/** Per-channel means the network subtracts before dividing by 255 (face-api's FaceFeatureExtractor). */
const MEAN_RGB = [122.782, 117.001, 104.298] as const;
/** face-api's aligned face box: the 68 landmarks' bounding box grown by 20 % of its width and height (`minBoxPadding`). */
const BOX_PADDING = 0.2;
/** The network's 7 outputs, in its order, as aurig names the classes. */
const CLASSES: readonly EmotionName[] = ['neutral', 'happy', 'sad', 'angry', 'fear', 'disgust', 'surprise'];
const MANIFEST = 'face_expression_model-weights_manifest.json';

/** The `model/` folder of the installed @vladmandic/face-api: only its weight files are used, not its code. */
export function faceApiModelDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
}

type Weights = Record<string, tf.Tensor>;

/**
 * face-api's pretrained facial-expression classifier (`face_expression_model` of @vladmandic/face-api, MIT: 7 classes,
 * trained on real faces by its authors, not by aurig), run with aurig's own ops from the package's weight file: four
 * dense blocks of separable convolutions (each halving the resolution), a 7 × 7 average pool, a fully connected layer,
 * softmax — face-api's `FaceFeatureExtractor` + `FaceExpressionNet`. Fed as face-api feeds it: the 68 landmarks'
 * bounding box grown by 20 %, centred in a black square, 112 px. A second reading of the face's appearance beside
 * Human's `EmotionNetwork` (`loadAppearanceClassifier`).
 */
export class ExpressionNetwork {
  private readonly pixels = new Float32Array(INPUT * INPUT * 3);

  private constructor(private readonly w: Weights) {}

  /** `modelDir`: a folder holding face-api's `face_expression_model` files; default the installed @vladmandic/face-api's. */
  static async load(modelDir = ''): Promise<ExpressionNetwork> {
    const file = path.join(modelDir || faceApiModelDir(), MANIFEST);
    try {
      const manifest = JSON.parse(await fs.readFile(file, 'utf8')) as tf.io.WeightsManifestConfig;
      const specs = manifest.flatMap((g) => g.weights);
      const parts = await Promise.all(manifest.flatMap((g) => g.paths.map((p) => fs.readFile(path.join(path.dirname(file), p)))));
      const all = Buffer.concat(parts);
      const w = tf.io.decodeWeights(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer, specs);
      for (const k of ['fc/weights', 'fc/bias', 'dense0/conv0/filters', 'dense3/conv3/pointwise_filter']) {
        if (!w[k]) throw new Error(`weight ${k} missing`);
      }
      return new ExpressionNetwork(w);
    } catch (e) {
      throw new AurigError('E_BAD_MODEL', `cannot load the expression model ${file}: ${(e as Error).message}; reinstall @vladmandic/face-api or pass modelDir`, { path: file, cause: e });
    }
  }

  /** Class probabilities (summing to 1, never NaN) of the face whose 68 landmarks (x, y pairs, image px) are given. */
  classify(image: Pixels, landmarks68: Float32Array): Record<EmotionName, number> {
    this.crop(image, landmarks68);
    const out = tf.tidy(() => {
      const x = tf.tensor4d(this.pixels, [1, INPUT, INPUT, 3]).sub(tf.tensor1d(MEAN_RGB as unknown as number[])).div(255) as tf.Tensor4D;
      let h = this.denseBlock(x, 'dense0', true);
      for (const b of ['dense1', 'dense2', 'dense3']) h = this.denseBlock(h, b, false);
      const pooled = tf.avgPool(h, [7, 7], [2, 2], 'valid').reshape([1, -1]) as tf.Tensor2D;
      return tf.softmax(tf.matMul(pooled, this.w['fc/weights'] as tf.Tensor2D).add(this.w['fc/bias']!)).dataSync() as Float32Array;
    });
    const ok = Array.from(out).every(Number.isFinite);
    const probs = Object.fromEntries(EMOTION_NAMES.map((n) => [n, ok ? 0 : 1 / EMOTION_NAMES.length])) as Record<EmotionName, number>;
    if (ok) CLASSES.forEach((n, i) => { probs[n] = out[i]!; });
    return probs;
  }

  dispose(): void {
    for (const t of Object.values(this.w)) t.dispose();
  }

  /** face-api's aligned box of the landmarks, centred in a square; pixels of the square outside the box stay black. */
  private crop(image: Pixels, lm: Float32Array): void {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = 0; i + 1 < lm.length; i += 2) {
      const x = lm[i]!, y = lm[i + 1]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
    if (!(x1 > x0) || !(y1 > y0)) { this.pixels.fill(0); return; }
    const w = (x1 - x0) * (1 + BOX_PADDING), h = (y1 - y0) * (1 + BOX_PADDING);
    const side = Math.max(w, h), cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    cropRgb(image, { cx, cy, size: side, angle: 0 }, INPUT, this.pixels, 0, false, 1);
    // face-api slices the box out of the image and zero-pads it to a square: black bands beside the box's short side.
    const band = ((side - Math.min(w, h)) / 2 / side) * INPUT;
    for (let v = 0; v < INPUT; v++) {
      for (let u = 0; u < INPUT; u++) {
        const across = w < h ? u : v;
        if (across + 0.5 < band || across + 0.5 > INPUT - band) this.pixels.fill(0, (v * INPUT + u) * 3, (v * INPUT + u) * 3 + 3);
      }
    }
  }

  /** face-api's `denseBlock4`: four convolutions, each fed the sum of the outputs before it (DenseNet-style). */
  private denseBlock(x: tf.Tensor4D, name: string, first: boolean): tf.Tensor4D {
    const sep = (t: tf.Tensor4D, conv: string, stride: number) => tf.separableConv2d(t, this.w[`${name}/${conv}/depthwise_filter`] as tf.Tensor4D, this.w[`${name}/${conv}/pointwise_filter`] as tf.Tensor4D, stride, 'same').add(this.w[`${name}/${conv}/bias`]!) as tf.Tensor4D;
    const out1 = tf.relu(first ? tf.conv2d(x, this.w[`${name}/conv0/filters`] as tf.Tensor4D, 2, 'same').add(this.w[`${name}/conv0/bias`]!) : sep(x, 'conv0', 2)) as tf.Tensor4D;
    const out2 = sep(out1, 'conv1', 1);
    const out3 = sep(tf.relu(out1.add(out2)) as tf.Tensor4D, 'conv2', 1);
    const out4 = sep(tf.relu(out1.add(out2).add(out3)) as tf.Tensor4D, 'conv3', 1);
    return tf.relu(out1.add(out2).add(out3).add(out4)) as tf.Tensor4D;
  }
}
