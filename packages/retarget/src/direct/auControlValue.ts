import { AU_PARAM_NAMES, type FaceParams } from '@aurig/core';

/**
 * FACS AUs that a rig may tag under another number for the same visible action: eye closure is
 * AU43 (closed) in BDFM-style rigs and AU45 (blink) in ARKit and aurig's analysis.
 */
const AU_ALIASES: Readonly<Record<string, readonly string[]>> = {
  AU43: ['AU45'],
  AU45: ['AU43'],
  AU27: ['AU26'],
};

/** ψ index of each default-face-model component (`AU12_L` → k), for per-side ratios. */
const PSI_INDEX: ReadonlyMap<string, number> = new Map(AU_PARAM_NAMES.map((n, k) => [n, k]));

/**
 * Intensity 0..1 of FACS AU `au` on the subject's `side` in `face`, for a rig control tagged with
 * that AU. `aus` is bilateral; when the analysis used the default face model (whose ψ are
 * left/right AU blendshapes, `AU_PARAM_NAMES` order), the side's share of ψ scales it so that a
 * wink or a one-sided smile stays one-sided. Returns undefined for an AU the analysis lacks.
 */
export function auControlValue(face: FaceParams, au: string, side: 'left' | 'right' | 'both' | undefined): number | undefined {
  const aus = face.aus as Readonly<Record<string, number>>;
  const name = au in aus ? au : AU_ALIASES[au]?.find((a) => a in aus);
  if (name === undefined) return undefined;
  const a = clamp01(aus[name]);
  if (side !== 'left' && side !== 'right') return a;
  const psi = face.flame.expression;
  if (psi.length !== AU_PARAM_NAMES.length) return a;
  const l = PSI_INDEX.get(`${name}_L`), r = PSI_INDEX.get(`${name}_R`);
  if (l === undefined || r === undefined) return a;
  const pl = Math.max(0, psi[l]), pr = Math.max(0, psi[r]);
  const peak = Math.max(pl, pr);
  if (!(peak > 1e-3)) return a;
  return clamp01(a * (side === 'left' ? pl : pr) / peak);
}

function clamp01(v: number | undefined): number {
  return v !== undefined && v > 0 ? (v < 1 ? v : 1) : 0;
}
