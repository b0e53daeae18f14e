import { AU_NAMES, type AuName } from '../au/auNames.ts';
import { EMOTION_NAMES, EMOTION_PROTOTYPES, type EmotionName } from '../au/emotionPrototypes.ts';

/**
 * Prior probability that an AU is present, and the chance that a face shows it outside the prototypes of its emotion
 * (a neutral face included): the appearance reading's "no opinion" level. Not fitted to the expr photos: the figures
 * they give from 0.02 to 0.3 are in MODEL.md.
 */
export const AU_PRIOR = 0.1;
/** Readings are kept within [ε, 1 − ε] before their odds are taken: a reading of exactly 0 or 1 must not veto the other. */
const EPS = 1e-3;

/**
 * Appearance evidence for each AU from an expression classifier's class probabilities: P(AU | appearance) =
 * Σₑ p(e)·q(AU | e), with q = 1 for the AUs at the core of emotion e's EMFACS prototype (`EMOTION_PROTOTYPES`) and
 * `AU_PRIOR` otherwise (and for `neutral`). An AU no prototype names gets exactly `AU_PRIOR`: no opinion. Not learned: a
 * fixed table, because features of a pretrained face network learnt on aurig's renders do not mean on a real face what
 * they mean on the character (MODEL.md), and no real face may be trained on.
 */
export function appearanceAuEvidence(emotions: Readonly<Record<EmotionName, number>>): Record<AuName, number> {
  const ps = EMOTION_NAMES.map((e) => (emotions[e]! > 0 ? emotions[e]! : 0));
  const total = ps.reduce((a, b) => a + b, 0);
  const out = Object.fromEntries(AU_NAMES.map((a) => [a, AU_PRIOR])) as Record<AuName, number>;
  if (!(total > 0) || !Number.isFinite(total)) return out;
  for (const a of AU_NAMES) {
    let s = 0;
    EMOTION_NAMES.forEach((e, k) => {
      const core = e !== 'neutral' && EMOTION_PROTOTYPES[e].core.includes(a);
      s += (ps[k]! / total) * (core ? 1 : AU_PRIOR);
    });
    out[a] = s;
  }
  return out;
}

const odds = (p: number) => {
  const q = Number.isFinite(p) ? Math.min(1 - EPS, Math.max(EPS, p)) : AU_PRIOR;
  return q / (1 - q);
};

/**
 * Independent readings of one AU (each 0..1: the geometry's, then each appearance classifier's) combined as a product of
 * experts (naive Bayes): odds(AU | all) = odds(geometry) · Πᵢ [odds(appearanceᵢ) / odds(prior)]. A reading at the prior
 * `AU_PRIOR` (a neutral face's appearance, an AU no prototype names) changes nothing; one above it scales the others'
 * odds, so the geometry picks which of an emotion's AUs the appearance raises most, where a noisy-OR raised them all
 * alike, and two classifiers that agree count twice (MODEL.md); a reading below the prior lowers the result. The result
 * stays in 0..1; a non-finite reading counts as no opinion.
 */
export function fuseAuReadings(geometry: number, ...appearance: number[]): number {
  let o = odds(geometry);
  for (const a of appearance) o *= odds(a) / odds(AU_PRIOR);
  return o / (1 + o);
}
