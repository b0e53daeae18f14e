import { AurigError } from '@aurig/core';
import type { RasterCamera } from '../render/camera.ts';
import type { RasterMesh } from '../render/rasterize.ts';
import type { RigDefinition } from './RigDefinition.ts';
import { rigSlots, type RigSlots } from './RigSlots.ts';
import { compileDrivers, evaluateRigPose, type CompiledDrivers, type RigPose } from './RigPose.ts';

/** A rig deformed to one set of values. World millimetres. */
export interface DeformedRig {
  readonly meshes: RasterMesh[];
  /** 468×3 MediaPipe-order landmark positions; empty when the rig has no correspondence. */
  readonly landmarks468: Float32Array;
  /** 68×3 iBUG-order landmark positions; empty when the rig has no correspondence. */
  readonly landmarks68: Float32Array;
}

/** Turns a pose into deformed geometry (CPU skinning, or Babylon for glTF rigs). */
export interface RigDeformer {
  deform(pose: RigPose): DeformedRig;
  dispose(): void;
}

/** A loaded rig: its definition, value layout, compiled drivers and a deformer. */
export interface Rig {
  readonly name: string;
  readonly definition: RigDefinition;
  readonly slots: RigSlots;
  readonly drivers: CompiledDrivers;
  /** Default framing for `renderRig`. */
  readonly camera: RasterCamera;
  /** Evaluate the drivers at `values` (slot order, e.g. `RigParams.values`). */
  pose(values: Float32Array): RigPose;
  /** Pose and deform. */
  deform(values: Float32Array): DeformedRig;
  dispose(): void;
}

/** Assemble a rig from a validated definition and a deformer (internal to loaders). */
export function createRig(definition: RigDefinition, makeDeformer: (drivers: CompiledDrivers) => RigDeformer, camera: RasterCamera, morphNames: readonly string[] = []): Rig {
  const slots = rigSlots(definition);
  const drivers = compileDrivers(definition, slots, morphNames);
  const deformer = makeDeformer(drivers);
  let disposed = false;
  const pose = (values: Float32Array): RigPose => {
    if (values.length !== slots.names.length) {
      throw new AurigError('E_BAD_PARAMS', `rig '${definition.name}' takes ${slots.names.length} values, got ${values.length}; build them with createRigParams(rig, …)`);
    }
    return evaluateRigPose(drivers, slots, values);
  };
  return {
    name: definition.name, definition, slots, drivers, camera, pose,
    deform(values) {
      if (disposed) throw new AurigError('E_BAD_OPTION', `rig '${definition.name}' was disposed`);
      return deformer.deform(pose(values));
    },
    dispose() { if (!disposed) { disposed = true; deformer.dispose(); } },
  };
}
