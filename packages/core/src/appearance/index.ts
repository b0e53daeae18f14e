export { EmotionNetwork } from './emotionNetwork.ts';
export { appearanceAuEvidence, fuseAuReadings, AU_PRIOR } from './appearanceAus.ts';
