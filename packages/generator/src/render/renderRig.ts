import { AurigError } from '@aurig/core';
import type { Rig } from '../rig/Rig.ts';
import type { RigParams } from '../params/RigParams.ts';
import type { RasterCamera } from './camera.ts';
import { rasterize, type RasterImage } from './rasterize.ts';
import { projectPoints } from './projectPoints.ts';

export interface RenderRigOptions {
  /** Image width, pixels; default 128. */
  readonly width?: number;
  /** Image height, pixels; default 128. */
  readonly height?: number;
  /** Default: the rig's own framing (`rig.camera`). */
  readonly camera?: RasterCamera;
  /** Background colour 0..1; default the rasterizer's. */
  readonly background?: readonly [number, number, number];
  /** Ambient fraction; default the rasterizer's. */
  readonly ambient?: number;
  /** Direction toward the light, world; default the rasterizer's. */
  readonly lightDir?: readonly [number, number, number];
}

export const DEFAULT_RENDER_RIG_OPTIONS = { width: 128, height: 128 } as const;

/** An image of a rig with its landmarks projected (image pixels, x right, y down). */
export interface RigRender extends RasterImage {
  /** 468×2 pixels, MediaPipe order; empty when the rig has no correspondence. */
  readonly landmarks468: Float32Array;
  /** 68×2 pixels, iBUG order; empty when the rig has no correspondence. */
  readonly landmarks68: Float32Array;
}

/** The reference renderer ("the game engine"): deform the rig at `params` and rasterize it. Deterministic. */
export function renderRig(rig: Rig, params: RigParams | Float32Array, options: RenderRigOptions = {}): RigRender {
  const values = params instanceof Float32Array ? params : params.values;
  if (!(params instanceof Float32Array) && params.rig !== rig.name) {
    throw new AurigError('E_BAD_PARAMS', `params are for rig '${params.rig}', not '${rig.name}'; build them with createRigParams(rig, …)`);
  }
  const width = options.width ?? DEFAULT_RENDER_RIG_OPTIONS.width;
  const height = options.height ?? DEFAULT_RENDER_RIG_OPTIONS.height;
  const camera = options.camera ?? rig.camera;
  const d = rig.deform(values);
  const image = rasterize(d.meshes, camera, { width, height, background: options.background, ambient: options.ambient, lightDir: options.lightDir });
  return {
    ...image,
    landmarks468: projectPoints(d.landmarks468, camera, width, height),
    landmarks68: projectPoints(d.landmarks68, camera, width, height),
  };
}
