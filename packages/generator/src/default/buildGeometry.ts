import { createDefaultFaceModel } from '@aurig/core';
import { MP_POINTS, MP_SETS } from './landmarks.ts';

/** Colours of the default character (linear 0..1). */
export const DEFAULT_RIG_COLORS = {
  skin: [0.86, 0.66, 0.54], lips: [0.72, 0.25, 0.25], hair: [0.22, 0.14, 0.09], brow: [0.16, 0.1, 0.06],
  sclera: [0.96, 0.95, 0.93], iris: [0.3, 0.19, 0.1], pupil: [0.03, 0.03, 0.03], mouth: [0.35, 0.08, 0.08], teeth: [0.95, 0.93, 0.86],
} as const;

type V3 = [number, number, number];

/** One mesh part before skinning; `src` gives, for a subdivided vertex, the two base vertices it lies between. */
export interface BuiltPart {
  readonly name: string;
  readonly positions: number[];
  readonly indices: number[];
  readonly colors: number[];
  readonly faceRegion: boolean;
  readonly cull: 'back' | 'none';
}

export interface BuiltGeometry {
  readonly face: BuiltPart;
  /** For each face vertex: the base (core model) vertices it averages, for weights. */
  readonly faceSrc: readonly (readonly [number, number])[];
  readonly base: Float32Array;
  readonly eyeCentre: { readonly L: V3; readonly R: V3 };
  readonly eyeRadius: number;
  readonly mouthY: number;
  readonly lm: (i: number) => V3;
  /** Core model part ranges (face, leftEye, rightEye, mouth, scalp). */
  readonly parts: Readonly<Record<string, { start: number; end: number }>>;
}

/**
 * The character's head surface: core's open default face model (vertices 0..467 are the 468
 * MediaPipe landmarks, kept at the same indices) without its eyeballs, subdivided once at edge
 * midpoints, coloured by region (skin, lips, hair).
 */
export function buildFaceGeometry(): BuiltGeometry {
  const m = createDefaultFaceModel();
  const base = m.v_template;
  const lm = (i: number): V3 => [base[3 * i], base[3 * i + 1], base[3 * i + 2]];
  const inRange = (v: number, r: { start: number; end: number }) => v >= r.start && v < r.end;
  const mean = (r: { start: number; end: number }): V3 => {
    const c: V3 = [0, 0, 0];
    for (let v = r.start; v < r.end; v++) for (let k = 0; k < 3; k++) c[k] += base[3 * v + k] / (r.end - r.start);
    return c;
  };
  const L = mean(m.parts.leftEye), R = mean(m.parts.rightEye);
  const eyeRadius = Math.hypot(base[3 * m.parts.leftEye.start] - L[0], base[3 * m.parts.leftEye.start + 1] - L[1], base[3 * m.parts.leftEye.start + 2] - L[2]);
  const tris: number[] = [];
  for (let f = 0; f < m.numFaces; f++) {
    const a = m.faces[3 * f], b = m.faces[3 * f + 1], c = m.faces[3 * f + 2];
    if ([a, b, c].some((v) => inRange(v, m.parts.leftEye) || inRange(v, m.parts.rightEye))) continue;
    tris.push(a, b, c);
  }
  // per base vertex colour
  const lips = new Set<number>([...MP_SETS.lowerLip, ...MP_SETS.upperLip, ...MP_SETS.lipCorners]);
  const baseColor = (v: number): readonly number[] => {
    if (lips.has(v)) return DEFAULT_RIG_COLORS.lips;
    if (inRange(v, m.parts.mouth)) return DEFAULT_RIG_COLORS.mouth;
    if (inRange(v, m.parts.scalp)) {
      const y = base[3 * v + 1], z = base[3 * v + 2];
      return y > 35 || z < -25 ? DEFAULT_RIG_COLORS.hair : DEFAULT_RIG_COLORS.skin;
    }
    return DEFAULT_RIG_COLORS.skin;
  };
  const positions = Array.from(base);
  const colors: number[] = [];
  const src: [number, number][] = [];
  for (let v = 0; v < m.numVertices; v++) { colors.push(...baseColor(v)); src.push([v, v]); }
  const mid = new Map<string, number>();
  const midpoint = (a: number, b: number): number => {
    const key = a < b ? `${a},${b}` : `${b},${a}`;
    let i = mid.get(key);
    if (i !== undefined) return i;
    i = positions.length / 3;
    for (let k = 0; k < 3; k++) positions.push((base[3 * a + k] + base[3 * b + k]) / 2);
    const ca = baseColor(a), cb = baseColor(b);
    // a lip colour wins only between two lip vertices: the lip outline stays crisp
    const c = lips.has(a) !== lips.has(b) ? (lips.has(a) ? cb : ca) : ca.map((x, k) => (x + cb[k]) / 2);
    colors.push(...c);
    src.push([a, b]);
    mid.set(key, i);
    return i;
  };
  const indices: number[] = [];
  for (let t = 0; t < tris.length; t += 3) {
    const a = tris[t], b = tris[t + 1], c = tris[t + 2];
    const ab = midpoint(a, b), bc = midpoint(b, c), ca = midpoint(c, a);
    indices.push(a, ab, ca, ab, b, bc, ca, bc, c, ab, bc, ca);
  }
  const mouthY = (lm(MP_POINTS.upperLipInner)[1] + lm(MP_POINTS.lowerLipInner)[1]) / 2;
  return {
    face: { name: 'face', positions, indices, colors, faceRegion: true, cull: 'none' },
    faceSrc: src, base, eyeCentre: { L, R }, eyeRadius, mouthY, lm, parts: m.parts,
  };
}

