import { AurigError, type FaceParams } from '@aurig/core';
import type { Rig, RigParams } from '@aurig/generator';
import { retargetDirect } from './direct/retargetDirect.ts';

/** How FaceParams become rig values. */
export const RETARGET_METHODS = { direct: 'direct' } as const;
export type RetargetMethod = (typeof RETARGET_METHODS)[keyof typeof RETARGET_METHODS];

export interface RetargetOptions {
  /** Default `direct` (AU-tagged controls take their AU's intensity; pose controls the head pose). */
  readonly method?: RetargetMethod;
}

export const DEFAULT_RETARGET_OPTIONS = { method: 'direct' } as const satisfies Required<RetargetOptions>;

/**
 * The values of `rig`'s own controls that reproduce `face` (one face of `analyze`'s result).
 * Out-of-range values are clamped to the rig's ranges; the result never holds NaN.
 */
export function retarget(face: FaceParams, rig: Rig, options: RetargetOptions = {}): RigParams {
  const method = options.method ?? DEFAULT_RETARGET_OPTIONS.method;
  if (method !== 'direct') {
    throw new AurigError('E_BAD_OPTION', `retarget method '${String(method)}' is unknown; use one of ${Object.keys(RETARGET_METHODS).join(', ')}`, { value: method });
  }
  return retargetDirect(face, rig);
}
