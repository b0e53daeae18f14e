import { AU_PARAM_NAMES, auOfParam, type AuName, type AuParamName } from '../au/auNames.ts';
import { AU_CATALOGUE } from '../au/catalogue.ts';
import { computeAuMask } from '../au/computeAuMask.ts';
import { MP } from './defaultRegions.ts';
import { DEFAULT_HEAD, type DefaultGeometry } from './defaultGeometry.ts';

/** Jaw opening (radians about +x) per unit of the AUs that drive the jaw joint. */
export const JAW_OPEN_PER_AU = { AU26: 0.2, AU27: 0.4 } as const;

type Vec3 = readonly [number, number, number];
/** Which part of a split feature a pull moves: upper/lower lip (by jaw weight), upper/lower lid. */
type Only = 'upperLip' | 'lowerLip' | 'upperLid' | 'lowerLid';
/**
 * A Gaussian pull: vertices near landmark `at` (plus `offset`, mm) move by `d` mm at full
 * intensity, falling off with σ = `sigma` mm. Written for the subject's left side (+x); the
 * right side mirrors x.
 */
interface Pull { at: number; offset?: Vec3; sigma: number; d: Vec3; only?: Only }

/** Per AU: pulls on the left side (mirrored for the right), and midline pulls of bilateral AUs. */
const AU_PULLS: Partial<Record<AuName, { side?: Pull[]; mid?: Pull[] }>> = {
  AU01: { side: [{ at: 336, sigma: 8, d: [0, 7, 0] }, { at: 285, sigma: 7, d: [0, 6, 0] }, { at: 296, sigma: 8, d: [0, 4, 0] }, { at: 336, offset: [0, 14, 0], sigma: 10, d: [0, 3, 0] }] },
  AU02: { side: [{ at: 300, sigma: 9, d: [0, 7, 0] }, { at: 293, sigma: 9, d: [0, 6, 0] }, { at: 276, sigma: 8, d: [0, 5, 0] }, { at: 334, sigma: 8, d: [0, 2, 0] }] },
  AU04: { side: [{ at: 336, sigma: 8, d: [-5, -6, 1.5] }, { at: 285, sigma: 7, d: [-4, -5, 1] }, { at: 296, sigma: 9, d: [-2.5, -5, 0.5] }, { at: 334, sigma: 10, d: [-1, -3.5, 0] }, { at: 300, sigma: 10, d: [0, -2, 0] }] },
  AU05: { side: [{ at: 386, sigma: 7, d: [0, 3.6, 0.6], only: 'upperLid' }, { at: 386, offset: [0, 6, 0], sigma: 7, d: [0, 1.5, 0] }] },
  AU06: { side: [{ at: 425, sigma: 13, d: [0, 5.5, 2.5] }, { at: 374, sigma: 6, d: [0, 2.4, 0.5], only: 'lowerLid' }, { at: 263, offset: [6, -2, -3], sigma: 7, d: [-1.5, 1.5, 0] }, { at: 300, sigma: 8, d: [0, -1.2, 0] }] },
  AU07: { side: [{ at: 374, sigma: 6, d: [0, 2.8, 0.4], only: 'lowerLid' }, { at: 386, sigma: 5, d: [0, -1.5, 0], only: 'upperLid' }] },
  AU09: { side: [{ at: 327, sigma: 7, d: [0.5, 4.5, 1] }, { at: 195, sigma: 8, d: [0, 4, 0] }, { at: 5, sigma: 7, d: [0, 3, 0] }, { at: 327, offset: [10, 2, -6], sigma: 8, d: [0, 3, 1] }, { at: 336, sigma: 8, d: [-1.5, -3, 0] }, { at: 267, sigma: 8, d: [0, 2, 0.5], only: 'upperLip' }] },
  AU10: { side: [{ at: 269, sigma: 9, d: [0, 4, 1.2], only: 'upperLip' }, { at: 0, sigma: 8, d: [0, 2.5, 0.5], only: 'upperLip' }, { at: 327, offset: [6, -5, 0], sigma: 8, d: [0, 2, 0.8] }] },
  AU12: { side: [{ at: 291, sigma: 9, d: [6, 5, -2.5] }, { at: 425, sigma: 13, d: [0, 2.5, 1] }] },
  AU14: { side: [{ at: 291, sigma: 7, d: [2, 0.5, -4.5] }, { at: 291, offset: [5, 0, -3], sigma: 4, d: [0, 0, -2.5] }] },
  AU15: { side: [{ at: 291, sigma: 9, d: [1, -5, -0.5] }, { at: 291, offset: [0, -10, 0], sigma: 10, d: [0, -2, 0] }] },
  AU16: { side: [{ at: 314, sigma: 8, d: [0, -2, 0], only: 'lowerLip' }], mid: [{ at: 17, sigma: 12, d: [0, -4, 1.5], only: 'lowerLip' }] },
  AU17: { mid: [{ at: 199, sigma: 12, d: [0, 5, 3] }, { at: 17, sigma: 10, d: [0, 3, 3.5], only: 'lowerLip' }] },
  AU18: { side: [{ at: 291, sigma: 9, d: [-7, 0, 5] }], mid: [{ at: 13, sigma: 14, d: [0, 0, 5] }] },
  AU20: { side: [{ at: 291, sigma: 9, d: [7, -1.5, -2.5] }, { at: 321, sigma: 9, d: [2.5, -1, 0], only: 'lowerLip' }] },
  AU23: { side: [{ at: 291, sigma: 6, d: [-2.5, 0, 0] }], mid: [{ at: 0, sigma: 12, d: [0, -2.5, -1.5], only: 'upperLip' }, { at: 17, sigma: 12, d: [0, 2.8, -1.5], only: 'lowerLip' }] },
  AU24: { mid: [{ at: 0, sigma: 14, d: [0, -2, -3], only: 'upperLip' }, { at: 17, sigma: 14, d: [0, 2.3, -3], only: 'lowerLip' }, { at: 164, sigma: 8, d: [0, 0, 1.5] }, { at: 18, sigma: 8, d: [0, 0, 1.5] }] },
  AU25: { mid: [{ at: 13, sigma: 12, d: [0, 2, 0], only: 'upperLip' }, { at: 14, sigma: 12, d: [0, -3.5, 0], only: 'lowerLip' }] },
  AU26: { mid: [{ at: 14, sigma: 12, d: [0, -1, 0], only: 'lowerLip' }] },
  AU27: { side: [{ at: 291, sigma: 8, d: [-3, 0, 0] }], mid: [{ at: 13, sigma: 12, d: [0, 2, 0], only: 'upperLip' }] },
  AU28: { mid: [{ at: 0, sigma: 12, d: [0, -3.5, -7], only: 'upperLip' }, { at: 17, sigma: 12, d: [0, 3.5, -7], only: 'lowerLip' }] },
};

