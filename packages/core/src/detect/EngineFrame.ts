import type * as tf from '@tensorflow/tfjs';
import type { RgbImage } from '../image/RgbImage.ts';
import { toTensor } from './toTensor.ts';

/**
 * A frame the face engine works on: its 8-bit RGB pixels, from which the mesh and iris crops are sampled on the host,
 * and the float tensor of the whole frame that the detector pools and crops, made only when a detector pass runs
 * (tracked video frames never need it). Call `dispose()` when done with the frame.
 */
export class EngineFrame {
  private full: tf.Tensor4D | null = null;

  constructor(readonly rgb: RgbImage) {}

  get width(): number { return this.rgb.width; }
  get height(): number { return this.rgb.height; }

  /** [1,h,w,3] float32 0–255, made on first use and kept until `dispose()`. */
  tensor(): tf.Tensor4D {
    this.full ??= toTensor(this.rgb);
    return this.full;
  }

  dispose(): void {
    this.full?.dispose();
    this.full = null;
  }
}
