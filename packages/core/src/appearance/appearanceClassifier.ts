import { AurigError } from '../errors/AurigError.ts';
import type { Pixels } from '../detect/cropRgb.ts';
import type { DetectedFace } from '../detect/types.ts';
import { EMOTION_NAMES, type EmotionName } from '../au/emotionPrototypes.ts';
import { EmotionNetwork } from './emotionNetwork.ts';
import { ExpressionNetwork } from './expressionNetwork.ts';

/** The pretrained expression classifiers aurig can read a face's appearance with (both trained on real faces by others). */
export const APPEARANCE_MODELS = ['human-emotion', 'face-api-expression'] as const;
export type AppearanceModel = (typeof APPEARANCE_MODELS)[number];

/** The classifiers an analyzer runs on each face. */
export interface AppearanceClassifier {
  readonly models: readonly AppearanceModel[];
  /** One reading (class probabilities) per model, in the order of `models`. */
  classify(image: Pixels, face: DetectedFace): Record<EmotionName, number>[];
  dispose(): void;
}

/**
 * Load `models` (default all of `APPEARANCE_MODELS`): Human's `EmotionNetwork` from `humanModelDir` (its `models/`
 * folder; '' for the installed package's), face-api's `ExpressionNetwork` from the installed @vladmandic/face-api. Two
 * networks trained by different people on different data err differently: the analyzer takes each one's AU evidence as
 * a reading of its own (`fuseAuReadings`) and reports the mean of their class probabilities (MODEL.md).
 */
export async function loadAppearanceClassifier(models: readonly string[] = APPEARANCE_MODELS, humanModelDir = ''): Promise<AppearanceClassifier> {
  if (!Array.isArray(models)) throw new AurigError('E_BAD_OPTION', `appearance models must be a list of ${APPEARANCE_MODELS.join(', ')}, got ${String(models)}`, { value: models });
  const unknown = models.filter((m) => !(APPEARANCE_MODELS as readonly string[]).includes(m));
  if (unknown.length || !models.length) {
    throw new AurigError('E_BAD_OPTION', `appearance models ${JSON.stringify(models)}: choose one or more of ${APPEARANCE_MODELS.join(', ')}`, { value: models });
  }
  const chosen = [...new Set(models)] as AppearanceModel[];
  const loaded: { classify: (image: Pixels, face: DetectedFace) => Record<EmotionName, number>; dispose: () => void }[] = [];
  try {
    for (const m of chosen) {
      if (m === 'human-emotion') {
        const n = await EmotionNetwork.load(humanModelDir);
        loaded.push({ classify: (image, face) => n.classify(image, face.box), dispose: () => n.dispose() });
      } else {
        const n = await ExpressionNetwork.load();
        loaded.push({ classify: (image, face) => n.classify(image, face.landmarks68), dispose: () => n.dispose() });
      }
    }
  } catch (e) {
    for (const l of loaded) l.dispose();
    throw e;
  }
  return {
    models: chosen,
    classify: (image, face) => loaded.map((l) => l.classify(image, face)),
    dispose: () => { for (const l of loaded) l.dispose(); },
  };
}

/** The mean of several classifiers' class probabilities, summing to 1 (uniform when there is none): `FaceParams.emotions`. */
export function averageEmotions(readings: readonly Readonly<Record<EmotionName, number>>[]): Record<EmotionName, number> {
  const out = Object.fromEntries(EMOTION_NAMES.map((n) => [n, 0])) as Record<EmotionName, number>;
  if (!readings.length) return Object.fromEntries(EMOTION_NAMES.map((n) => [n, 1 / EMOTION_NAMES.length])) as Record<EmotionName, number>;
  for (const r of readings) for (const n of EMOTION_NAMES) out[n] += (Number.isFinite(r[n]) && r[n] > 0 ? r[n] : 0) / readings.length;
  const z = EMOTION_NAMES.reduce((a, n) => a + out[n], 0);
  for (const n of EMOTION_NAMES) out[n] = z > 0 ? out[n] / z : 1 / EMOTION_NAMES.length;
  return out;
}
