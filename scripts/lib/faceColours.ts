// Display colours of the default face model (skin, lips, brows, eyes, mouth, hair), shared by the contact sheets.
import type { FaceModel } from '@aurig/core';

const SKIN = [0.86, 0.67, 0.56] as const;
const LIP = [0.72, 0.36, 0.36] as const;
const BROW = [0.35, 0.24, 0.18] as const;
const HAIR = [0.3, 0.22, 0.17] as const;
const MOUTH = [0.3, 0.05, 0.07] as const;
const SCLERA = [0.95, 0.94, 0.9] as const;
const IRIS = [0.28, 0.38, 0.5] as const;
const PUPIL = [0.03, 0.03, 0.03] as const;

const LIPS = [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 146, 91, 181, 84, 17, 314, 405, 321, 375, 78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 95, 88, 178, 87, 14, 317, 402, 318, 324, 183, 42, 41, 38, 12, 268, 271, 272, 407, 62, 96, 89, 179, 86, 15, 316, 403, 319, 325, 292];
const BROWS = [70, 63, 105, 66, 107, 46, 53, 52, 65, 55, 300, 293, 334, 296, 336, 276, 283, 282, 295, 285, 156, 383];

/** Per-vertex colours of the default model (display only). */
export function colours(model: FaceModel): Float32Array {
  const V = model.numVertices;
  const c = new Float32Array(V * 3);
  for (let v = 0; v < V; v++) c.set(SKIN, 3 * v);
  for (const v of LIPS) c.set(LIP, 3 * v);
  for (const v of BROWS) c.set(BROW, 3 * v);
  const { leftEye, rightEye, mouth, scalp } = model.parts;
  for (const r of [leftEye, rightEye]) {
    const front = r.start; // the pupil is the front pole; the next ring the iris
    for (let v = r.start; v < r.end; v++) c.set(v === front ? PUPIL : v - r.start <= 12 ? IRIS : SCLERA, 3 * v);
  }
  for (let v = mouth.start; v < mouth.end; v++) c.set(MOUTH, 3 * v);
  for (let v = scalp.start; v < scalp.end; v++) {
    const y = model.v_template[3 * v + 1], z = model.v_template[3 * v + 2];
    c.set(y > 20 || z < 0 ? HAIR : SKIN, 3 * v);
  }
  return c;
}
