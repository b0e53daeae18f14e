/**
 * The JSON shape of a rig (validated by `schema/rig.schema.json`). World space: millimetres,
 * right-handed, +x toward the character's LEFT, +y up, +z out of the face toward a viewer in front.
 * Angles are radians. Arrays are plain JSON arrays so that a definition round-trips through JSON.
 */
export interface RigDefinition {
  /** Format tag and version. */
  readonly aurig: 'rig/1';
  readonly name: string;
  /** Controls, in the order of `RigParams.values` (a `choices` param expands to one slot per choice). */
  readonly params: readonly RigParamDef[];
  /** Bone hierarchy in bind pose; a parent comes before its children is NOT required. */
  readonly bones: readonly RigBoneDef[];
  /** What each control moves: bone transforms and morph-target weights. */
  readonly drivers: readonly RigDriverDef[];
  /** The geometry: inline parts, or a glTF file (path relative to the rig file). */
  readonly mesh: RigMeshDef;
  /** Rig points ↔ the 468 MediaPipe face-mesh landmarks and the 68 iBUG landmarks. */
  readonly landmarks?: RigLandmarksDef;
  /** Framing used by `renderRig` when the caller gives no camera. */
  readonly camera?: { readonly position: Vec3; readonly target: Vec3; readonly up?: Vec3; readonly fovYDeg: number };
}

export type Vec3 = readonly [number, number, number];
export type Quat = readonly [number, number, number, number];

export const PARAM_GROUPS = { pose: 'pose', au: 'au', identity: 'identity' } as const;
export type ParamGroup = (typeof PARAM_GROUPS)[keyof typeof PARAM_GROUPS];

export const PARAM_SIDES = { left: 'left', right: 'right', both: 'both' } as const;
/** The character's own left / right. */
export type ParamSide = (typeof PARAM_SIDES)[keyof typeof PARAM_SIDES];

/** A continuous control (`min`/`max`) or a discrete one (`choices`: one one-hot slot per choice). */
export type RigParamDef = RigContinuousParamDef | RigChoiceParamDef;

interface RigParamBase {
  readonly name: string;
  readonly group: ParamGroup;
  /** FACS tag, e.g. `AU12`. */
  readonly au?: string;
  readonly side?: ParamSide;
  readonly description?: string;
}

export interface RigContinuousParamDef extends RigParamBase {
  readonly min: number;
  readonly max: number;
  readonly default: number;
  /** Unit of the value, e.g. `rad` for head pose; absent = unitless 0..1 intensity. */
  readonly unit?: string;
}

export interface RigChoiceParamDef extends RigParamBase {
  /** Choice names; slot `${name}:${choice}` holds each one-hot value (0..1, the largest wins). */
  readonly choices: readonly string[];
  /** Index of the default choice. */
  readonly default: number;
}

export interface RigBoneDef {
  readonly name: string;
  /** Parent bone name; absent for a root. */
  readonly parent?: string;
  /** Bind translation relative to the parent (world for a root), millimetres. */
  readonly translation: Vec3;
  /** Bind rotation relative to the parent, unit quaternion [x, y, z, w]; default identity. */
  readonly rotation?: Quat;
  /** Bind scale; default [1, 1, 1]. */
  readonly scale?: Vec3;
}

/**
 * How a driver's amount follows its param value v: `keys` (piecewise-linear [v, amount] pairs,
 * clamped at the ends) when given, else `v − origin` (origin default 0).
 */
interface RigDriverBase {
  /** A slot name: a param name, or `${param}:${choice}` for a choice. */
  readonly param: string;
  readonly origin?: number;
  readonly keys?: readonly (readonly [number, number])[];
}

/** Adds amount × offsets to the bone's local pose: translation (mm), XYZ Euler rotation (rad), scale (+1). */
export interface RigBoneDriverDef extends RigDriverBase {
  readonly bone: string;
  readonly translation?: Vec3;
  readonly rotation?: Vec3;
  readonly scale?: Vec3;
}

/** Adds amount × weight to a morph target's weight (every part with a target of that name). */
export interface RigMorphDriverDef extends RigDriverBase {
  readonly morph: string;
  readonly weight?: number;
}

export type RigDriverDef = RigBoneDriverDef | RigMorphDriverDef;

export type RigMeshDef = { readonly parts: readonly RigMeshPartDef[] } | { readonly gltf: string };

export interface RigMeshPartDef {
  readonly name: string;
  /** V×3 bind-pose positions, world millimetres. */
  readonly positions: readonly number[];
  /** F×3 triangle indices, counter-clockwise from the front. */
  readonly indices: readonly number[];
  /** V×3 colours 0..1. */
  readonly colors: readonly number[];
  /** Linear blend skinning: V×4 bone indices (into `bones`) and V×4 weights. */
  readonly skin?: { readonly joints: readonly number[]; readonly weights: readonly number[] };
  /** Morph targets: `deltas` (K×3 mm) for `indices` (K vertices), or for every vertex when `indices` is absent. */
  readonly morphTargets?: readonly { readonly name: string; readonly indices?: readonly number[]; readonly deltas: readonly number[] }[];
  /** Part of the face region (face mask); default false. */
  readonly faceRegion?: boolean;
  /** Back-face culling; default 'none'. */
  readonly cull?: 'back' | 'none';
}

/** A rig point: the weighted mean of a part's vertices (weights default uniform). */
export interface RigPointDef {
  readonly part: string;
  readonly vertices: readonly number[];
  readonly weights?: readonly number[];
}

export interface RigLandmarksDef {
  /** 468 points in MediaPipe face-mesh order. */
  readonly mediapipe468?: readonly RigPointDef[];
  /** 68 points in iBUG 300-W order. */
  readonly ibug68?: readonly RigPointDef[];
}
