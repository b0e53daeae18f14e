export { rasterize, DEFAULT_RASTER_OPTIONS } from './render/rasterize.ts';
export type { RasterMesh, RasterOptions, RasterImage } from './render/rasterize.ts';
export type { RasterCamera } from './render/camera.ts';
export { projectPoints } from './render/projectPoints.ts';
export { writePng } from './render/writePng.ts';
