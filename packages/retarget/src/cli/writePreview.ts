import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { drawOverlay, landmarks68FromMesh, type FaceParams, type RgbImage } from '@aurig/core';
import { renderRig, type Rig, type RigParams } from '@aurig/generator';

/** Height of each half of the preview, pixels. */
const PREVIEW_SIZE = 384;

/**
 * Write a side-by-side PNG: the photo with the analysed face's mesh drawn over it (left) and the
 * rig rendered at `params` by the reference renderer (right).
 */
export async function writePreview(file: string, photo: RgbImage, face: FaceParams, rig: Rig, params: RigParams): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aurig-preview-'));
  try {
    const overlayFile = path.join(dir, 'overlay.png');
    await drawOverlay(photo, [{
      box: face.box, score: face.confidence, landmarks: face.landmarks,
      landmarks68: landmarks68FromMesh(face.landmarks), iris: null, headPose: face.headPose,
    }], overlayFile);
    const left = await sharp(overlayFile).resize({ height: PREVIEW_SIZE }).png().toBuffer({ resolveWithObject: true });
    const r = renderRig(rig, params, { width: PREVIEW_SIZE, height: PREVIEW_SIZE });
    const right = await sharp(Buffer.from(r.rgb), { raw: { width: r.width, height: r.height, channels: 3 } }).png().toBuffer();
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await sharp({ create: { width: left.info.width + PREVIEW_SIZE, height: PREVIEW_SIZE, channels: 3, background: '#000' } })
      .composite([{ input: left.data, left: 0, top: 0 }, { input: right, left: left.info.width, top: 0 }])
      .png()
      .toFile(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
