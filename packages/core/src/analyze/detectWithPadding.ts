import type { FaceDetector } from '../detect/createFaceDetector.ts';
import type { DetectedFace } from '../detect/types.ts';
import { decodeImage, type ImageInput } from '../image/decodeImage.ts';

/** Border added on each side, as a fraction of the longer image side, when a first pass finds no face. */
export const PAD_FRACTION = 0.3;
/** Grey of the added border. */
const PAD_GREY = 128;

function shift(face: DetectedFace, p: number, width: number, height: number): DetectedFace {
  const move = (a: Float32Array, stride: number) => { const o = Float32Array.from(a); for (let i = 0; i < o.length; i += stride) { o[i] -= p; o[i + 1] -= p; } return o; };
  const x = Math.max(0, face.box.x - p), y = Math.max(0, face.box.y - p);
  return {
    ...face,
    box: { x, y, width: Math.min(width, face.box.x - p + face.box.width) - x, height: Math.min(height, face.box.y - p + face.box.height) - y },
    landmarks: move(face.landmarks, 3),
    landmarks68: move(face.landmarks68, 2),
    iris: face.iris && { left: { ...face.iris.left, x: face.iris.left.x - p, y: face.iris.left.y - p }, right: { ...face.iris.right, x: face.iris.right.x - p, y: face.iris.right.y - p } },
  };
}

/**
 * Detect faces; when none is found, detect again on the image with a grey border (faces that fill a
 * tight crop are missed by the face detector) and map the result back to the image's own pixels.
 */
export async function detectWithPadding(detector: FaceDetector, input: ImageInput, maxFaces?: number): Promise<DetectedFace[]> {
  const first = await detector.detect(input, { maxFaces });
  if (first.length) return first;
  const img = await decodeImage(input);
  const p = Math.round(Math.max(img.width, img.height) * PAD_FRACTION);
  const W = img.width + 2 * p, H = img.height + 2 * p;
  const data = new Uint8Array(W * H * 3).fill(PAD_GREY);
  for (let y = 0; y < img.height; y++) data.set(img.data.subarray(y * img.width * 3, (y + 1) * img.width * 3), ((y + p) * W + p) * 3);
  const faces = await detector.detect({ width: W, height: H, data, channels: 3 }, { maxFaces });
  return faces.map((f) => shift(f, p, img.width, img.height));
}
