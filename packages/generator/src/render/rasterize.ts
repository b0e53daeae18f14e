import { AurigError } from '@aurig/core';
import { cameraFrame, type RasterCamera } from './camera.ts';

/** One triangle mesh to draw. World space: millimetres, +x subject's left, +y up, +z toward the viewer. */
export interface RasterMesh {
  /** V×3 vertex positions, world millimetres. */
  readonly positions: Float32Array;
  /** F×3 vertex indices; counter-clockwise seen from the front is front-facing (glTF). */
  readonly indices: Uint32Array;
  /** V×3 vertex colours, linear 0..1 (lit by the renderer). */
  readonly colors: Float32Array;
  /** Pixels this mesh ends up owning are set in `faceMask`; default false. */
  readonly faceRegion?: boolean;
  /**
   * Back-face handling: `'back'` skips triangles facing away from the camera (closed meshes, faster);
   * `'none'` draws them lit from their other side (open surfaces). Default `'none'`.
   */
  readonly cull?: 'back' | 'none';
}

export interface RasterOptions {
  /** Image width in pixels. */
  readonly width: number;
  /** Image height in pixels. */
  readonly height: number;
  /** Background colour, 0..1; default {@link DEFAULT_RASTER_OPTIONS}.background. */
  readonly background?: readonly [number, number, number];
  /** Ambient light fraction, 0..1 (the rest is Lambert); default 0.35. */
  readonly ambient?: number;
  /** Direction from the surface TOWARD the light, world (normalised here); default from the front, above, subject's left. */
  readonly lightDir?: readonly [number, number, number];
}

export interface RasterImage {
  readonly width: number;
  readonly height: number;
  /** width×height×3 bytes, row-major, y down. */
  readonly rgb: Uint8Array;
  /** width×height camera-space depth along the view axis, millimetres; Infinity where nothing was drawn. */
  readonly depth: Float32Array;
  /** width×height: 1 where the visible surface belongs to a `faceRegion` mesh, else 0. */
  readonly faceMask: Uint8Array;
}

/** Defaults of {@link rasterize}'s options. */
export const DEFAULT_RASTER_OPTIONS = {
  background: [0.62, 0.66, 0.7] as const,
  ambient: 0.35,
  lightDir: [0.3, 0.35, 1] as const,
} as const;

/** Geometry closer to the eye than this (millimetres) is not drawn. */
const NEAR_MM = 1;

// Per-vertex scratch, grown on demand and reused across calls (no allocation per triangle).
let sx = new Float32Array(0); // pixel x
let sy = new Float32Array(0); // pixel y
let siw = new Float32Array(0); // 1 / camera depth (0 = not drawable)
let nrm = new Float32Array(0); // accumulated normals, V×3
let litF = new Float32Array(0); // front-side lit colour × 1/depth, V×3
let litB = new Float32Array(0); // back-side lit colour × 1/depth, V×3

function ensureScratch(v: number): void {
  if (sx.length >= v) return;
  const n = Math.max(v, sx.length * 2);
  sx = new Float32Array(n); sy = new Float32Array(n); siw = new Float32Array(n);
  nrm = new Float32Array(n * 3); litF = new Float32Array(n * 3); litB = new Float32Array(n * 3);
}

/**
 * Deterministic CPU rasterizer: perspective camera, z-buffer, per-vertex Lambert + ambient
 * lighting with smooth (area-weighted) normals, perspective-correct colour interpolation,
 * edge functions stepped incrementally over each triangle's bounding box.
 */
