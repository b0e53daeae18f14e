/**
 * The one expected-error class of aurig. Every failure a caller can cause (bad image, bad rig,
 * bad parameters, …) is thrown as an `AurigError` whose `code` is machine-readable and whose
 * message says what failed, the offending value, and what to do about it.
 */
export const AURIG_ERROR_CODES = {
  E_BAD_IMAGE: 'E_BAD_IMAGE',
  E_BAD_VIDEO: 'E_BAD_VIDEO',
  E_NO_FACE: 'E_NO_FACE',
  E_BAD_RIG: 'E_BAD_RIG',
  E_BAD_PARAMS: 'E_BAD_PARAMS',
  E_UNKNOWN_CONTROL: 'E_UNKNOWN_CONTROL',
  E_BAD_MODEL: 'E_BAD_MODEL',
  E_BAD_OPTION: 'E_BAD_OPTION',
  E_BACKEND: 'E_BACKEND',
  E_IO: 'E_IO',
} as const;
export type AurigErrorCode = (typeof AURIG_ERROR_CODES)[keyof typeof AURIG_ERROR_CODES];

export interface AurigErrorDetails {
  /** Where the problem is, e.g. a file path or a JSON path such as `/params/3/min`. */
  readonly path?: string;
  /** The offending value, when it is small enough to print. */
  readonly value?: unknown;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

export class AurigError extends Error {
  override readonly name = 'AurigError';
  readonly code: AurigErrorCode;
  readonly path?: string;
  readonly value?: unknown;

  constructor(code: AurigErrorCode, message: string, details: AurigErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    if (details.path !== undefined) this.path = details.path;
    if (details.value !== undefined) this.value = details.value;
  }
}

/** True when `e` is an AurigError, optionally with the given code. */
export function isAurigError(e: unknown, code?: AurigErrorCode): e is AurigError {
  return e instanceof AurigError && (code === undefined || e.code === code);
}
