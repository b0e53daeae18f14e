export { EmotionNetwork } from './emotionNetwork.ts';
export { appearanceAuEvidence, fuseAuReadings } from './appearanceAus.ts';