const LEFT_EYE_UPPER2 = [342, 445, 444, 443, 442, 441, 413];
const RIGHT_EYE_UPPER2 = [113, 225, 224, 223, 222, 221, 189];
/** Blink: upper-lid rings move this fraction of the way to the lower lid. */
const BLINK_RING_FRACTION = [0.97, 0.5, 0.15] as const;
/** Lid margins stay this far outside the eyeball surface (mm). */
const LID_CLEARANCE = 0.8;

/**
 * V×3×nψ AU blendshapes of the default head and the nψ×3 jaw axis-angle per unit ψ.
 * Each ψ component k: offset_v = mask_k(v) · field_k(v) (mm at full intensity), with mask_k the
 * AU's vertex mask (left/right half for sided AUs) and field_k a sum of Gaussian pulls on the
 * AU's landmarks; the blink moves the upper lid onto the lower lid; AU26/AU27 also rotate the
 * jaw joint (`JAW_OPEN_PER_AU`).
 */
export function buildDefaultExpressions(g: DefaultGeometry, weights: Float32Array): { exprdirs: Float32Array; jawFromExpr: Float32Array; masks: Float32Array[] } {
  const p = g.positions;
  const V = p.length / 3, K = AU_PARAM_NAMES.length;
  const exprdirs = new Float32Array(V * 3 * K);
  const jawFromExpr = new Float32Array(K * 3);
  const jaw = Float32Array.from({ length: V }, (_, v) => weights[v * 5 + 2]);
  const mesh = { positions: p, faces: g.faces, excluded: [g.parts.leftEye, g.parts.rightEye], jawWeights: jaw };
  const eyes = { L: g.eyeCentres.left, R: g.eyeCentres.right };
  const onlyWeight = (only: Only | undefined, v: number, s: 'L' | 'R'): number => {
    if (!only) return 1;
    if (only === 'upperLip') return 1 - jaw[v];
    if (only === 'lowerLip') return jaw[v];
    const c = eyes[s], y = p[3 * v + 1] - c[1];
    const up = Math.min(1, Math.max(0, (y + 1) / 2.5));
    return only === 'upperLid' ? up : 1 - up;
  };
  const masks: Float32Array[] = [];
  AU_PARAM_NAMES.forEach((name, k) => {
    const au = auOfParam(name);
    const side = name.endsWith('_L') ? 'L' : name.endsWith('_R') ? 'R' : undefined;
    const mask = computeAuMask(AU_CATALOGUE[au].mask, mesh, side);
    masks.push(mask);
    const field = new Float64Array(3 * V);
    const addPulls = (pulls: Pull[], s: 'L' | 'R', mirror: boolean): void => {
      const m = mirror ? -1 : 1;
      for (const pl of pulls) {
        const o = pl.offset ?? [0, 0, 0];
        const hx = m * (p[3 * pl.at] + o[0]), hy = p[3 * pl.at + 1] + o[1], hz = p[3 * pl.at + 2] + o[2];
        for (let v = 0; v < V; v++) {
          const d2 = (p[3 * v] - hx) ** 2 + (p[3 * v + 1] - hy) ** 2 + (p[3 * v + 2] - hz) ** 2;
          const w = Math.exp(-d2 / (2 * pl.sigma * pl.sigma)) * onlyWeight(pl.only, v, s);
          if (w < 1e-4) continue;
          field[3 * v] += w * m * pl.d[0];
          field[3 * v + 1] += w * pl.d[1];
          field[3 * v + 2] += w * pl.d[2];
        }
      }
    };
    const spec = AU_PULLS[au];
    const sides: ('L' | 'R')[] = side ? [side] : ['L', 'R'];
    for (const s of sides) if (spec?.side) addPulls(spec.side, s, s === 'R');
    // Midline pulls belong to both halves of a sided AU; for bilateral AUs they count once.
    if (spec?.mid) addPulls(spec.mid, 'L', false);
    if (au === 'AU45') for (const s of sides) blinkField(g, s, field);
    if (au === 'AU05' || au === 'AU06' || au === 'AU07' || au === 'AU45') for (const s of sides) keepLidsOnEyeball(g, s, field);
    for (let v = 0; v < V; v++) for (let c = 0; c < 3; c++) exprdirs[(3 * v + c) * K + k] = mask[v] * field[3 * v + c];
    if (name === 'AU26' || name === 'AU27') jawFromExpr[3 * k] = JAW_OPEN_PER_AU[name];
  });
  return { exprdirs, jawFromExpr, masks };
}

