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
import { FACIAL_BONE_ROLES, facialBoneRole, type FacialBoneRole } from './FACIAL_BONE_ROLES.ts';
import { mergeRigOverrides } from './mergeRigOverrides.ts';
import { overridePointer } from './overridePointer.ts';
import { GLTF_MM_PER_UNIT } from './GLTF_MM_PER_UNIT.ts';
import { eulerFromQuat, mulQuat, quatFromEuler } from '../rig/affine.ts';

const DEFAULT_COLOR = [0.85, 0.68, 0.58] as const;

export interface LoadGltfRigOptions {
  /** Shown in messages and used as `mesh.gltf`. */
  readonly source: string;
  readonly format: 'glb' | 'gltf';
  /** Side-file overrides of the derived definition. */
  readonly overrides?: Partial<RigDefinition>;
  /** Where the overrides come from, for messages (default 'the side file'). */
  readonly overridesSource?: string;
  /** Millimetres per glTF unit; default `GLTF_MM_PER_UNIT` (1000: glTF is in metres). */
  readonly mmPerUnit?: number;
}

/**
 * Load a glTF rig through Babylon's NullEngine and derive its RigDefinition: each morph target a
 * param (ARKit names tagged with AUs; targets of the same name on several meshes are one
 * control), recognised facial bones a param each, or the `extras.aurigRig` aurig exported.
 */
export async function loadGltfRig(bytes: Uint8Array, options: LoadGltfRigOptions): Promise<Rig> {
  const mm = options.mmPerUnit ?? GLTF_MM_PER_UNIT;
  if (!(mm > 0 && Number.isFinite(mm))) throw new AurigError('E_BAD_OPTION', `mmPerUnit must be a positive number of millimetres per glTF unit (1000 for metres, the glTF unit), got ${mm}`, { path: 'mmPerUnit', value: mm });
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

  const morphNames = [...new Set(meshes.flatMap((m) => targetNames(m)))];
  const embedded = json.scenes?.[json.scene ?? 0]?.extras?.aurigRig as Partial<RigDefinition> | undefined;
  const derived = embedded ? { ...embedded } : deriveDefinition(container.skeletons.flatMap((s) => s.bones.map((b) => b.getTransformNode() ?? undefined)).filter((n): n is TransformNode => !!n), morphNames, options.source, mm);
  const derivedDef = { ...derived, aurig: 'rig/1', mesh: { gltf: options.source } } as RigDefinition;
  const merged = mergeRigOverrides(derivedDef, options.overrides);
  let def: RigDefinition;
  try { def = validateRig(merged); } catch (e) {
    engine.dispose();
    const at = options.overrides && e instanceof AurigError && e.path !== undefined ? overridePointer(derivedDef, options.overrides, merged, e.path) : undefined;
    if (at === undefined) throw e;
    throw new AurigError('E_BAD_RIG', `${options.overridesSource ?? 'the side file'} at ${at}: ${(e as Error).message.replace(/^invalid rig at \S+: /, '')}`, { path: at, value: (e as AurigError).value, cause: e });
  }

  const bind: number[] = [];
  for (const m of meshes) {
    const p = m.getPositionData(false, false) ?? [];
    const w = m.getWorldMatrix();
    const v = new Vector3();
    for (let i = 0; i < p.length; i += 3) { Vector3.TransformCoordinatesFromFloatsToRef(p[i], p[i + 1], p[i + 2], w, v); bind.push(v.x * mm, v.y * mm, v.z * mm); }
  }
  return createRig(def, (drivers) => babylonDeformer(def, drivers, meshes, nodes, engine, mm), def.camera ?? frameBounds(Float32Array.from(bind)), morphNames);
}

function targetNames(m: AbstractMesh): string[] {
  const mgr = m.morphTargetManager;
  if (!mgr) return [];
  return Array.from({ length: mgr.numTargets }, (_, k) => mgr.getTarget(k).name);
}

