export { SIDED_AUS, BILATERAL_AUS, AU_NAMES, AU_PARAM_NAMES, auOfParam } from './auNames.ts';
export type { AuName, AuParamName, SidedAuName, BilateralAuName } from './auNames.ts';
