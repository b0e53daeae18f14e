import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { AurigError } from '@aurig/core';

/** Write an RGB image (row-major, 3 bytes a pixel) as a PNG file; creates the folder. */
export async function writePng(file: string, image: { width: number; height: number; rgb: Uint8Array }): Promise<void> {
  const { width, height, rgb } = image;
  if (rgb.length !== width * height * 3) {
    throw new AurigError('E_BAD_OPTION', `writePng: rgb has ${rgb.length} bytes, expected width*height*3 = ${width * height * 3}`);
  }
  try {
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await sharp(Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength), { raw: { width, height, channels: 3 } }).png().toFile(file);
  } catch (e) {
    throw new AurigError('E_IO', `could not write PNG '${file}': ${(e as Error).message}; check the folder is writable`, { path: file, cause: e });
  }
}
