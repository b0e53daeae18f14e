import { LoadAssetContainerAsync } from '@babylonjs/core/Loading/sceneLoader.js';
import { Quaternion, Vector3, Matrix } from '@babylonjs/core/Maths/math.vector.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { VertexBuffer } from '@babylonjs/core/Buffers/buffer.js';
import { AurigError } from '@aurig/core';
import type { RasterMesh } from '../render/rasterize.ts';
import type { RigDefinition, RigParamDef, RigDriverDef, RigBoneDef } from '../rig/RigDefinition.ts';
import { validateRig } from '../rig/validateRig.ts';
import { createRig, type Rig, type RigDeformer, type DeformedRig } from '../rig/Rig.ts';
import type { CompiledDrivers, RigPose } from '../rig/RigPose.ts';
import { frameBounds } from '../rig/compileRig.ts';
import { rigPoints } from '../rig/rigPoints.ts';
import { createHeadlessScene } from './babylonScene.ts';
import { readGltfJson, firstExternalResource } from './readGltfJson.ts';
import { arkitEntry } from './ARKIT_BLENDSHAPES.ts';
import { FACIAL_BONE_ROLES, facialBoneRole } from './FACIAL_BONE_ROLES.ts';
import { mergeRigOverrides } from './mergeRigOverrides.ts';

const MM_PER_UNIT = 1000; // glTF metres → aurig millimetres
const DEFAULT_COLOR = [0.85, 0.68, 0.58] as const;

export interface LoadGltfRigOptions {
  /** Shown in messages and used as `mesh.gltf`. */
  readonly source: string;
  readonly format: 'glb' | 'gltf';
  /** Side-file overrides of the derived definition. */
  readonly overrides?: Partial<RigDefinition>;
}

/**
 * Load a glTF rig through Babylon's NullEngine and derive its RigDefinition: each morph target a
 * param (ARKit names tagged with AUs; targets of the same name on several meshes are one
 * control), recognised facial bones a param each, or the `extras.aurigRig` aurig exported.
 */
export async function loadGltfRig(bytes: Uint8Array, options: LoadGltfRigOptions): Promise<Rig> {
  const json = readGltfJson(bytes, options.source);
  const external = firstExternalResource(json);
  if (external) {
    throw new AurigError('E_BAD_RIG', `'${options.source}' refers to the external resource '${external.uri}' at ${external.path}; aurig loads rigs without network or implicit file access — load the .gltf by its path (resources beside it are inlined) or embed the resource`, { path: external.path, value: external.uri });
  }
  const { engine, scene } = createHeadlessScene();
  let container;
  try {
    // Babylon's .gltf plugin takes text, not bytes: hand it over as a `data:` scene
    const source = options.format === 'glb' ? bytes : `data:${new TextDecoder().decode(bytes)}`;
    container = await LoadAssetContainerAsync(source, scene, { pluginExtension: options.format === 'glb' ? '.glb' : '.gltf' });
  } catch (e) {
    engine.dispose();
    throw new AurigError('E_BAD_RIG', `Babylon could not load '${options.source}': ${(e as Error).message}`, { path: options.source, cause: e });
  }
  container.addAllToScene();
  const meshes = container.meshes.filter((m) => m.getTotalVertices() > 0);
  const nodes = new Map<string, TransformNode>();
  for (const n of [...container.transformNodes, ...container.meshes]) if (!nodes.has(n.name)) nodes.set(n.name, n);
  for (const n of nodes.values()) n.computeWorldMatrix(true);

  const embedded = json.scenes?.[json.scene ?? 0]?.extras?.aurigRig as Partial<RigDefinition> | undefined;
  const derived = embedded ? { ...embedded } : deriveDefinition(container.skeletons.flatMap((s) => s.bones.map((b) => b.getTransformNode() ?? undefined)).filter((n): n is TransformNode => !!n), meshes, options.source);
  const merged = mergeRigOverrides({ ...derived, aurig: 'rig/1', mesh: { gltf: options.source } } as RigDefinition, options.overrides);
  let def: RigDefinition;
  try { def = validateRig(merged); } catch (e) { engine.dispose(); throw e; }

  const bind: number[] = [];
  for (const m of meshes) {
    const p = m.getPositionData(false, false) ?? [];
    const w = m.getWorldMatrix();
    const v = new Vector3();
    for (let i = 0; i < p.length; i += 3) { Vector3.TransformCoordinatesFromFloatsToRef(p[i], p[i + 1], p[i + 2], w, v); bind.push(v.x * MM_PER_UNIT, v.y * MM_PER_UNIT, v.z * MM_PER_UNIT); }
  }
  const morphNames = [...new Set(meshes.flatMap((m) => targetNames(m)))];
  return createRig(def, (drivers) => babylonDeformer(def, drivers, meshes, nodes, engine), def.camera ?? frameBounds(Float32Array.from(bind)), morphNames);
}