function deriveDefinition(boneNodes: TransformNode[], morphNames: readonly string[], source: string, mm: number): Omit<RigDefinition, 'aurig' | 'mesh'> {
  const params: RigParamDef[] = [];
  const drivers: RigDriverDef[] = [];
  const unique = [...new Set(boneNodes)];
  const names = new Set(unique.map((n) => n.name));
  const bones: RigBoneDef[] = unique.map((n) => {
    const q = n.rotationQuaternion ?? Quaternion.FromEulerVector(n.rotation);
    return {
      name: n.name,
      ...(n.parent && names.has(n.parent.name) ? { parent: n.parent.name } : {}),
      translation: [n.position.x * mm, n.position.y * mm, n.position.z * mm],
      rotation: [q.x, q.y, q.z, q.w],
      scale: [n.scaling.x, n.scaling.y, n.scaling.z],
    };
  });
  for (const target of morphNames) {
    const ar = arkitEntry(target);
    // ':' separates a choice param from its choice in slot names
    const name = target.replace(/:/g, '_');
    params.push({ name, group: 'au', min: 0, max: 1, default: 0, ...(ar?.au ? { au: ar.au } : {}), ...(ar ? { side: ar.side } : {}), ...(name !== target ? { description: `morph target '${target}'` } : {}) });
    drivers.push({ param: name, morph: target });
  }
  // one param per role and side; every bone of that role and side is driven by it, except bones
  // below another driven one (they follow it already)
  const byParam = new Map<string, { role: FacialBoneRole; side: 'left' | 'right' | 'both'; bones: TransformNode[] }>();
  for (const n of unique) {
    const r = facialBoneRole(n.name);
    if (!r) continue;
    const spec = FACIAL_BONE_ROLES[r.role];
    const pname = r.side === 'both' ? spec.param : `${spec.param}_${r.side === 'left' ? 'L' : 'R'}`;
    if (params.some((p) => p.name === pname)) continue; // a morph target of that name wins
    const entry = byParam.get(pname) ?? { ...r, bones: [] };
    byParam.set(pname, entry);
    entry.bones.push(n);
  }
  for (const [pname, { role, side, bones: driven }] of byParam) {
    const spec = FACIAL_BONE_ROLES[role];
    const kept = driven.filter((n) => !driven.some((o) => o !== n && n.isDescendantOf(o)));
    params.push({ name: pname, group: 'au', au: spec.au, side, min: 0, max: 1, default: 0, description: `derived from bone${kept.length > 1 ? 's' : ''} ${kept.map((n) => `'${n.name}'`).join(', ')}` });
    for (const n of kept) drivers.push(...facialBoneDrivers(pname, n, spec, side));
  }
  const name = source.replace(/^.*[\\/]/, '').replace(/\.(glb|gltf)$/i, '') || 'gltf-rig';
  return { name, params, bones, drivers };
}

/** Largest angle (rad) by which a facial bone's driven rotation may stray from the exact turn between samples. */
const MAX_ROTATION_ERROR_RAD = 1e-3;

/**
 * The drivers that turn or move bone `n` as `spec` says, in world axes. A turn R about a world axis
 * through the bone's origin is, in the bone's local frame, Δ(v) = W⁻¹ · R(v) · W (W: the bone's world
 * rotation). Drivers add XYZ Euler angles linearly in v, which is exact only when Δ's axis is a
 * local coordinate axis; otherwise the turn is split into K keyed drivers, exact at v = k/K, with K
 * doubled until the error between samples is under MAX_ROTATION_ERROR_RAD. A translation (mm in
 * the world) is expressed in the parent's frame and divided by the parent's world scale (e.g. the
 * 0.01 of a centimetre armature).
 */
