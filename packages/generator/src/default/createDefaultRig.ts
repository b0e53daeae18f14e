import { compileRig } from '../rig/compileRig.ts';
import type { Rig } from '../rig/Rig.ts';
import { buildDefaultRigDefinition } from './buildDefaultRigDefinition.ts';

/** The default BDFM character rig (269 values), compiled for CPU deformation. Built once per call; cheap after the first. */
export function createDefaultRig(): Rig {
  return compileRig(buildDefaultRigDefinition());
}