/** Upper-lid rings of one eye move down onto the lower lid (AU45). */
function blinkField(g: DefaultGeometry, s: 'L' | 'R', field: Float64Array): void {
  const p = g.positions;
  const lower = [...(s === 'L' ? MP.leftEyeLower0 : MP.rightEyeLower0)].sort((a, b) => p[3 * a] - p[3 * b]);
  const lowerY = (x: number): number => {
    for (let i = 0; i + 1 < lower.length; i++) {
      const x0 = p[3 * lower[i]], x1 = p[3 * lower[i + 1]];
      if (x >= x0 && x <= x1) { const t = (x - x0) / (x1 - x0 || 1); return (1 - t) * p[3 * lower[i] + 1] + t * p[3 * lower[i + 1] + 1]; }
    }
    return p[3 * lower[x < p[3 * lower[0]] ? 0 : lower.length - 1] + 1];
  };
  const rings = s === 'L' ? [MP.leftEyeUpper0, MP.leftEyeUpper1, LEFT_EYE_UPPER2] : [MP.rightEyeUpper0, MP.rightEyeUpper1, RIGHT_EYE_UPPER2];
  const drop0 = new Map<number, number>();
  for (const i of rings[0]) drop0.set(i, lowerY(p[3 * i]) + 0.3 - p[3 * i + 1]);
  const meanDrop = [...drop0.values()].reduce((a, b) => a + b, 0) / drop0.size;
  rings.forEach((ring, r) => {
    for (const i of ring) field[3 * i + 1] += BLINK_RING_FRACTION[r] * (r === 0 ? drop0.get(i)! : meanDrop);
  });
  for (const i of s === 'L' ? MP.leftEyeLower0 : MP.rightEyeLower0) field[3 * i + 1] += 0.3;
}

/** Push moved lid vertices of one eye back outside the eyeball (they slide over it). */
function keepLidsOnEyeball(g: DefaultGeometry, s: 'L' | 'R', field: Float64Array): void {
  const p = g.positions, c = s === 'L' ? g.eyeCentres.left : g.eyeCentres.right;
  const R = DEFAULT_HEAD.eyeRadius + LID_CLEARANCE;
  for (let v = 0; v < 468; v++) {
    const x = p[3 * v] + field[3 * v] - c[0], y = p[3 * v + 1] + field[3 * v + 1] - c[1], z = p[3 * v + 2] + field[3 * v + 2] - c[2];
    if (x * x + y * y >= R * R || z < 0) continue;
    const zBall = Math.sqrt(R * R - x * x - y * y);
    if (z < zBall) field[3 * v + 2] += zBall - z;
  }
}

export type { AuParamName };
