export { EmotionNetwork } from './emotionNetwork.ts';
export { ExpressionNetwork, averageEmotions, faceApiModelDir } from './expressionNetwork.ts';
export { loadAppearanceClassifier, APPEARANCE_MODELS, type AppearanceModel, type AppearanceClassifier } from './appearanceClassifier.ts';
export { appearanceAuEvidence, fuseAuReadings, AU_PRIOR } from './appearanceAus.ts';
