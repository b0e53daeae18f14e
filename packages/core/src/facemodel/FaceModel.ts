import type { AuParamName } from '../au/auNames.ts';

/** FLAME's five joints, in FLAME order; θ is B×15 axis-angle in this order (radians). */
export const FLAME_JOINTS = ['global', 'neck', 'jaw', 'leftEye', 'rightEye'] as const;
export type FlameJointName = (typeof FLAME_JOINTS)[number];
export const NUM_FLAME_JOINTS = FLAME_JOINTS.length;
/** Pose-corrective features: (R_j − I) of every joint but the root, 9 each (FLAME/DECA). */
export const NUM_POSE_FEATURES = 9 * (NUM_FLAME_JOINTS - 1);

/**
 * Points on the mesh surface given as a face index and barycentric coordinates (FLAME's landmark
 * embedding): point_l = Σ_k bary[l,k] · v[faces[faceIdx[l], k]].
 */
export interface LandmarkEmbedding {
  /** L face indices. */
  readonly faceIdx: Uint32Array;
  /** L×3 barycentric coordinates, each row summing to 1. */
  readonly bary: Float32Array;
}

/** A contiguous range of vertices `[start, end)`. */
export interface VertexRange {
  readonly start: number;
  readonly end: number;
}

/**
 * A parametric face model in FLAME's layout. Arrays are flat, row-major, in FLAME's index order
 * (V vertices, J = 5 joints, nβ shape, nψ expression components, F faces).
 *
 * Space: the model's own, millimetres for the default model (FLAME's official files are in metres;
 * `loadFlame` keeps their unit and says so in `unit`). Right-handed: +x toward the subject's left,
 * +y up, +z out of the face toward a viewer in front.
 */
export interface FaceModel {
  readonly name: string;
  /** Length unit of every position: 'mm' for the default model, 'm' for official FLAME files. */
  readonly unit: 'mm' | 'm';
  readonly numVertices: number;
  readonly numFaces: number;
  /** nβ */
  readonly numShape: number;
  /** nψ */
  readonly numExpression: number;
  /** V×3 neutral mesh. */
  readonly v_template: Float32Array;
  /** V×3×nβ identity blend shapes (offset per unit β_k). */
  readonly shapedirs: Float32Array;
  /** V×3×nψ expression blend shapes (offset per unit ψ_k). */
  readonly exprdirs: Float32Array;
  /** V×3×36 pose-corrective blend shapes over the features (R_j − I), j = neck, jaw, eyes. */
  readonly posedirs: Float32Array;
  /** J×V joint regressor (dense). */
  readonly J_regressor: Float32Array;
  /** V×J skinning weights, rows summing to 1. */
  readonly weights: Float32Array;
  /** 2×J: row 0 the parent of each joint (−1 for the root), row 1 the joint ids. */
  readonly kintree_table: Int32Array;
  /** F×3 triangles, counter-clockwise seen from outside. */
  readonly faces: Uint32Array;
  /** Embedding of the 468 MediaPipe face-mesh landmarks (MediaPipe order). */
  readonly landmarks468: LandmarkEmbedding;
  /** Embedding of the 68 iBUG landmarks (jaw 0–16, brows 17–26, nose 27–35, eyes 36–47, lips 48–67). */
  readonly landmarks68: LandmarkEmbedding;
  /**
   * The AU each ψ component stands for (`AU12_L`, …) when the expression basis is FACS (the default
   * model); empty for a PCA basis such as official FLAME's.
   */
  readonly exprNames: readonly AuParamName[];
  /**
   * nψ×3 jaw axis-angle (radians) per unit ψ_k, added to θ_jaw by `lbs` so that AU26/AU27 open the
   * jaw joint as FLAME's jaw pose does. All zeros for official FLAME.
   */
  readonly jawFromExpr: Float32Array;
  /** Named vertex ranges (default model: face, eyeballs, mouth, scalp); empty for FLAME files. */
  readonly parts: Readonly<Record<string, VertexRange>>;
}
