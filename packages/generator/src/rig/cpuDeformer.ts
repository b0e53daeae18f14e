import type { RasterMesh } from '../render/rasterize.ts';
import type { RigDefinition, RigMeshPartDef } from './RigDefinition.ts';
import type { CompiledDrivers, RigPose } from './RigPose.ts';
import type { DeformedRig, RigDeformer } from './Rig.ts';
import { composeTRS, invertAffine, mulAffine } from './affine.ts';
import { rigPoints } from './rigPoints.ts';

interface Part {
  readonly def: RigMeshPartDef;
  readonly base: Float32Array;
  readonly colors: Float32Array;
  readonly indices: Uint32Array;
  readonly joints?: Uint16Array;
  readonly weights?: Float32Array;
  readonly morphs: readonly { readonly slot: number; readonly indices?: Uint32Array; readonly deltas: Float32Array }[];
}

/** Parent-before-child order of the bones. */
export function boneOrder(def: RigDefinition): { order: Int32Array; parent: Int32Array } {
  const index = new Map(def.bones.map((b, i) => [b.name, i]));
  const parent = Int32Array.from(def.bones.map((b) => (b.parent === undefined ? -1 : index.get(b.parent)!)));
  const depth = (i: number): number => (parent[i] < 0 ? 0 : 1 + depth(parent[i]));
  const order = Int32Array.from(def.bones.map((_, i) => i).sort((a, b) => depth(a) - depth(b) || a - b));
  return { order, parent };
}

/** Bones × 12 world matrices of a pose (`local` bones × 10 TRS). */
export function worldMatrices(local: Float64Array, order: Int32Array, parent: Int32Array): Float64Array {
  const B = parent.length;
  const world = new Float64Array(B * 12), tmp = new Float64Array(12);
  for (const b of order) {
    const o = 10 * b;
    if (parent[b] < 0) composeTRS(world, 12 * b, local.subarray(o, o + 3), local.subarray(o + 3, o + 7), local.subarray(o + 7, o + 10));
    else {
      composeTRS(tmp, 0, local.subarray(o, o + 3), local.subarray(o + 3, o + 7), local.subarray(o + 7, o + 10));
      mulAffine(world, 12 * b, world, 12 * parent[b], tmp, 0);
    }
  }
  return world;
}

/**
 * CPU deformation of an inline-mesh rig: morph targets, then linear blend skinning
 * v' = Σ_j w_j · (W_j · W_j,bind⁻¹) · v (as in glTF / DECA `lbs`).
 */
export function createCpuDeformer(def: RigDefinition, drivers: CompiledDrivers): RigDeformer {
  const parts: Part[] = ('parts' in def.mesh ? def.mesh.parts : []).map((p) => ({
    def: p,
    base: Float32Array.from(p.positions),
    colors: Float32Array.from(p.colors),
    indices: Uint32Array.from(p.indices),
    joints: p.skin ? Uint16Array.from(p.skin.joints) : undefined,
    weights: p.skin ? Float32Array.from(p.skin.weights) : undefined,
    morphs: (p.morphTargets ?? []).filter((t) => drivers.morphNames.includes(t.name)).map((t) => ({
      slot: drivers.morphNames.indexOf(t.name),
      indices: t.indices ? Uint32Array.from(t.indices) : undefined,
      deltas: Float32Array.from(t.deltas),
    })),
  }));
  const { order, parent } = boneOrder(def);
  const B = parent.length;
  const bindWorld = worldMatrices(drivers.bind, order, parent);
  const invBind = new Float64Array(B * 12);
  for (let b = 0; b < B; b++) invertAffine(invBind, 12 * b, bindWorld, 12 * b);
  const skinM = new Float64Array(B * 12);

  return {
    deform(pose: RigPose): DeformedRig {
      const world = worldMatrices(pose.local, order, parent);
      for (let b = 0; b < B; b++) mulAffine(skinM, 12 * b, world, 12 * b, invBind, 12 * b);
      const meshes: RasterMesh[] = [];
      const byName = new Map<string, Float32Array>();
      for (const p of parts) {
        const pos = Float32Array.from(p.base);
        for (const m of p.morphs) {
          const w = pose.morph[m.slot];
          if (w === 0) continue;
          const d = m.deltas;
          if (m.indices) for (let k = 0; k < m.indices.length; k++) {
            const v = 3 * m.indices[k];
            pos[v] += w * d[3 * k]; pos[v + 1] += w * d[3 * k + 1]; pos[v + 2] += w * d[3 * k + 2];
          } else for (let k = 0; k < d.length; k++) pos[k] += w * d[k];
        }
        if (p.joints && p.weights) skin(pos, p.joints, p.weights, skinM);
        byName.set(p.def.name, pos);
        meshes.push({ positions: pos, indices: p.indices, colors: p.colors, faceRegion: p.def.faceRegion ?? false, cull: p.def.cull ?? 'none' });
      }
      return { meshes, landmarks468: rigPoints(def.landmarks?.mediapipe468, byName), landmarks68: rigPoints(def.landmarks?.ibug68, byName) };
    },
    dispose() {},
  };
}

function skin(pos: Float32Array, joints: Uint16Array, weights: Float32Array, M: Float64Array): void {
  const V = pos.length / 3;
  for (let v = 0; v < V; v++) {
    const x = pos[3 * v], y = pos[3 * v + 1], z = pos[3 * v + 2];
    let ox = 0, oy = 0, oz = 0, ws = 0;
    for (let k = 0; k < 4; k++) {
      const w = weights[4 * v + k];
      if (w === 0) continue;
      const m = 12 * joints[4 * v + k];
      ox += w * (M[m] * x + M[m + 1] * y + M[m + 2] * z + M[m + 3]);
      oy += w * (M[m + 4] * x + M[m + 5] * y + M[m + 6] * z + M[m + 7]);
      oz += w * (M[m + 8] * x + M[m + 9] * y + M[m + 10] * z + M[m + 11]);
      ws += w;
    }
    if (ws > 0) { pos[3 * v] = ox / ws; pos[3 * v + 1] = oy / ws; pos[3 * v + 2] = oz / ws; }
  }
}
