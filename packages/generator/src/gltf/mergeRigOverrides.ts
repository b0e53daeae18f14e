import type { RigDefinition, RigDriverDef, RigParamDef } from '../rig/RigDefinition.ts';

/**
 * Apply a side file to a derived definition: params replace the derived param of the same name
 * (or are appended); drivers replace every derived driver of the params they name (or are
 * appended); any other field (name, bones, landmarks, camera) replaces the derived one.
 */
export function mergeRigOverrides(base: RigDefinition, over: Partial<RigDefinition> | undefined): RigDefinition {
  if (!over) return base;
  const { params, drivers, mesh: _ignored, ...rest } = over;
  let outParams: readonly RigParamDef[] = base.params;
  if (params) {
    const byName = new Map(params.map((p) => [p.name, p]));
    outParams = [...base.params.map((p) => byName.get(p.name) ?? p), ...params.filter((p) => !base.params.some((b) => b.name === p.name))];
  }
  let outDrivers: readonly RigDriverDef[] = base.drivers;
  if (drivers) {
    const named = new Set(drivers.map((d) => d.param));
    outDrivers = [...base.drivers.filter((d) => !named.has(d.param)), ...drivers];
  }
  return { ...base, ...rest, params: outParams, drivers: outDrivers };
}
