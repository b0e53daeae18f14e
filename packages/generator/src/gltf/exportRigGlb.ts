import { MeshoptEncoder } from 'meshoptimizer';
import type { RigDefinition } from '../rig/RigDefinition.ts';
import { validateRig } from '../rig/validateRig.ts';
import { boneOrder, worldMatrices } from '../rig/cpuDeformer.ts';
import { compileDrivers } from '../rig/RigPose.ts';
import { rigSlots } from '../rig/RigSlots.ts';
import { invertAffine } from '../rig/affine.ts';
import { writeGlb, type GlbNode, type GlbMesh } from './writeGlb.ts';
import { GLTF_MM_PER_UNIT } from './GLTF_MM_PER_UNIT.ts';

/** glTF units are metres; aurig's are millimetres. */
const M_PER_MM = 1 / GLTF_MM_PER_UNIT;

/**
 * Export an inline-mesh rig as glTF 2.0 binary: bones as a skin, parts as meshes (vertex colours,
 * morph targets with `extras.targetNames`), and the rig itself (params, drivers, bones,
 * landmarks, camera; no mesh) in the scene's `extras.aurigRig`, so `loadRig` restores every control.
 */
export async function exportRigGlb(definition: RigDefinition, options: { meshopt?: boolean } = {}): Promise<Uint8Array> {
  const def = validateRig(definition);
  if (!('parts' in def.mesh)) throw new Error('exportRigGlb: the rig already has a glTF mesh');
  if (options.meshopt) await MeshoptEncoder.ready;
  const slots = rigSlots(def);
  const drivers = compileDrivers(def, slots);
  const { order, parent } = boneOrder(def);
  const B = def.bones.length;
  const world = worldMatrices(drivers.bind, order, parent);
  const ibm = new Float32Array(B * 16);
  const inv = new Float64Array(12);
  for (let b = 0; b < B; b++) {
    invertAffine(inv, 0, world, 12 * b);
    // row-major 3×4 (mm) → column-major 4×4 (m)
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) ibm[16 * b + 4 * c + r] = inv[4 * r + c];
    for (let r = 0; r < 3; r++) ibm[16 * b + 12 + r] = inv[4 * r + 3] * M_PER_MM;
    ibm[16 * b + 15] = 1;
  }
  const nodes: GlbNode[] = def.bones.map((bone) => ({
    name: bone.name,
    translation: bone.translation.map((x) => x * M_PER_MM),
    ...(bone.rotation ? { rotation: [...bone.rotation] } : {}),
    ...(bone.scale ? { scale: [...bone.scale] } : {}),
    ...(def.bones.some((c) => c.parent === bone.name) ? { children: def.bones.flatMap((c, j) => (c.parent === bone.name ? [j] : [])) } : {}),
  }));
  const roots = def.bones.flatMap((b, i) => (b.parent === undefined ? [i] : []));
  const meshes: GlbMesh[] = [];
  for (const part of def.mesh.parts) {
    const V = part.positions.length / 3;
    const targets = (part.morphTargets ?? []).map((t) => {
      const dense = new Float32Array(V * 3);
      if (t.indices) t.indices.forEach((v, k) => { dense[3 * v] = t.deltas[3 * k] * M_PER_MM; dense[3 * v + 1] = t.deltas[3 * k + 1] * M_PER_MM; dense[3 * v + 2] = t.deltas[3 * k + 2] * M_PER_MM; });
      else t.deltas.forEach((d, k) => { dense[k] = d * M_PER_MM; });
      return { name: t.name, positions: dense };
    });
    meshes.push({
      name: part.name,
      primitives: [{
        positions: Float32Array.from(part.positions, (x) => x * M_PER_MM),
        indices: Uint32Array.from(part.indices),
        colors: Float32Array.from(part.colors),
        ...(part.skin ? { joints: Uint16Array.from(part.skin.joints), weights: Float32Array.from(part.skin.weights) } : {}),
        targets,
      }],
    });
    nodes.push({ name: part.name, mesh: meshes.length - 1, ...(part.skin ? { skin: 0 } : {}) });
    roots.push(nodes.length - 1);
  }
  const { mesh: _mesh, ...rest } = def;
  return writeGlb({
    nodes, roots, meshes,
    skins: B > 0 ? [{ joints: def.bones.map((_, i) => i), inverseBindMatrices: ibm, ...(roots.length ? { skeleton: roots[0] } : {}) }] : [],
    extras: { aurigRig: rest },
    meshopt: options.meshopt,
  });
}
