import type { AuName } from './auNames.ts';

/** The emotions of EMFACS-style prototypes, named as Human's emotion network names its classes (plus `neutral`). */
export const EMOTION_NAMES = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;
export type EmotionName = (typeof EMOTION_NAMES)[number];

/** One emotion's prototype: the AUs that define it (`core`) and AUs that often join (`optional`). */
export interface EmotionPrototype {
  readonly core: readonly AuName[];
  /** May name AUs aurig does not model (AU11), which the sampler skips. */
  readonly optional: readonly string[];
}

/**
 * EMFACS-style prototypes of the six basic emotions (after Ekman & Friesen's emotion predictions; the core is the part
 * of each prototype that defines it, as aurig's AU sampler has always drawn them): one table for two uses — the
 * synthetic AU sampler draws these combinations (`sampleAus`), and the analyzer's appearance evidence maps the emotion
 * network's class probabilities onto the core AUs (`appearanceAuEvidence`).
 */
export const EMOTION_PROTOTYPES: Readonly<Record<Exclude<EmotionName, 'neutral'>, EmotionPrototype>> = {
  happy: { core: ['AU06', 'AU12'], optional: ['AU25', 'AU26', 'AU07', 'AU10'] },
  surprise: { core: ['AU01', 'AU02'], optional: ['AU05', 'AU25', 'AU26', 'AU27'] },
  angry: { core: ['AU04', 'AU07'], optional: ['AU05', 'AU23', 'AU24', 'AU17', 'AU09'] },
  sad: { core: ['AU01', 'AU04', 'AU15'], optional: ['AU17', 'AU06', 'AU11'] },
  disgust: { core: ['AU09', 'AU10'], optional: ['AU15', 'AU17', 'AU04', 'AU25', 'AU16'] },
  fear: { core: ['AU01', 'AU02', 'AU04', 'AU05', 'AU20'], optional: ['AU25', 'AU26', 'AU07'] },
};
