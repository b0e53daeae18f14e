import type { Rng } from '../rng.ts';
import { EMOTION_PROTOTYPES } from '../../au/emotionPrototypes.ts';

/** An AU at or above this intensity counts as present (FACS trace level and up). */
export const PRESENCE_THRESHOLD = 0.15;

/** One co-occurrence pattern: AUs that fire together (`core`) and AUs that often join (`optional`). */
interface AuPattern {
  readonly core: readonly string[];
  readonly optional: readonly string[];
  /** Relative frequency. */
  readonly weight: number;
}

/** Prototypical combinations (EMFACS emotions from `EMOTION_PROTOTYPES`, speech, blinks, single actions). */
const PATTERNS: readonly AuPattern[] = [
  { ...EMOTION_PROTOTYPES.happy, weight: 3 },
  { core: ['AU12'], optional: ['AU25', 'AU06'], weight: 1.5 }, // social smile
  { ...EMOTION_PROTOTYPES.surprise, weight: 2 }, // and the brow flash
  { ...EMOTION_PROTOTYPES.angry, weight: 2 },
  { ...EMOTION_PROTOTYPES.sad, weight: 2 },
  { ...EMOTION_PROTOTYPES.disgust, weight: 1.5 },
  { ...EMOTION_PROTOTYPES.fear, weight: 1 },
  { core: ['AU14'], optional: ['AU12'], weight: 0.6 }, // contempt (often one-sided)
  { core: ['AU25', 'AU26'], optional: ['AU16', 'AU10'], weight: 2 }, // speech, jaw drop
  { core: ['AU25'], optional: ['AU16', 'AU20'], weight: 1 },
  { core: ['AU25', 'AU27'], optional: ['AU01', 'AU02'], weight: 0.6 }, // mouth stretch
  // Rounded open mouth ("oh", "oo"; the O of surprise): without it no sample had pucker and open lips together, and
  // the O mouth of the eval's surprise photo read as lips barely parted (AU25 0.20).
  { core: ['AU18', 'AU25', 'AU26'], optional: ['AU01', 'AU02', 'AU05'], weight: 0.8 },
  { core: ['AU45'], optional: ['AU06', 'AU07'], weight: 1.2 }, // blink / closed eyes
  { core: ['AU18'], optional: ['AU23'], weight: 0.6 }, // pucker
  { core: ['AU23', 'AU24'], optional: ['AU17'], weight: 0.7 }, // lip press
  { core: ['AU28'], optional: ['AU17'], weight: 0.4 }, // lip suck
  { core: ['AU17', 'AU15'], optional: ['AU24'], weight: 0.7 }, // doubt
  { core: ['AU20'], optional: ['AU25'], weight: 0.5 },
  { core: ['AU04'], optional: ['AU07'], weight: 1 }, // concentration
  { core: ['AU06'], optional: [], weight: 0.4 },
  { core: ['AU05'], optional: [], weight: 0.4 },
  { core: ['AU02'], optional: [], weight: 0.4 }, // one brow raised (often one-sided)
  { core: ['AU10'], optional: ['AU25'], weight: 0.4 },
  { core: ['AU16', 'AU25'], optional: [], weight: 0.4 },
];

/** Options of the AU sampler; defaults in `DEFAULT_AU_SAMPLER`. */
export interface AuSamplerOptions {
  /** Probability of a neutral face (every AU at or below `neutralNoise`). Default 0.15. */
  readonly neutral: number;
  /** Largest intensity of an AU that is absent. Default 0.04. */
  readonly neutralNoise: number;
  /** Probability that a second pattern is mixed in. Default 0.35. */
  readonly second: number;
  /** Probability that any one other AU joins at random (decorrelation). Default 0.03. */
  readonly stray: number;
  /** Probability that a sided AU fires on one side only. Default 0.12. */
  readonly unilateral: number;
  /** Exponent skewing intensities to low values (u^k). Default 1.6. */
  readonly skew: number;
  /**
   * Code AU25 with every jaw opening, as FACS does (lips apart is 25 whatever parts them): a jaw drop (AU26) or
   * mouth stretch (AU27) at v raises AU25 to at least v (`lipsPartWithJaw`; before each
   * side's asymmetry jitter, so the labels can differ by that jitter). Default false (the shipped weights'
   * first stages were trained without it; see MODEL.md).
   */
  readonly jawPartsLips: boolean;
}

export const DEFAULT_AU_SAMPLER: AuSamplerOptions = { neutral: 0.15, neutralNoise: 0.04, second: 0.35, stray: 0.03, unilateral: 0.12, skew: 1.6, jawPartsLips: false };

/** The AUs that open the jaw, and with it the lips (`lipsPartWithJaw`). */
export const JAW_OPENINGS = ['AU26', 'AU27'] as const;

