import fs from 'node:fs/promises';
import sharp from 'sharp';
import type { Tensor } from '@tensorflow/tfjs';
import { AurigError } from '../errors/AurigError.ts';
import type { RawImage, RgbImage } from './RgbImage.ts';
import { resizeRgb } from './resizeRgb.ts';

/** Anything aurig accepts as an image: a file path, encoded bytes (JPEG, PNG, WebP, …), raw pixels, or a tfjs tensor (`[h,w,c]` or `[1,h,w,c]`, values 0–255). */
export type ImageInput = string | Uint8Array | RawImage | Tensor;

export interface DecodeImageOptions {
  /** Downscale (keeping the aspect ratio) so that neither side exceeds this many pixels. Default: 4096. */
  readonly maxSide?: number;
}

export const DEFAULT_DECODE_IMAGE_OPTIONS = {
  maxSide: 4096,
} as const satisfies Required<DecodeImageOptions>;

/** Images with more pixels than this (in their header) are refused before decoding: 100 megapixels. */
const MAX_INPUT_PIXELS = 100_000_000;
/** Smaller images cannot hold a face: 8 pixels a side. */
const MIN_SIDE = 8;

/**
 * Decode an image to 8-bit RGB, EXIF orientation applied, alpha dropped, gray expanded to RGB,
 * downscaled to `maxSide`. Throws `AurigError('E_BAD_IMAGE')` for anything that is not a usable
 * image (empty, truncated, not an image, under 8 px a side, over 100 megapixels in its header).
 */
export async function decodeImage(input: ImageInput, options: DecodeImageOptions = {}): Promise<RgbImage> {
  const maxSide = options.maxSide ?? DEFAULT_DECODE_IMAGE_OPTIONS.maxSide;
  if (typeof input === 'string') return decodeEncoded(await readFile(input), maxSide, input);
  if (input instanceof Uint8Array) return decodeEncoded(input, maxSide, undefined);
  if (isTensor(input)) return fromRaw(await tensorToRaw(input), maxSide);
  if (isRaw(input)) return fromRaw(input, maxSide);
  throw new AurigError('E_BAD_IMAGE', 'unsupported image input; pass a file path, a Buffer (JPEG, PNG, WebP), raw pixels {data, width, height} or a tfjs tensor');
}

async function readFile(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    throw new AurigError('E_BAD_IMAGE', `cannot read image file ${file}: ${(e as Error).message}; check the path`, { path: file, cause: e });
  }
}

async function decodeEncoded(bytes: Uint8Array, maxSide: number, file: string | undefined): Promise<RgbImage> {
  const where = file ?? 'the image buffer';
  if (bytes.byteLength === 0) throw new AurigError('E_BAD_IMAGE', `${where} is empty (0 bytes); pass a JPEG, PNG or WebP image`, { path: file });
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw new AurigError('E_BAD_IMAGE', `${where} is not an image aurig can decode (${(e as Error).message}); pass a JPEG, PNG or WebP image`, { path: file, cause: e });
  }
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  checkSize(w, h, where, file);
  const swap = (meta.orientation ?? 1) >= 5; // EXIF orientations 5–8 transpose the image
  const [ow, oh] = swap ? [h, w] : [w, h];
  const scale = Math.min(1, maxSide / Math.max(ow, oh));
  try {
    let img = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' }).rotate();
    if (scale < 1) img = img.resize(Math.max(1, Math.round(ow * scale)), Math.max(1, Math.round(oh * scale)), { fit: 'fill' });
    const { data, info } = await img.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    return toRgb(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), info.width, info.height, info.channels);
  } catch (e) {
    throw new AurigError('E_BAD_IMAGE', `${where} could not be decoded (${(e as Error).message.split('\n')[0]}); the file may be truncated or corrupt`, { path: file, cause: e });
  }
}

function checkSize(w: number, h: number, where: string, file?: string): void {
  if (!(w >= MIN_SIDE && h >= MIN_SIDE)) {
    throw new AurigError('E_BAD_IMAGE', `${where} is ${w}×${h} pixels, too small to hold a face; pass an image at least ${MIN_SIDE}×${MIN_SIDE}`, { path: file, value: { width: w, height: h } });
  }
  if (w * h > MAX_INPUT_PIXELS) {
    throw new AurigError('E_BAD_IMAGE', `${where} declares ${w}×${h} pixels (over ${MAX_INPUT_PIXELS / 1e6} megapixels), refused before decoding; downscale it first`, { path: file, value: { width: w, height: h } });
  }
}

function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && 'shape' in x && 'dtype' in x && typeof (x as Tensor).data === 'function';
}

function isRaw(x: unknown): x is RawImage {
  return typeof x === 'object' && x !== null && 'data' in x && 'width' in x && 'height' in x;
}

async function tensorToRaw(t: Tensor): Promise<RawImage> {
  const shape = t.shape.length === 4 && t.shape[0] === 1 ? t.shape.slice(1) : t.shape;
  const [height, width, channels] = shape;
  if (shape.length !== 3 || (channels !== 1 && channels !== 3 && channels !== 4)) {
    throw new AurigError('E_BAD_IMAGE', `tensor of shape [${t.shape.join(',')}] is not an image; pass [height, width, 1|3|4] or [1, height, width, 1|3|4] with values 0–255`, { value: t.shape });
  }
  const values = await t.data();
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Number(values[i]);
    data[i] = Number.isFinite(v) ? Math.max(0, Math.min(255, Math.round(v))) : 0;
  }
  return { width: width!, height: height!, data, channels: channels as 1 | 3 | 4 };
}

async function fromRaw(raw: RawImage, maxSide: number): Promise<RgbImage> {
  const channels = raw.channels ?? 3;
  const { width, height } = raw;
  if (!Number.isInteger(width) || !Number.isInteger(height)) {
    throw new AurigError('E_BAD_IMAGE', `raw image size ${width}×${height} is not a pair of integers`, { value: { width, height } });
  }
  checkSize(width, height, 'the raw image');
  if (raw.data.length !== width * height * channels) {
    throw new AurigError('E_BAD_IMAGE', `raw image data has ${raw.data.length} bytes, expected ${width}×${height}×${channels} = ${width * height * channels}; check width, height and channels`, { value: { width, height, channels, length: raw.data.length } });
  }
  const rgb = toRgb(raw.data instanceof Uint8Array ? raw.data : new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.length), width, height, channels);
  if (Math.max(width, height) <= maxSide) return rgb;
  const scale = maxSide / Math.max(width, height);
  return resizeRgb(rgb, Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)));
}

/** Expand 1, 2 (gray + alpha), 3 or 4-channel pixels to RGB; returns the input when it is RGB already. */
function toRgb(src: Uint8Array, width: number, height: number, channels: number): RgbImage {
  if (channels === 3) return { width, height, data: src };
  const n = width * height;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    if (channels <= 2) {
      const g = src[i * channels]!;
      out[i * 3] = g; out[i * 3 + 1] = g; out[i * 3 + 2] = g;
    } else {
      out[i * 3] = src[i * channels]!; out[i * 3 + 1] = src[i * channels + 1]!; out[i * 3 + 2] = src[i * channels + 2]!;
    }
  }
  return { width, height, data: out };
}