function facialBoneDrivers(param: string, n: TransformNode, spec: (typeof FACIAL_BONE_ROLES)[FacialBoneRole], side: 'left' | 'right' | 'both'): RigDriverDef[] {
  if ('rotate' in spec) {
    const axis = new Vector3(...spec.rotate);
    const angle = axis.length();
    axis.normalize();
    const w = n.absoluteRotationQuaternion;
    const wq = [w.x, w.y, w.z, w.w], wInv = [-w.x, -w.y, -w.z, w.w];
    const tmp = new Float64Array(4);
    const exact = (v: number): Float64Array => {
      const r = Quaternion.RotationAxis(axis, angle * v), out = new Float64Array(4);
      mulQuat(tmp, 0, wInv, 0, [r.x, r.y, r.z, r.w], 0);
      mulQuat(out, 0, tmp, 0, wq, 0);
      return out;
    };
    const strayRad = (e: readonly number[], q: Float64Array): number => {
      quatFromEuler(tmp, 0, e[0], e[1], e[2]);
      const dot = Math.abs(tmp[0] * q[0] + tmp[1] * q[1] + tmp[2] * q[2] + tmp[3] * q[3]);
      return 2 * Math.acos(Math.min(1, dot));
    };
    for (let K = 1; ; K *= 2) {
      const e = Array.from({ length: K + 1 }, (_, k) => eulerFromQuat(exact(k / K)));
      const worst = Math.max(...Array.from({ length: K }, (_, k) => strayRad(e[k].map((x, j) => (x + e[k + 1][j]) / 2), exact((k + 0.5) / K))));
      if (K === 1 && worst <= MAX_ROTATION_ERROR_RAD) return [{ param, bone: n.name, rotation: e[1] }];
      if (worst <= MAX_ROTATION_ERROR_RAD || K >= 16) {
        return Array.from({ length: K }, (_, k) => ({
          param, bone: n.name,
          rotation: [e[k + 1][0] - e[k][0], e[k + 1][1] - e[k][1], e[k + 1][2] - e[k][2]] as [number, number, number],
          keys: [[k / K, 0], [(k + 1) / K, 1]] as [number, number][],
        }));
      }
    }
  }
  const parent = n.parent as TransformNode | null;
  const pInv = parent ? Quaternion.Inverse(parent.absoluteRotationQuaternion) : Quaternion.Identity();
  const ps = parent ? parent.absoluteScaling : new Vector3(1, 1, 1);
  const d = new Vector3(spec.translate[0] * (side === 'right' ? -1 : 1), spec.translate[1], spec.translate[2]).applyRotationQuaternion(pInv);
  return [{ param, bone: n.name, translation: [d.x / ps.x, d.y / ps.y, d.z / ps.z] }];
}

function babylonDeformer(def: RigDefinition, drivers: CompiledDrivers, meshes: AbstractMesh[], nodes: Map<string, TransformNode>, engine: { dispose(): void }, mm: number): RigDeformer {
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
        n!.position.set(pose.local[o] / mm, pose.local[o + 1] / mm, pose.local[o + 2] / mm);
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
        // Babylon skins in the space of the skeleton root's parent, and the glTF loader makes a
        // skinned mesh that node's sibling: the mesh's world matrix takes both to the world
        // (it holds e.g. the 0.01 scale of a centimetre armature)
        const w: Matrix = m.getWorldMatrix();
        const pos = new Float32Array(p.length);
        for (let i = 0; i < p.length; i += 3) {
          Vector3.TransformCoordinatesFromFloatsToRef(p[i], p[i + 1], p[i + 2], w, v);
          pos[i] = v.x * mm; pos[i + 1] = v.y * mm; pos[i + 2] = v.z * mm;
        }
        byName.set(m.name, pos);
        out.push({ positions: pos, indices: static_[mi].indices, colors: static_[mi].colors, faceRegion: true, cull: 'none' });
      });
      return { meshes: out, landmarks468: rigPoints(def.landmarks?.mediapipe468, byName), landmarks68: rigPoints(def.landmarks?.ibug68, byName) };
    },
    dispose() { engine.dispose(); },
  };
}
