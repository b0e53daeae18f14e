import * as tf from '@tensorflow/tfjs';
import type { GraphExecutable } from './graphRunner.ts';
import type { FaceRect } from './faceRect.ts';
import { cropRgb, cropUpright, inputBuffer, type Pixels } from './cropRgb.ts';

/** BlazeFace (full-range "back" model, 256×256 input) output: one box in image pixels with its six keypoints. */
export interface Detection {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly score: number;
  /** 6 keypoints (x, y) in image pixels: eye, eye, nose tip, mouth, ear, ear. */
  readonly keypoints: Float32Array;
}

const INPUT = 256;
/** Anchor layout of the 256-px model: 16×16 cells × 2 anchors (stride 16), then 8×8 × 6 (stride 32). */
const ANCHORS: Float32Array = (() => {
  const out: number[] = [];
  for (const [stride, per] of [[16, 2], [32, 6]] as const) {
    const cells = INPUT / stride;
    for (let y = 0; y < cells; y++) for (let x = 0; x < cells; x++) for (let k = 0; k < per; k++) out.push((x + 0.5) * stride, (y + 0.5) * stride);
  }
  return new Float32Array(out);
})();
const LOGIT_CLIP = 100;

/**
 * Run the detector on the square region `rect` of `image` (host pixels 0–255: a frame's RGB bytes or a pooled float
 * image; parts outside the image are black) and return boxes scoring at least `minScore`, in image pixels, before NMS.
 * The 256-px input is sampled on the host (`cropUpright` for an upright rect, `cropRgb` for a turned one), already
 * scaled to the model's −1…1.
 */
export async function runBlazeface(model: GraphExecutable, image: Pixels, rect: FaceRect, minScore: number): Promise<Detection[]> {
  const pixels = inputBuffer(INPUT * INPUT * 3);
  if (rect.angle === 0 && image.width >= 2 && image.height >= 2) cropUpright(image, rect, INPUT, pixels, 0, 127.5, 1);
  else cropRgb(image, rect, INPUT, pixels, 0, false, 127.5, 1);
  const input = tf.tensor4d(pixels, [1, INPUT, INPUT, 3]);
  const outputs = model.execute(input) as tf.Tensor[];
  input.dispose();
  // Outputs: [1,512,1] and [1,384,1] logits, [1,512,16] and [1,384,16] regressors; stride-16 anchors come first.
  const bySize = [...outputs].sort((a, b) => a.size - b.size); // 384, 512, 384×16, 512×16
  const [s384, s512, r384, r512] = bySize.map((t) => t.dataSync() as Float32Array);
  tf.dispose(outputs);
  const scale = rect.size / INPUT;
  const ox = rect.cx - rect.size / 2;
  const oy = rect.cy - rect.size / 2;
  const found: Detection[] = [];
  const blocks = [[s512!, r512!, 0], [s384!, r384!, 512]] as const;
  for (const [scores, regs, first] of blocks) {
    for (let i = 0; i < scores.length; i++) {
      const logit = Math.max(-LOGIT_CLIP, Math.min(LOGIT_CLIP, scores[i]!));
      const score = 1 / (1 + Math.exp(-logit));
      if (score < minScore) continue;
      const ax = ANCHORS[(first + i) * 2]!;
      const ay = ANCHORS[(first + i) * 2 + 1]!;
      const r = regs.subarray(i * 16, i * 16 + 16);
      const cx = ax + r[0]!;
      const cy = ay + r[1]!;
      const keypoints = new Float32Array(12);
      for (let k = 0; k < 6; k++) {
        keypoints[k * 2] = ox + (ax + r[4 + k * 2]!) * scale;
        keypoints[k * 2 + 1] = oy + (ay + r[5 + k * 2]!) * scale;
      }
      found.push({
        x0: ox + (cx - r[2]! / 2) * scale, y0: oy + (cy - r[3]! / 2) * scale,
        x1: ox + (cx + r[2]! / 2) * scale, y1: oy + (cy + r[3]! / 2) * scale,
        score, keypoints,
      });
    }
  }
  return found;
}

/** Intersection over union of two boxes. */
export function iou(a: { x0: number; y0: number; x1: number; y1: number }, b: { x0: number; y0: number; x1: number; y1: number }): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / ((a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter);
}

/** Greedy non-maximum suppression: the best-scoring box of each overlapping group, best first. */
export function nonMaxSuppression<T extends { score: number; x0: number; y0: number; x1: number; y1: number }>(items: readonly T[], iouThreshold: number, max: number): T[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const d of sorted) {
    if (kept.length >= max) break;
    if (kept.every((k) => iou(k, d) <= iouThreshold)) kept.push(d);
  }
  return kept;
}
