import type { RigDefinition } from '../rig/RigDefinition.ts';

/**
 * Map a JSON pointer into the definition `mergeRigOverrides(base, over)` returned back to the side
 * file `over`, or undefined when that part of the definition was derived from the glTF file.
 */
export function overridePointer(base: RigDefinition, over: Partial<RigDefinition>, merged: RigDefinition, pointer: string): string | undefined {
  const [, key, index, ...rest] = pointer.split('/');
  const tail = rest.length ? `/${rest.join('/')}` : '';
  const i = Number(index);
  if (key === 'drivers' && over.drivers && Number.isInteger(i)) {
    const named = new Set(over.drivers.map((d) => d.param));
    const kept = base.drivers.filter((d) => !named.has(d.param)).length;
    return i >= kept ? `/drivers/${i - kept}${tail}` : undefined;
  }
  if (key === 'params' && over.params && Number.isInteger(i)) {
    const j = over.params.findIndex((p) => p.name === merged.params[i]?.name);
    return j >= 0 ? `/params/${j}${tail}` : undefined;
  }
  if (key !== undefined && key !== '' && key !== 'params' && key !== 'drivers' && key in over) return pointer;
  return undefined;
}
