import type { DefaultGeometry } from './defaultGeometry.ts';

type Vec3 = [number, number, number];
/** Displacement (mm per unit β) at neutral position p. */
type Field = (x: number, y: number, z: number) => Vec3;

const g3 = (x: number, y: number, z: number, c: readonly number[], s: readonly number[]): number =>
  Math.exp(-0.5 * (((x - c[0]) / s[0]) ** 2 + ((y - c[1]) / s[1]) ** 2 + ((z - c[2]) / s[2]) ** 2));
/** A smooth region weight: Gaussian around c, mirrored to both sides (|x|). */
const sym = (c: readonly number[], s: readonly number[]) => (x: number, y: number, z: number): number => g3(Math.abs(x), y, z, c, s);
/** Asymmetric components are this fraction of their symmetric counterparts (faces are nearly symmetric). */
const ASYM_SCALE = 0.5;
/** Smooth sign of the side: +1 on the subject's left, −1 on the right. */
const side = (x: number): number => Math.tanh(x / 12);

// Region centres (mm, left side; mirrored) and extents of the default head.
const R = {
  face: [[0, -20, 80], [70, 80, 60]],
  jaw: [[45, -75, 40], [28, 22, 40]],
  chin: [[0, -88, 75], [20, 14, 25]],
  cheek: [[42, -22, 62], [16, 16, 25]],
  cheekbone: [[50, -2, 55], [14, 10, 25]],
  noseBridge: [[0, 5, 95], [7, 14, 15]],
  noseTip: [[0, -25, 105], [9, 9, 12]],
  alae: [[14, -34, 90], [7, 7, 12]],
  eye: [[31, 15, 72], [16, 13, 20]],
  brow: [[32, 32, 80], [22, 7, 18]],
  upperLip: [[0, -37, 92], [20, 5, 15]],
  lowerLip: [[0, -50, 90], [18, 5, 15]],
  mouth: [[0, -43, 90], [28, 12, 18]],
  forehead: [[0, 50, 75], [45, 18, 30]],
  temple: [[62, 35, 35], [14, 22, 30]],
  scalp: [[0, 30, -60], [80, 80, 50]],
} as const;
const w = Object.fromEntries(Object.entries(R).map(([k, [c, s]]) => [k, sym(c, s)])) as Record<keyof typeof R, (x: number, y: number, z: number) => number>;

/** Named smooth identity fields; each becomes a symmetric column and (if `asym`) an asymmetric one. */
const FIELDS: { name: string; f: Field; asym: boolean }[] = [
  { name: 'size', f: (x, y, z) => [0.04 * x, 0.04 * y, 0.04 * z], asym: false },
  { name: 'width', f: (x) => [0.05 * x, 0, 0], asym: false },
  { name: 'height', f: (_x, y) => [0, 0.04 * y, 0], asym: false },
  { name: 'depth', f: (_x, _y, z) => [0, 0, 0.04 * z], asym: false },
  { name: 'lowerFaceLength', f: (x, y, z) => [0, -4 * Math.max(0, Math.min(1, -(y + 10) / 80)) * (z > -20 ? 1 : 0.5), 0], asym: false },
  { name: 'jawWidth', f: (x, y, z) => [3 * side(x) * w.jaw(x, y, z), 0, 0], asym: true },
  { name: 'jawAngle', f: (x, y, z) => [0, -2 * w.jaw(x, y, z), -2 * w.jaw(x, y, z)], asym: true },
  { name: 'chinLength', f: (x, y, z) => [0, -3 * w.chin(x, y, z), 0], asym: false },
  { name: 'chinProtrusion', f: (x, y, z) => [0, 0, 3 * w.chin(x, y, z)], asym: false },
  { name: 'chinWidth', f: (x, y, z) => [2.5 * side(x) * w.chin(x, y, z), 0, 0], asym: true },
  { name: 'cheekFullness', f: (x, y, z) => [2 * side(x) * w.cheek(x, y, z), 0, 2 * w.cheek(x, y, z)], asym: true },
  { name: 'cheekbones', f: (x, y, z) => [2 * side(x) * w.cheekbone(x, y, z), 0, 2 * w.cheekbone(x, y, z)], asym: true },
  { name: 'noseBridge', f: (x, y, z) => [0, 0, 3 * w.noseBridge(x, y, z)], asym: false },
  { name: 'noseTip', f: (x, y, z) => [0, 0, 3 * w.noseTip(x, y, z)], asym: false },
  { name: 'noseLength', f: (x, y, z) => [0, -3 * w.noseTip(x, y, z), 0], asym: false },
  { name: 'noseWidth', f: (x, y, z) => [2.5 * side(x) * w.alae(x, y, z), 0, 0], asym: true },
  { name: 'noseDeviation', f: (x, y, z) => [2.5 * (w.noseTip(x, y, z) + 0.6 * w.noseBridge(x, y, z)), 0, 0], asym: false },
  { name: 'eyeSpacing', f: (x, y, z) => [2.5 * side(x) * w.eye(x, y, z), 0, 0], asym: false },
  { name: 'eyeHeight', f: (x, y, z) => [0, 2.5 * w.eye(x, y, z), 0], asym: true },
  { name: 'eyeDepth', f: (x, y, z) => [0, 0, -2.5 * w.eye(x, y, z)], asym: true },
  { name: 'eyeTilt', f: (x, y, z) => [0, 0.12 * (Math.abs(x) - 31) * w.eye(x, y, z), 0], asym: true },
  { name: 'browHeight', f: (x, y, z) => [0, 3 * w.brow(x, y, z), 0], asym: true },
  { name: 'browRidge', f: (x, y, z) => [0, 0, 3 * w.brow(x, y, z)], asym: false },
  { name: 'browTilt', f: (x, y, z) => [0, 0.1 * (Math.abs(x) - 32) * w.brow(x, y, z), 0], asym: true },
  { name: 'upperLipThickness', f: (x, y, z) => [0, 1.5 * w.upperLip(x, y, z), 1.5 * w.upperLip(x, y, z)], asym: false },
  { name: 'lowerLipThickness', f: (x, y, z) => [0, -1.5 * w.lowerLip(x, y, z), 1.5 * w.lowerLip(x, y, z)], asym: false },
  { name: 'mouthWidth', f: (x, y, z) => [3 * side(x) * w.mouth(x, y, z) * Math.min(1, Math.abs(x) / 20), 0, 0], asym: false },
  { name: 'mouthHeight', f: (x, y, z) => [0, 3 * w.mouth(x, y, z), 0], asym: true },
  { name: 'lipProtrusion', f: (x, y, z) => [0, 0, 3 * w.mouth(x, y, z)], asym: false },
  { name: 'foreheadSlope', f: (x, y, z) => [0, 0, -3 * w.forehead(x, y, z) * Math.max(0, (y - 30) / 30)], asym: false },
  { name: 'foreheadHeight', f: (x, y, z) => [0, 3 * w.forehead(x, y, z), 0], asym: false },
  { name: 'templeWidth', f: (x, y, z) => [2.5 * side(x) * w.temple(x, y, z), 0, 0], asym: true },
  { name: 'midfaceDepth', f: (x, y, z) => [0, 0, 3 * w.face(x, y, z) * Math.max(0, z - 40) / 50], asym: false },
  { name: 'skullLength', f: (x, y, z) => [0, 0, -4 * w.scalp(x, y, z)], asym: false },
  { name: 'skullWidth', f: (x, y, z) => [3 * side(x) * w.scalp(x, y, z), 0, 0], asym: false },
];