/** A UV sphere eyeball at `c` looking down +z: white sclera, a dark iris ring and a black pupil. */
export function buildEye(name: string, c: V3, r: number, rings = 18, segs = 28): BuiltPart {
  const positions: number[] = [], colors: number[] = [], indices: number[] = [];
  for (let i = 0; i <= rings; i++) {
    const th = (i / rings) * Math.PI; // angle from the gaze axis
    const col = th < 0.2 ? DEFAULT_RIG_COLORS.pupil : th < 0.5 ? DEFAULT_RIG_COLORS.iris : DEFAULT_RIG_COLORS.sclera;
    for (let j = 0; j <= segs; j++) {
      const ph = (j / segs) * 2 * Math.PI;
      positions.push(c[0] + r * Math.sin(th) * Math.cos(ph), c[1] + r * Math.sin(th) * Math.sin(ph), c[2] + r * Math.cos(th));
      colors.push(...col);
    }
  }
  for (let i = 0; i < rings; i++) for (let j = 0; j < segs; j++) {
    const a = i * (segs + 1) + j, b = a + segs + 1;
    indices.push(a, a + 1, b, a + 1, b + 1, b);
  }
  return { name, positions, indices, colors, faceRegion: true, cull: 'back' };
}

/** Upper or lower row of teeth: a curved band behind the lips. */
export function buildTeeth(name: string, centre: V3, halfWidth: number, yTop: number, yBottom: number, segs = 16): BuiltPart {
  const positions: number[] = [], colors: number[] = [], indices: number[] = [];
  for (let j = 0; j <= segs; j++) {
    const t = (j / segs) * 2 - 1, th = t * 1.1;
    const x = centre[0] + halfWidth * Math.sin(th), z = centre[2] - halfWidth * (1 - Math.cos(th));
    positions.push(x, yTop, z, x, yBottom, z);
    colors.push(...DEFAULT_RIG_COLORS.teeth, ...DEFAULT_RIG_COLORS.teeth);
  }
  for (let j = 0; j < segs; j++) { const a = 2 * j; indices.push(a, a + 1, a + 2, a + 2, a + 1, a + 3); }
  return { name, positions, indices, colors, faceRegion: true, cull: 'none' };
}

/** A neck: an open elliptic cylinder under the head. */
export function buildNeck(yTop: number, yBottom: number, rx: number, rz: number, zc: number, rings = 6, segs = 24): BuiltPart {
  const positions: number[] = [], colors: number[] = [], indices: number[] = [];
  for (let i = 0; i <= rings; i++) {
    const y = yTop + ((yBottom - yTop) * i) / rings;
    for (let j = 0; j <= segs; j++) {
      const ph = (j / segs) * 2 * Math.PI;
      positions.push(rx * Math.sin(ph), y, zc + rz * Math.cos(ph));
      colors.push(...DEFAULT_RIG_COLORS.skin.map((x) => x * 0.92));
    }
  }
  for (let i = 0; i < rings; i++) for (let j = 0; j < segs; j++) {
    const a = i * (segs + 1) + j, b = a + segs + 1;
    indices.push(a, b, a + 1, a + 1, b, b + 1);
  }
  return { name: 'neck', positions, indices, colors, faceRegion: false, cull: 'none' };
}
