import type { FaceDetector } from '../detect/createFaceDetector.ts';
import type { DetectedFace } from '../detect/types.ts';
import { decodeImage, type ImageInput } from '../image/decodeImage.ts';
import { rectFromLandmarks } from '../detect/faceRect.ts';

/** Border added on each side, as a fraction of the longer image side, when a first pass finds no face or one that fills the frame. */
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
 * Whether the mesh model's crop of `face` (its landmarks' box × 1.5, turned with the eye line) reaches past the image:
 * the face fills the frame, and the detector's crop is black where the image ends.
 */
export function meshCropLeavesImage(face: DetectedFace, width: number, height: number): boolean {
  const r = rectFromLandmarks(face.landmarks);
  const half = (r.size / 2) * (Math.abs(Math.cos(r.angle)) + Math.abs(Math.sin(r.angle)));
  return r.cx - half < 0 || r.cy - half < 0 || r.cx + half > width || r.cy + half > height;
}

/**
 * Detect faces, and detect again on the image with a grey border when none is found or when a face fills the frame
 * (`meshCropLeavesImage`), then map that result back to the image's own pixels. Tight crops make the face detector
 * miss faces, and where it finds one whose mesh crop runs off the image the mesh is poor: on the 350-px crops of
 * laughing faces in ../shared/eval/expr it keeps the lips closed (inner lip gap 2–7 px) where, with the border, it
 * follows the open mouth (17–41 px; MODEL.md). The bordered result is kept when it finds at least as many faces.
 */
export async function detectWithPadding(detector: FaceDetector, input: ImageInput, maxFaces?: number): Promise<DetectedFace[]> {
  const img = await decodeImage(input);
  const first = await detector.detect(img, { maxFaces });
  if (first.length && !first.some((f) => meshCropLeavesImage(f, img.width, img.height))) return first;
  const p = Math.round(Math.max(img.width, img.height) * PAD_FRACTION);
  const W = img.width + 2 * p, H = img.height + 2 * p;
  const data = new Uint8Array(W * H * 3).fill(PAD_GREY);
  for (let y = 0; y < img.height; y++) data.set(img.data.subarray(y * img.width * 3, (y + 1) * img.width * 3), ((y + p) * W + p) * 3);
  const faces = await detector.detect({ width: W, height: H, data, channels: 3 }, { maxFaces });
  return faces.length >= first.length ? faces.map((f) => shift(f, p, img.width, img.height)) : first;
}
