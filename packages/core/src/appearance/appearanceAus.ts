import { AU_NAMES, type AuName } from '../au/auNames.ts';
import { EMOTION_PROTOTYPES, type EmotionName } from '../au/emotionPrototypes.ts';

/**
 * Appearance evidence for each AU from an expression classifier's class probabilities: the summed probability of the
 * emotions whose EMFACS prototype has the AU at its core (`EMOTION_PROTOTYPES`), at most 1. Not learned: a fixed
 * table, because features of a pretrained face network learnt on aurig's renders do not mean on a real face what they
 * mean on the character (MODEL.md), and no real face may be trained on. AUs no prototype names get 0.
 */
export function appearanceAuEvidence(emotions: Readonly<Record<EmotionName, number>>): Record<AuName, number> {
  const out = Object.fromEntries(AU_NAMES.map((a) => [a, 0])) as Record<AuName, number>;
  for (const [emotion, proto] of Object.entries(EMOTION_PROTOTYPES) as [keyof typeof EMOTION_PROTOTYPES, (typeof EMOTION_PROTOTYPES)['happy']][]) {
    const p = emotions[emotion];
    if (!(p > 0)) continue;
    for (const au of proto.core) out[au] = Math.min(1, out[au] + p);
  }
  return out;
}

/**
 * Noisy-OR of two independent readings of one AU, each 0..1: 1 − (1 − geometry)(1 − appearance). Either alone can
 * raise the AU; neither can lower what the other saw; the result stays in 0..1 (non-finite inputs count as 0).
 */
export function fuseAuReadings(geometry: number, appearance: number): number {
  const g = Number.isFinite(geometry) ? Math.min(1, Math.max(0, geometry)) : 0;
  const a = Number.isFinite(appearance) ? Math.min(1, Math.max(0, appearance)) : 0;
  return 1 - (1 - g) * (1 - a);
}
