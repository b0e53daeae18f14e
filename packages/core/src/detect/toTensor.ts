import * as tf from '@tensorflow/tfjs';

/** [1,h,w,3] float32 0–255 from 8-bit RGB, converted in one pass (cheaper than an int32 tensor and a cast). */
export function toTensor(image: { readonly width: number; readonly height: number; readonly data: Uint8Array }): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from(image.data), [1, image.height, image.width, 3]);
}