function targetNames(m: AbstractMesh): string[] {
  const mgr = m.morphTargetManager;
  if (!mgr) return [];
  return Array.from({ length: mgr.numTargets }, (_, k) => mgr.getTarget(k).name);
}

function deriveDefinition(boneNodes: TransformNode[], meshes: AbstractMesh[], source: string): Omit<RigDefinition, 'aurig' | 'mesh'> {
  const params: RigParamDef[] = [];
  const drivers: RigDriverDef[] = [];
  const unique = [...new Set(boneNodes)];
  const names = new Set(unique.map((n) => n.name));
  const bones: RigBoneDef[] = unique.map((n) => {
    const q = n.rotationQuaternion ?? Quaternion.FromEulerVector(n.rotation);
    return {
      name: n.name,
      ...(n.parent && names.has(n.parent.name) ? { parent: n.parent.name } : {}),
      translation: [n.position.x * MM_PER_UNIT, n.position.y * MM_PER_UNIT, n.position.z * MM_PER_UNIT],
      rotation: [q.x, q.y, q.z, q.w],
      scale: [n.scaling.x, n.scaling.y, n.scaling.z],
    };
  });
  for (const name of new Set(meshes.flatMap((m) => targetNames(m)))) {
    const ar = arkitEntry(name);
    params.push({ name, group: 'au', min: 0, max: 1, default: 0, ...(ar?.au ? { au: ar.au } : {}), ...(ar ? { side: ar.side } : {}) });
    drivers.push({ param: name, morph: name });
  }
  for (const n of unique) {
    const r = facialBoneRole(n.name);
    if (!r) continue;
    const spec = FACIAL_BONE_ROLES[r.role];
    const pname = r.side === 'both' ? spec.param : `${spec.param}_${r.side === 'left' ? 'L' : 'R'}`;
    if (params.some((p) => p.name === pname)) continue;
    const mirror = r.side === 'right' ? -1 : 1;
    params.push({ name: pname, group: 'au', au: spec.au, side: r.side, min: 0, max: 1, default: 0, description: `derived from bone '${n.name}'` });
    const world = n.absoluteRotationQuaternion.clone();
    const inv = Quaternion.Inverse(world);
    const drv: { param: string; bone: string; rotation?: [number, number, number]; translation?: [number, number, number] } = { param: pname, bone: n.name };
    if ('rotate' in spec) {
      // world-axis rotation expressed in the bone's own frame (exact for one axis, small angles)
      const a = new Vector3(...spec.rotate);
      const l = a.applyRotationQuaternion(inv);
      drv.rotation = [l.x, l.y, l.z];
    } else {
      const parent = n.parent as TransformNode | null;
      const pInv = parent ? Quaternion.Inverse(parent.absoluteRotationQuaternion) : Quaternion.Identity();
      const ps = parent ? parent.absoluteScaling : new Vector3(1, 1, 1);
      const d = new Vector3(spec.translate[0] * mirror, spec.translate[1], spec.translate[2]).applyRotationQuaternion(pInv);
      drv.translation = [d.x / ps.x, d.y / ps.y, d.z / ps.z];
    }
    drivers.push(drv);
  }
  const name = source.replace(/^.*[\\/]/, '').replace(/\.(glb|gltf)$/i, '') || 'gltf-rig';
  return { name, params, bones, drivers };
}

