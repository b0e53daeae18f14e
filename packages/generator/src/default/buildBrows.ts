import { DEFAULT_RIG_COLORS, type BuiltPart } from './buildGeometry.ts';
import { MP_SETS } from './landmarks.ts';

/** The 36 brow styles: 3 thicknesses × 3 arches × 4 tails, index = 12·thickness + 4·arch + tail. */
export const BROW_STYLE_AXES = {
  thickness: [0.55, 1, 1.5],
  /** Arch height at the peak, mm. */
  arch: [-1.5, 1.5, 4],
  tail: ['long', 'short', 'up', 'down'],
} as const;
export const BROW_STYLE_COUNT = 36;
/** The style the brow mesh is modelled in (thickness 1, arch 1.5 mm, long tail). */
export const BASE_BROW_STYLE = 16;

type V3 = [number, number, number];

export interface BuiltBrow extends BuiltPart {
  readonly morphTargets: { name: string; deltas: number[] }[];
  /** Per vertex: 0 at the inner end, 1 at the tail. */
  readonly along: number[];
}

const SAMPLES = 14;

function polyline(pts: V3[], u: number): V3 {
  const x = u * (pts.length - 1), i = Math.min(pts.length - 2, Math.floor(x)), f = x - i;
  return [0, 1, 2].map((k) => pts[i][k] * (1 - f) + pts[i + 1][k] * f) as V3;
}

/** A brow strip over the MediaPipe brow landmarks with one morph target per style. */
export function buildBrow(side: 'L' | 'R', lm: (i: number) => V3): BuiltBrow {
  const upper = [...(side === 'L' ? MP_SETS.browUpperL : MP_SETS.browUpperR)].reverse().map(lm); // inner → outer
  const lower = [...(side === 'L' ? MP_SETS.browLowerL : MP_SETS.browLowerR)].reverse().map(lm);
  const shape = (style: number): number[] => {
    const t = BROW_STYLE_AXES.thickness[Math.floor(style / 12)];
    const arch = BROW_STYLE_AXES.arch[Math.floor(style / 4) % 3];
    const tail = BROW_STYLE_AXES.tail[style % 4];
    const out: number[] = [];
    for (let s = 0; s <= SAMPLES; s++) {
      let u = s / SAMPLES;
      if (tail === 'short') u *= 0.78;
      const up = polyline(upper, u), lo = polyline(lower, u);
      const c: V3 = [(up[0] + lo[0]) / 2, (up[1] + lo[1]) / 2, (up[2] + lo[2]) / 2];
      const n = Math.hypot(c[0], c[1] - 15, c[2]);
      const off = 1.2; // mm in front of the skin
      const half = 0.5 * Math.hypot(up[0] - lo[0], up[1] - lo[1], up[2] - lo[2]) * 0.9 * t * (1 - 0.45 * u);
      let dy = arch * Math.sin(Math.PI * Math.min(1, u / 0.9)) - 1.5 * Math.sin(Math.PI * Math.min(1, u / 0.9));
      if (tail === 'up') dy += 3.5 * u * u;
      if (tail === 'down') dy -= 3.5 * u * u;
      for (const sgn of [-1, 1]) {
        out.push(c[0] + (c[0] / n) * off, c[1] + dy + sgn * half + ((c[1] - 15) / n) * off, c[2] + (c[2] / n) * off);
      }
    }
    return out;
  };
  const positions = shape(BASE_BROW_STYLE);
  const indices: number[] = [], colors: number[] = [], along: number[] = [];
  for (let s = 0; s <= SAMPLES; s++) { colors.push(...DEFAULT_RIG_COLORS.brow, ...DEFAULT_RIG_COLORS.brow); along.push(s / SAMPLES, s / SAMPLES); }
  for (let s = 0; s < SAMPLES; s++) {
    const a = 2 * s;
    // counter-clockwise seen from the front on the subject's left (+x) runs inner→outer = +x
    if (side === 'L') indices.push(a, a + 2, a + 1, a + 1, a + 2, a + 3);
    else indices.push(a, a + 1, a + 2, a + 1, a + 3, a + 2);
  }
  const morphTargets = Array.from({ length: BROW_STYLE_COUNT }, (_, k) => {
    const p = shape(k);
    return { name: `brow_style_${String(k).padStart(2, '0')}`, deltas: p.map((x, i) => x - positions[i]) };
  });
  return { name: `brow_${side}`, positions, indices, colors, faceRegion: true, cull: 'none', morphTargets, along };
}