/**
 * FACS scores AU25 (lips part) whenever the lips are apart, and both the face model's and the rig's jaw openings part
 * them (the default face model's AU26 at 0.5 sets the inner lips 8 mm apart, its AU25 alone at 0.6 only 3 mm): AU25 at
 * least the stronger of AU26 and AU27. Without it a jaw-parted mouth is labelled "not 25", and a real open mouth whose
 * chin the detector does not see drop reads as neither. `level` maps AU names to intensities; changed in place.
 */
export function lipsPartWithJaw(level: Map<string, number>): void {
  const jaw = Math.max(...JAW_OPENINGS.map((a) => level.get(a) ?? 0));
  if (jaw > (level.get('AU25') ?? 0)) level.set('AU25', jaw);
}

/** A sampled expression: ψ per expression name and the AU-level truth. */
export interface AuSample {
  /** ψ, one per expression name. */
  readonly psi: Float32Array;
  /** Intensity 0..1 per AU token (sided AUs: the stronger side). */
  readonly intensity: Float32Array;
  /** 1 where intensity ≥ PRESENCE_THRESHOLD. */
  readonly presence: Float32Array;
}

function pick(rng: Rng): AuPattern {
  const total = PATTERNS.reduce((a, p) => a + p.weight, 0);
  let u = rng.next() * total;
  for (const p of PATTERNS) { u -= p.weight; if (u <= 0) return p; }
  return PATTERNS[PATTERNS.length - 1];
}

/**
 * Sample AU intensities with realistic co-occurrence (AU06 with AU12, AU01 with AU02, AU25 with AU26,
 * AU04 with AU07/AU09, …), sparse, skewed to low intensities, with neutral faces and one-sided
 * actions, and turn them into ψ for the given expression names (`AU12_L`, `AU12_R`, `AU25`, …).
 * AUs the names do not contain are ignored.
 */
export function sampleAus(rng: Rng, auNames: readonly string[], exprNames: readonly string[], options: AuSamplerOptions = DEFAULT_AU_SAMPLER): AuSample {
  const level = new Map<string, number>();
  const draw = () => PRESENCE_THRESHOLD + 0.05 + (1 - PRESENCE_THRESHOLD - 0.05) * rng.next() ** options.skew;
  if (rng.next() >= options.neutral) {
    const nPatterns = rng.next() < options.second ? 2 : 1;
    for (let p = 0; p < nPatterns; p++) {
      const pat = pick(rng);
      const base = draw();
      const jitter = () => Math.min(1, Math.max(PRESENCE_THRESHOLD + 0.05, base * (0.7 + 0.6 * rng.next())));
      for (const au of pat.core) if (rng.next() < 0.92) level.set(au, Math.max(level.get(au) ?? 0, jitter()));
      for (const au of pat.optional) if (rng.next() < 0.35) level.set(au, Math.max(level.get(au) ?? 0, jitter()));
    }
    for (const au of auNames) if (!level.has(au) && rng.next() < options.stray) level.set(au, draw());
  }
  // AU26 and AU27 are alternative jaw openings; keep the stronger.
  if ((level.get('AU26') ?? 0) > 0 && (level.get('AU27') ?? 0) > 0) level.delete((level.get('AU26') ?? 0) > (level.get('AU27') ?? 0) ? 'AU27' : 'AU26');
  if (options.jawPartsLips) lipsPartWithJaw(level);
  const side = new Map<string, [number, number]>();
  for (const au of auNames) {
    const v = level.get(au) ?? rng.next() * options.neutralNoise;
    if (!level.has(au)) { side.set(au, [v * rng.next(), v * rng.next()]); continue; }
    const r = rng.next();
    if (r < options.unilateral / 2) side.set(au, [v, rng.next() * options.neutralNoise]);
    else if (r < options.unilateral) side.set(au, [rng.next() * options.neutralNoise, v]);
    else {
      const asym = 1 + 0.15 * rng.normal();
      side.set(au, rng.next() < 0.5 ? [v, Math.min(1, Math.max(0, v * asym))] : [Math.min(1, Math.max(0, v * asym)), v]);
    }
  }
  const psi = new Float32Array(exprNames.length);
  exprNames.forEach((name, k) => {
    const au = name.slice(0, 4), lr = side.get(au);
    if (!lr) return;
    psi[k] = name.endsWith('_R') ? lr[1] : name.endsWith('_L') ? lr[0] : Math.max(lr[0], lr[1]);
  });
  const intensity = new Float32Array(auNames.length), presence = new Float32Array(auNames.length);
  auNames.forEach((au, i) => {
    const lr = side.get(au) ?? [0, 0];
    intensity[i] = Math.max(lr[0], lr[1]);
    presence[i] = intensity[i] >= PRESENCE_THRESHOLD ? 1 : 0;
  });
  return { psi, intensity, presence };
}