function babylonDeformer(def: RigDefinition, drivers: CompiledDrivers, meshes: AbstractMesh[], nodes: Map<string, TransformNode>, engine: { dispose(): void }): RigDeformer {
  const boneNodes = def.bones.map((b) => nodes.get(b.name));
  const missing = def.bones.findIndex((_, i) => !boneNodes[i]);
  if (missing >= 0) throw new AurigError('E_BAD_RIG', `bone '${def.bones[missing].name}' is not a node of the glTF file`, { path: `/bones/${missing}/name` });
  const depth = (n: TransformNode): number => (n.parent ? 1 + depth(n.parent as TransformNode) : 0);
  const allNodes = [...new Set([...nodes.values()])].sort((a, b) => depth(a) - depth(b));
  const morphIndex = new Map(drivers.morphNames.map((n, i) => [n, i]));
  const targetSlots = meshes.map((m) => targetNames(m).map((n) => morphIndex.get(n) ?? -1));
  const static_ = meshes.map((m) => {
    const idx = m.getIndices();
    const V = m.getTotalVertices();
    const rgba = m.getVerticesData(VertexBuffer.ColorKind);
    const mat = m.material as unknown as { albedoColor?: { r: number; g: number; b: number }; diffuseColor?: { r: number; g: number; b: number } } | null;
    const base = mat?.albedoColor ?? mat?.diffuseColor;
    const colors = new Float32Array(V * 3);
    const stride = rgba && rgba.length === V * 3 ? 3 : 4;
    for (let v = 0; v < V; v++) {
      colors[3 * v] = rgba ? rgba[stride * v] : base?.r ?? DEFAULT_COLOR[0];
      colors[3 * v + 1] = rgba ? rgba[stride * v + 1] : base?.g ?? DEFAULT_COLOR[1];
      colors[3 * v + 2] = rgba ? rgba[stride * v + 2] : base?.b ?? DEFAULT_COLOR[2];
    }
    return { indices: idx ? Uint32Array.from(idx) : new Uint32Array(0), colors };
  });
  const q = new Quaternion();
  const v = new Vector3();
  return {
    deform(pose: RigPose): DeformedRig {
      boneNodes.forEach((n, i) => {
        const o = 10 * i;
        n!.position.set(pose.local[o] / MM_PER_UNIT, pose.local[o + 1] / MM_PER_UNIT, pose.local[o + 2] / MM_PER_UNIT);
        q.set(pose.local[o + 3], pose.local[o + 4], pose.local[o + 5], pose.local[o + 6]);
        if (n!.rotationQuaternion) n!.rotationQuaternion.copyFrom(q); else n!.rotationQuaternion = q.clone();
        n!.scaling.set(pose.local[o + 7], pose.local[o + 8], pose.local[o + 9]);
      });
      meshes.forEach((m, mi) => {
        const mgr = m.morphTargetManager;
        if (mgr) targetSlots[mi].forEach((s, k) => { mgr.getTarget(k).influence = s >= 0 ? pose.morph[s] : 0; });
      });
      for (const n of allNodes) n.computeWorldMatrix(true);
      for (const m of meshes) m.skeleton?.prepare(true);
      const out: RasterMesh[] = [];
      const byName = new Map<string, Float32Array>();
      meshes.forEach((m, mi) => {
        const p = m.getPositionData(true, true) ?? [];
        // skinned vertices come out in the skeleton's space; unskinned ones in the mesh's
        const w: Matrix = m.skeleton ? Matrix.Identity() : m.getWorldMatrix();
        const pos = new Float32Array(p.length);
        for (let i = 0; i < p.length; i += 3) {
          Vector3.TransformCoordinatesFromFloatsToRef(p[i], p[i + 1], p[i + 2], w, v);
          pos[i] = v.x * MM_PER_UNIT; pos[i + 1] = v.y * MM_PER_UNIT; pos[i + 2] = v.z * MM_PER_UNIT;
        }
        byName.set(m.name, pos);
        out.push({ positions: pos, indices: static_[mi].indices, colors: static_[mi].colors, faceRegion: true, cull: 'none' });
      });
      return { meshes: out, landmarks468: rigPoints(def.landmarks?.mediapipe468, byName), landmarks68: rigPoints(def.landmarks?.ibug68, byName) };
    },
    dispose() { engine.dispose(); },
  };
}
