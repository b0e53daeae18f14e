import { AurigError } from '@aurig/core';
import type { RasterCamera } from '../render/camera.ts';
import { createCpuDeformer } from './cpuDeformer.ts';
import { createRig, type Rig } from './Rig.ts';
import type { RigDefinition } from './RigDefinition.ts';
import { validateRig } from './validateRig.ts';

/** Field of view of the framing camera derived for a rig without one, degrees. */
const AUTO_FOV_DEG = 20;

/** Validate an inline-mesh rig definition and build it with CPU deformation. */
export function compileRig(definition: unknown): Rig {
  const def = validateRig(definition);
  if (!('parts' in def.mesh)) {
    throw new AurigError('E_BAD_RIG', `rig '${def.name}' has a glTF mesh ('${def.mesh.gltf}'); load it with loadRig(file)`, { path: '/mesh/gltf' });
  }
  const all = def.mesh.parts.flatMap((p) => p.positions);
  return createRig(def, (d) => createCpuDeformer(def, d), def.camera ?? frameBounds(Float32Array.from(all)));
}

/** A frontal camera that fits the points' bounding box (world mm) with some margin. */
export function frameBounds(points: Float32Array): RasterCamera {
  let minX = Infinity, minY = Infinity, minZ = Infinity, maxX = -Infinity, maxY = -Infinity, maxZ = -Infinity;
  for (let i = 0; i < points.length; i += 3) {
    minX = Math.min(minX, points[i]); maxX = Math.max(maxX, points[i]);
    minY = Math.min(minY, points[i + 1]); maxY = Math.max(maxY, points[i + 1]);
    minZ = Math.min(minZ, points[i + 2]); maxZ = Math.max(maxZ, points[i + 2]);
  }
  if (!Number.isFinite(minX)) return { position: [0, 0, 1000], target: [0, 0, 0], fovYDeg: AUTO_FOV_DEG };
  const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2, cz = (minZ + maxZ) / 2;
  const half = Math.max(maxX - minX, maxY - minY) * 0.55 || 1;
  const dist = half / Math.tan((AUTO_FOV_DEG * Math.PI) / 360) + (maxZ - cz);
  return { position: [cx, cy, cz + dist], target: [cx, cy, cz], fovYDeg: AUTO_FOV_DEG };
}
