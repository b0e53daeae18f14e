import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rasterize, projectPoints, type RasterMesh, type RasterCamera } from '@aurig/generator';

const FRONT: RasterCamera = { position: [0, 0, 500], target: [0, 0, 0], fovYDeg: 20 };

/** A UV sphere (closed, CCW outward) of radius r at c, coloured `rgb`. */
function sphere(r: number, c: [number, number, number], rgb: [number, number, number], seg = 48): RasterMesh {
  const rings = seg / 2;
  const positions: number[] = [], colors: number[] = [], indices: number[] = [];
  for (let i = 0; i <= rings; i++) {
    const th = (i / rings) * Math.PI;
    for (let j = 0; j <= seg; j++) {
      const ph = (j / seg) * 2 * Math.PI;
      positions.push(c[0] + r * Math.sin(th) * Math.sin(ph), c[1] + r * Math.cos(th), c[2] + r * Math.sin(th) * Math.cos(ph));
      colors.push(...rgb);
    }
  }
  for (let i = 0; i < rings; i++) for (let j = 0; j < seg; j++) {
    const a = i * (seg + 1) + j, b = a + seg + 1;
    indices.push(a, b, a + 1, a + 1, b, b + 1);
  }
  return { positions: new Float32Array(positions), indices: new Uint32Array(indices), colors: new Float32Array(colors), cull: 'back' };
}

test('a front-facing quad covers its projected square, lit, with depth and mask', () => {
  // square 40 mm wide at z = 0, CCW seen from +z
  const quad: RasterMesh = {
    positions: new Float32Array([-20, -20, 0, 20, -20, 0, 20, 20, 0, -20, 20, 0]),
    indices: new Uint32Array([0, 1, 2, 0, 2, 3]),
    colors: new Float32Array(12).fill(1),
    faceRegion: true,
    cull: 'back',
  };
  const img = rasterize([quad], FRONT, { width: 64, height: 64, background: [0, 0, 0], ambient: 1 });
  const corners = projectPoints(quad.positions, FRONT, 64, 64);
  const side = corners[2] - corners[0];
  // the projected side: 40 mm at 500 mm with f = 32/tan(10°)
  assert.ok(Math.abs(side - (40 * 32) / Math.tan(Math.PI / 18) / 500) < 1e-3);
  let covered = 0;
  for (let p = 0; p < 64 * 64; p++) covered += img.faceMask[p];
  assert.ok(Math.abs(covered - side * side) < 4 * side, `covered ${covered} vs ${side * side}`);
  const centre = (32 * 64 + 32);
  assert.equal(img.rgb[3 * centre], 255);
  assert.ok(Math.abs(img.depth[centre] - 500) < 1e-3);
  assert.equal(img.depth[0], Infinity);
  assert.equal(img.rgb[0], 0);
  // +y up in the world is up in the image: the top corner has the smaller pixel y
  assert.ok(corners[7] < corners[1]);
  // +x (subject's left) is on the image right for a camera in front
  assert.ok(corners[2] > corners[0]);
  // culled from behind, drawn (lit from the back side) when not culled
  const back: RasterCamera = { position: [0, 0, -500], target: [0, 0, 0], fovYDeg: 20 };
  assert.equal(rasterize([quad], back, { width: 64, height: 64 }).faceMask.reduce((s, v) => s + v, 0), 0);
  assert.ok(rasterize([{ ...quad, cull: 'none' }], back, { width: 64, height: 64 }).faceMask.reduce((s, v) => s + v, 0) > 0);
});

test('the z-buffer keeps the nearer surface whatever the draw order; output is deterministic', () => {
  const near = sphere(30, [0, 0, 40], [1, 0, 0]);
  const far = sphere(60, [0, 0, 0], [0, 0, 1]);
  const a = rasterize([near, far], FRONT, { width: 96, height: 96 });
  const b = rasterize([far, near], FRONT, { width: 96, height: 96 });
  assert.deepEqual(a.rgb, b.rgb);
  const centre = 3 * (48 * 96 + 48);
  assert.ok(a.rgb[centre] > 150 && a.rgb[centre + 2] < 20, 'red sphere in front');
  assert.ok(Math.abs(a.depth[48 * 96 + 48] - (500 - 70)) < 1);
  // Lambert: the lit side (light from +x, +y, +z) is brighter than the opposite side
  const lit = 3 * (40 * 96 + 56), dark = 3 * (56 * 96 + 40);
  assert.ok(a.rgb[lit] > a.rgb[dark] + 10, `${a.rgb[lit]} > ${a.rgb[dark]}`);
});

test('rasterize rejects a non-integer size', () => {
  assert.throws(() => rasterize([], FRONT, { width: 0, height: 10 }), { code: 'E_BAD_OPTION' });
});
