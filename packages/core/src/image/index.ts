export { decodeImage, DEFAULT_DECODE_IMAGE_OPTIONS } from './decodeImage.ts';
export type { ImageInput, DecodeImageOptions } from './decodeImage.ts';
export type { RgbImage, RawImage } from './RgbImage.ts';
export { drawOverlay } from './drawOverlay.ts';
export type { OverlayOptions } from './drawOverlay.ts';
