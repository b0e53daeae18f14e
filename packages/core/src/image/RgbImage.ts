/**
 * A decoded image: 8-bit RGB, row-major, y down, `data.length === width * height * 3`.
 * Coordinates on it are image pixels with the origin at the top-left corner.
 */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Raw pixels a caller already has: 1 (gray), 3 (RGB) or 4 (RGBA) channels, row-major. Default channels: 3. */
export interface RawImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly channels?: 1 | 3 | 4;
}
