import type { RigParams } from './RigParams.ts';

/** `{ name: value }` of every slot, in slot order. */
export function rigParamsToRecord(params: RigParams): Record<string, number> {
  const out: Record<string, number> = {};
  params.names.forEach((n, i) => { out[n] = params.values[i]; });
  return out;
}