/** Face vertices within [0] mm of an eye centre move with the eyeball, fading out by [1] mm. */
const LID_FOLLOW_MM = [13, 19] as const;

/** Low-order smooth fields (Legendre products over the face box) that fill the basis out. */
const P = [(t: number) => t, (t: number) => 0.5 * (3 * t * t - 1), (t: number) => 0.5 * (5 * t ** 3 - 3 * t)];
function polyField(i: number, j: number, axis: 0 | 1 | 2): Field {
  return (x, y, z) => {
    const s = 2.5 * P[i](x / 80) * P[j](y / 100) * Math.max(0, Math.min(1, (z + 20) / 60));
    return axis === 0 ? [s, 0, 0] : axis === 1 ? [0, s, 0] : [0, 0, s];
  };
}

/** The names of the default identity components, in shapedirs order. */
export function defaultIdentityNames(): string[] {
  const names = FIELDS.flatMap((c) => (c.asym ? [c.name, `${c.name}Asym`] : [c.name]));
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) names.push(`poly${i}${j}z`);
  return names;
}

/**
 * V×3×nβ identity basis of the default head (mm per unit β). Each column is a smooth field; the
 * eyeballs move rigidly with the field at their centres (plus the `size` scaling).
 */
export function buildDefaultIdentity(g: DefaultGeometry): { shapedirs: Float32Array; names: string[] } {
  const fields: Field[] = [];
  for (const c of FIELDS) {
    fields.push(c.f);
    if (c.asym) fields.push((x, y, z) => { const d = c.f(x, y, z); const s = ASYM_SCALE * side(x); return [d[0] * s, d[1] * s, d[2] * s]; });
  }
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) fields.push(polyField(i, j, 2));
  const names = defaultIdentityNames();
  const V = g.positions.length / 3, K = fields.length;
  const dirs = new Float32Array(V * 3 * K);
  const p = g.positions;
  const eyes = [[g.parts.leftEye, g.eyeCentres.left], [g.parts.rightEye, g.eyeCentres.right]] as const;
  for (let k = 0; k < K; k++) {
    const f = fields[k];
    const atCentre = eyes.map(([, c]) => f(c[0], c[1], c[2]));
    for (let v = 0; v < V; v++) {
      const d = f(p[3 * v], p[3 * v + 1], p[3 * v + 2]);
      // Lids near an eyeball follow the eyeball's own (rigid) offset so they keep resting on it.
      eyes.forEach(([, c], e) => {
        const r = Math.hypot(p[3 * v] - c[0], p[3 * v + 1] - c[1], p[3 * v + 2] - c[2]);
        const t = Math.min(1, Math.max(0, (LID_FOLLOW_MM[1] - r) / (LID_FOLLOW_MM[1] - LID_FOLLOW_MM[0])));
        const s = t * t * (3 - 2 * t);
        for (let a = 0; a < 3; a++) d[a] = (1 - s) * d[a] + s * atCentre[e][a];
      });
      for (let c = 0; c < 3; c++) dirs[(v * 3 + c) * K + k] = d[c];
    }
    for (const [r, c] of eyes) {
      const d = f(c[0], c[1], c[2]);
      const scale = names[k] === 'size' ? 0.04 : 0;
      for (let v = r.start; v < r.end; v++) for (let a = 0; a < 3; a++) dirs[(v * 3 + a) * K + k] = d[a] + scale * (p[3 * v + a] - c[a]);
    }
  }
  return { shapedirs: dirs, names };
}
