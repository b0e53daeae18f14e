export { AurigError, AURIG_ERROR_CODES, isAurigError } from './errors/AurigError.ts';
export type { AurigErrorCode, AurigErrorDetails } from './errors/AurigError.ts';
export * from './backend/index.ts';
export * from './detect/index.ts';
export * from './image/index.ts';
export * from './aufart/index.ts';
export * from './facemodel/index.ts';
export * from './au/index.ts';
export * from './analyze/index.ts';
