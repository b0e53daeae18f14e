import type { ParamGroup, ParamSide, RigDefinition } from './RigDefinition.ts';

/**
 * The flat layout of a rig's values: one slot per continuous param and one per choice of a
 * discrete param (`${param}:${choice}`, one-hot), in the rig's param order.
 */
export interface RigSlots {
  readonly names: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly min: Float32Array;
  readonly max: Float32Array;
  readonly defaults: Float32Array;
  readonly groups: readonly ParamGroup[];
  readonly au: readonly (string | undefined)[];
  readonly side: readonly (ParamSide | undefined)[];
  /** One-hot groups: the slots [start, start + count) of each discrete param. */
  readonly choiceGroups: readonly { readonly name: string; readonly start: number; readonly count: number }[];
  /** 1 for a slot that belongs to a one-hot group. */
  readonly isChoice: Uint8Array;
}

/** Lay out the slots of a (validated) rig definition. */
export function rigSlots(def: RigDefinition): RigSlots {
  const names: string[] = [], min: number[] = [], max: number[] = [], defaults: number[] = [];
  const groups: ParamGroup[] = [], au: (string | undefined)[] = [], side: (ParamSide | undefined)[] = [];
  const choiceGroups: { name: string; start: number; count: number }[] = [];
  for (const p of def.params) {
    if ('choices' in p) {
      choiceGroups.push({ name: p.name, start: names.length, count: p.choices.length });
      p.choices.forEach((c, k) => {
        names.push(`${p.name}:${c}`); min.push(0); max.push(1); defaults.push(k === p.default ? 1 : 0);
        groups.push(p.group); au.push(p.au); side.push(p.side);
      });
    } else {
      names.push(p.name); min.push(p.min); max.push(p.max); defaults.push(p.default);
      groups.push(p.group); au.push(p.au); side.push(p.side);
    }
  }
  const isChoice = new Uint8Array(names.length);
  for (const g of choiceGroups) isChoice.fill(1, g.start, g.start + g.count);
  return {
    isChoice, names, index: new Map(names.map((n, i) => [n, i])),
    min: Float32Array.from(min), max: Float32Array.from(max), defaults: Float32Array.from(defaults),
    groups, au, side, choiceGroups,
  };
}
