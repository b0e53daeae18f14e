import { AurigError } from '@aurig/core';
import type { Rig } from '../rig/Rig.ts';

/** Named values of a rig's controls; `values` follow the rig's slot order (`names`). */
export interface RigParams {
  readonly rig: string;
  readonly names: readonly string[];
  readonly values: Float32Array;
}

/**
 * Values for `rig`: its defaults, overridden by `input` — a record by slot name (a discrete param
 * may also be given by its own name and the choice index), or a full array in slot order.
 * Out-of-range values are clamped; a non-finite value throws E_BAD_PARAMS, an unknown name
 * E_UNKNOWN_CONTROL. Never lets NaN into a rig.
 */
export function createRigParams(rig: Rig, input?: Readonly<Record<string, number>> | ArrayLike<number>): RigParams {
  const s = rig.slots;
  const values = Float32Array.from(s.defaults);
  if (input !== undefined && isArrayLike(input)) {
    if (input.length !== values.length) {
      throw new AurigError('E_BAD_PARAMS', `rig '${rig.name}' has ${values.length} values, got an array of ${input.length}; pass a record by name to set a few`, { value: input.length });
    }
    for (let i = 0; i < values.length; i++) values[i] = checked(s.names[i], Number(input[i]));
  } else if (input !== undefined) {
    for (const [name, raw] of Object.entries(input)) {
      const i = s.index.get(name);
      if (i !== undefined) { values[i] = checked(name, raw); continue; }
      const g = s.choiceGroups.find((c) => c.name === name);
      if (!g) {
        throw new AurigError('E_UNKNOWN_CONTROL', `rig '${rig.name}' has no control '${name}'; see 'aurig rig inspect' for its names`, { path: name, value: raw });
      }
      const k = checked(name, raw);
      if (!Number.isInteger(k) || k < 0 || k >= g.count) {
        throw new AurigError('E_BAD_PARAMS', `'${name}' takes a choice index 0..${g.count - 1}, got ${raw}`, { path: name, value: raw });
      }
      values.fill(0, g.start, g.start + g.count);
      values[g.start + k] = 1;
    }
  }
  for (let i = 0; i < values.length; i++) values[i] = Math.min(s.max[i], Math.max(s.min[i], values[i]));
  return { rig: rig.name, names: s.names, values };
}

function isArrayLike(x: unknown): x is ArrayLike<number> {
  return ArrayBuffer.isView(x) || Array.isArray(x);
}

function checked(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new AurigError('E_BAD_PARAMS', `value of '${name}' is ${String(v)}; give a finite number`, { path: name, value: v });
  }
  return v;
}
