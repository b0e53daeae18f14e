import sharp from 'sharp';
import type { RgbImage } from './RgbImage.ts';

/** `image` resampled to exactly `width`×`height` pixels (sharp's default filter, aspect not kept). */
export async function resizeRgb(image: RgbImage, width: number, height: number): Promise<RgbImage> {
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(width, height, { fit: 'fill' })
    .raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
