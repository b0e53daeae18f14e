export { EmotionNetwork } from './emotionNetwork.ts';
export { ExpressionNetwork, faceApiModelDir } from './expressionNetwork.ts';
export { loadAppearanceClassifier, averageEmotions, APPEARANCE_MODELS, type AppearanceModel, type AppearanceClassifier } from './appearanceClassifier.ts';
export { appearanceAuEvidence, fuseAuReadings, AU_PRIOR } from './appearanceAus.ts';