export function rasterize(meshes: readonly RasterMesh[], camera: RasterCamera, options: RasterOptions): RasterImage {
  const W = options.width | 0, H = options.height | 0;
  if (!(W > 0 && H > 0) || W !== options.width || H !== options.height) {
    throw new AurigError('E_BAD_OPTION', `rasterize: width and height must be positive integers, got ${options.width}×${options.height}`);
  }
  const bg = options.background ?? DEFAULT_RASTER_OPTIONS.background;
  const ambient = options.ambient ?? DEFAULT_RASTER_OPTIONS.ambient;
  const diffuse = 1 - ambient;
  const [ldx, ldy, ldz] = options.lightDir ?? DEFAULT_RASTER_OPTIONS.lightDir;
  const ll = Math.hypot(ldx, ldy, ldz) || 1;
  const lx = ldx / ll, ly = ldy / ll, lz = ldz / ll;
  const c = cameraFrame(camera, W, H);

  const npx = W * H;
  const rgb = new Uint8Array(npx * 3);
  const out = new Uint8ClampedArray(rgb.buffer);
  const zbuf = new Float32Array(npx); // 1/depth; 0 = empty
  const faceMask = new Uint8Array(npx);
  const bgR = Math.round(bg[0] * 255), bgG = Math.round(bg[1] * 255), bgB = Math.round(bg[2] * 255);
  for (let p = 0, q = 0; p < npx; p++, q += 3) { out[q] = bgR; out[q + 1] = bgG; out[q + 2] = bgB; }

  for (const mesh of meshes) {
    const pos = mesh.positions, idx = mesh.indices, col = mesh.colors;
    const V = Math.floor(pos.length / 3);
    if (col.length < V * 3) throw new AurigError('E_BAD_OPTION', `rasterize: mesh has ${V} vertices but ${col.length / 3} colours`);
    ensureScratch(V);
    // 1. project
    for (let i = 0; i < V; i++) {
      const dx = pos[3 * i] - c.ex, dy = pos[3 * i + 1] - c.ey, dz = pos[3 * i + 2] - c.ez;
      const zc = dx * c.fx + dy * c.fy + dz * c.fz;
      if (!(zc > NEAR_MM)) { siw[i] = 0; continue; }
      const iw = 1 / zc, s = c.focal * iw;
      siw[i] = iw;
      sx[i] = c.cx + (dx * c.rx + dy * c.ry + dz * c.rz) * s;
      sy[i] = c.cy - (dx * c.ux + dy * c.uy + dz * c.uz) * s;
    }
    // 2. smooth normals (area-weighted face normals)
    nrm.fill(0, 0, V * 3);
    const F = Math.floor(idx.length / 3);
    for (let f = 0; f < F; f++) {
      const a = 3 * idx[3 * f], b = 3 * idx[3 * f + 1], d = 3 * idx[3 * f + 2];
      const e1x = pos[b] - pos[a], e1y = pos[b + 1] - pos[a + 1], e1z = pos[b + 2] - pos[a + 2];
      const e2x = pos[d] - pos[a], e2y = pos[d + 1] - pos[a + 1], e2z = pos[d + 2] - pos[a + 2];
      const nx = e1y * e2z - e1z * e2y, ny = e1z * e2x - e1x * e2z, nz = e1x * e2y - e1y * e2x;
      nrm[a] += nx; nrm[a + 1] += ny; nrm[a + 2] += nz;
      nrm[b] += nx; nrm[b + 1] += ny; nrm[b + 2] += nz;
      nrm[d] += nx; nrm[d + 1] += ny; nrm[d + 2] += nz;
    }
    // 3. light each vertex from both sides, pre-multiplied by 1/depth for perspective-correct interpolation
    for (let i = 0; i < V; i++) {
      const k = 3 * i;
      const nl = Math.hypot(nrm[k], nrm[k + 1], nrm[k + 2]);
      const ndl = nl > 0 ? (nrm[k] * lx + nrm[k + 1] * ly + nrm[k + 2] * lz) / nl : 1;
      const iw = siw[i] * 255;
      const sf = (ambient + diffuse * (ndl > 0 ? ndl : 0)) * iw;
      const sb = (ambient + diffuse * (ndl < 0 ? -ndl : 0)) * iw;
      litF[k] = col[k] * sf; litF[k + 1] = col[k + 1] * sf; litF[k + 2] = col[k + 2] * sf;
      litB[k] = col[k] * sb; litB[k + 1] = col[k + 1] * sb; litB[k + 2] = col[k + 2] * sb;
    }
    // 4. triangles
    const cullBack = mesh.cull === 'back';
    const region = mesh.faceRegion ? 1 : 0;
    for (let f = 0; f < F; f++) {
      let i0 = idx[3 * f], i1 = idx[3 * f + 1], i2 = idx[3 * f + 2];
      const w0i = siw[i0], w1i = siw[i1], w2i = siw[i2];
      if (w0i === 0 || w1i === 0 || w2i === 0) continue;
      let x0 = sx[i0], y0 = sy[i0], x1 = sx[i1], y1 = sy[i1];
      const x2 = sx[i2], y2 = sy[i2];
      let area = (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
      if (!(area !== 0) || area !== area) continue;
      // y is down in the image, so a front-facing (CCW in the world) triangle has negative area here
      const front = area < 0;
      if (cullBack && !front) continue;
      const lit = front ? litF : litB;
      if (area < 0) { // reorder so that the edge functions are positive inside
        const t = i1; i1 = i2; i2 = t;
        x1 = sx[i1]; y1 = sy[i1];
        x0 = sx[i0]; y0 = sy[i0];
        area = -area;
      }
      const X2 = sx[i2], Y2 = sy[i2];
      let minX = Math.min(x0, x1, X2), maxX = Math.max(x0, x1, X2);
      let minY = Math.min(y0, y1, Y2), maxY = Math.max(y0, y1, Y2);
      minX = Math.max(0, Math.ceil(minX - 0.5)); maxX = Math.min(W - 1, Math.floor(maxX - 0.5));
      minY = Math.max(0, Math.ceil(minY - 0.5)); maxY = Math.min(H - 1, Math.floor(maxY - 0.5));
      if (minX > maxX || minY > maxY) continue;
      const inv = 1 / area;
      const iw0 = siw[i0] * inv, iw1 = siw[i1] * inv, iw2 = siw[i2] * inv;
      const a0 = 3 * i0, a1 = 3 * i1, a2 = 3 * i2;
      const r0 = lit[a0] * inv, g0 = lit[a0 + 1] * inv, b0 = lit[a0 + 2] * inv;
      const r1 = lit[a1] * inv, g1 = lit[a1 + 1] * inv, b1 = lit[a1 + 2] * inv;
      const r2 = lit[a2] * inv, g2 = lit[a2 + 1] * inv, b2 = lit[a2 + 2] * inv;
      // edge functions: e0 opposite v0 (edge v1→v2), e1 opposite v1 (v2→v0), e2 opposite v2 (v0→v1)
      const e0dx = -(Y2 - y1), e0dy = X2 - x1;
      const e1dx = -(y0 - Y2), e1dy = x0 - X2;
      const e2dx = -(y1 - y0), e2dy = x1 - x0;
      const px0 = minX + 0.5, py0 = minY + 0.5;
      let e0row = (X2 - x1) * (py0 - y1) - (Y2 - y1) * (px0 - x1);
      let e1row = (x0 - X2) * (py0 - Y2) - (y0 - Y2) * (px0 - X2);
      let e2row = (x1 - x0) * (py0 - y0) - (y1 - y0) * (px0 - x0);
      for (let y = minY; y <= maxY; y++) {
        let e0 = e0row, e1 = e1row, e2 = e2row;
        let p = y * W + minX;
        for (let x = minX; x <= maxX; x++, p++) {
          if (e0 >= 0 && e1 >= 0 && e2 >= 0) {
            const iw = e0 * iw0 + e1 * iw1 + e2 * iw2;
            if (iw > zbuf[p]) {
              zbuf[p] = iw;
              const s = 1 / iw, q = 3 * p;
              out[q] = (e0 * r0 + e1 * r1 + e2 * r2) * s;
              out[q + 1] = (e0 * g0 + e1 * g1 + e2 * g2) * s;
              out[q + 2] = (e0 * b0 + e1 * b1 + e2 * b2) * s;
              faceMask[p] = region;
            }
          }
          e0 += e0dx; e1 += e1dx; e2 += e2dx;
        }
        e0row += e0dy; e1row += e1dy; e2row += e2dy;
      }
    }
  }
  const depth = new Float32Array(npx);
  for (let p = 0; p < npx; p++) depth[p] = zbuf[p] > 0 ? 1 / zbuf[p] : Infinity;
  return { width: W, height: H, rgb, depth, faceMask };
}
