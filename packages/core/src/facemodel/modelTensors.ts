import * as tf from '@tensorflow/tfjs';
import { NUM_FLAME_JOINTS, NUM_POSE_FEATURES, type FaceModel, type LandmarkEmbedding } from './FaceModel.ts';

/** The model data `lbs` needs, as kept tensors (built once per model and backend). */
export interface ModelTensors {
  readonly backend: string;
  /** Per coordinate x, y, z: (nβ + nψ + 36)×V, the shapedirs, exprdirs and posedirs rows. */
  readonly dirs: readonly [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  /** Per coordinate: 1×V neutral positions. */
  readonly vTemplate: readonly [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  /** (nβ + nψ)×3J: J_regressor applied to each blend shape. */
  readonly jointDirs: tf.Tensor2D;
  /** 1×3J */
  readonly jointTemplate: tf.Tensor2D;
  /** J×V skinning weights (transposed). */
  readonly weightsT: tf.Tensor2D;
  /** nψ×3 or undefined when all zeros. */
  readonly jawFromExpr?: tf.Tensor2D;
  readonly lmk468: LandmarkTensors;
  readonly lmk68: LandmarkTensors;
}

export interface LandmarkTensors {
  readonly count: number;
  readonly kind: 'range' | 'vertices' | 'bary';
  /** kind 'range': landmark l is vertex first + l. */
  readonly first?: number;
  /** kind 'vertices': L vertex indices; kind 'bary': 3L face corners, corner-major. */
  readonly vertexIdx?: tf.Tensor1D;
  /** kind 'bary': 3×L barycentric weights, corner-major. */
  readonly bary?: tf.Tensor2D;
}

const cache = new WeakMap<FaceModel, ModelTensors>();

/** Kept tensors of `model` for the current backend; built on first use. */
export function modelTensors(model: FaceModel): ModelTensors {
  const hit = cache.get(model);
  if (hit && hit.backend === tf.getBackend() && !hit.dirs[0].isDisposed) return hit;
  const built = build(model);
  cache.set(model, built);
  return built;
}

/** Free the kept tensors of `model` (they are rebuilt on the next `lbs`). */
export function disposeModelTensors(model: FaceModel): void {
  const hit = cache.get(model);
  if (!hit) return;
  cache.delete(model);
  const opt: tf.Tensor[] = [];
  for (const t of [hit.lmk468.vertexIdx, hit.lmk468.bary, hit.lmk68.vertexIdx, hit.lmk68.bary]) if (t) opt.push(t);
  tf.dispose([...hit.dirs, ...hit.vTemplate, hit.jointDirs, hit.jointTemplate, hit.weightsT, ...opt]);
  if (hit.jawFromExpr) hit.jawFromExpr.dispose();
}

function build(m: FaceModel): ModelTensors {
  const V = m.numVertices, J = NUM_FLAME_JOINTS, nb = m.numShape, ne = m.numExpression, P = NUM_POSE_FEATURES;
  const K = nb + ne + P;
  const dirs = new Float32Array(K * 3 * V);
  const put = (src: Float32Array, n: number, row0: number): void => {
    for (let v = 0; v < V; v++) for (let c = 0; c < 3; c++) for (let k = 0; k < n; k++) dirs[(row0 + k) * 3 * V + c * V + v] = src[(3 * v + c) * n + k];
  };
  put(m.shapedirs, nb, 0);
  put(m.exprdirs, ne, nb);
  put(m.posedirs, P, nb + ne);
  // Joint regression is linear in the blend shapes: precompute J_regressor·dirs (float64).
  const jointDirs = new Float32Array((nb + ne) * 3 * J);
  const jointTemplate = new Float32Array(3 * J);
  for (let j = 0; j < J; j++) {
    for (let v = 0; v < V; v++) {
      const w = m.J_regressor[j * V + v];
      if (w === 0) continue;
      for (let c = 0; c < 3; c++) {
        jointTemplate[3 * j + c] += w * m.v_template[3 * v + c];
        for (let k = 0; k < nb + ne; k++) jointDirs[k * 3 * J + 3 * j + c] += w * dirs[k * 3 * V + c * V + v];
      }
    }
  }
  const jawNonZero = m.jawFromExpr.some((x) => x !== 0);
  return {
    backend: tf.getBackend(),
    dirs: perCoordinate(dirs, K, V),
    vTemplate: perCoordinate(coordinateMajor(m.v_template, V), 1, V),
    jointDirs: tf.keep(tf.tensor2d(jointDirs, [nb + ne, 3 * J])),
    jointTemplate: tf.keep(tf.tensor2d(jointTemplate, [1, 3 * J])),
    weightsT: tf.keep(tf.tensor2d(transpose(m.weights, V, J), [J, V])),
    jawFromExpr: jawNonZero ? tf.keep(tf.tensor2d(m.jawFromExpr, [ne, 3])) : undefined,
    lmk468: landmarkTensors(m, m.landmarks468),
    lmk68: landmarkTensors(m, m.landmarks68),
  };
}

/** Split rows of coordinate-major data (rows × 3V) into three kept rows × V tensors. */
function perCoordinate(a: Float32Array, rows: number, V: number): [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D] {
  const part = (c: number): tf.Tensor2D => {
    const out = new Float32Array(rows * V);
    for (let r = 0; r < rows; r++) out.set(a.subarray(r * 3 * V + c * V, r * 3 * V + (c + 1) * V), r * V);
    return tf.keep(tf.tensor2d(out, [rows, V]));
  };
  return [part(0), part(1), part(2)];
}

function coordinateMajor(a: Float32Array, V: number): Float32Array {
  const out = new Float32Array(3 * V);
  for (let v = 0; v < V; v++) for (let c = 0; c < 3; c++) out[c * V + v] = a[3 * v + c];
  return out;
}

function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
  return out;
}

/**
 * How to read an embedding off coordinate-major B×V arrays: a column range when it selects
 * vertices first..first+L−1 exactly (the default model's 468), a gather of L vertices when every
 * landmark sits on a vertex, else a gather of the 3L face corners and their barycentric weights.
 */
function landmarkTensors(m: FaceModel, e: LandmarkEmbedding): LandmarkTensors {
  const L = e.faceIdx.length;
  const corner = (l: number, k: number): number => m.faces[3 * e.faceIdx[l] + k];
  const onVertex: number[] = [];
  for (let l = 0; l < L; l++) {
    const k = [0, 1, 2].find((q) => e.bary[3 * l + q] === 1);
    if (k === undefined) break;
    onVertex.push(corner(l, k));
  }
  if (onVertex.length === L) {
    const first = L > 0 ? onVertex[0] : 0;
    if (onVertex.every((v, l) => v === first + l)) return { count: L, kind: 'range', first };
    return { count: L, kind: 'vertices', vertexIdx: tf.keep(tf.tensor1d(Int32Array.from(onVertex), 'int32')) };
  }
  const idx = new Int32Array(3 * L);
  const bary = new Float32Array(3 * L); // k-major: bary[k * L + l]
  for (let l = 0; l < L; l++) for (let k = 0; k < 3; k++) { idx[k * L + l] = corner(l, k); bary[k * L + l] = e.bary[3 * l + k]; }
  return { count: L, kind: 'bary', vertexIdx: tf.keep(tf.tensor1d(idx, 'int32')), bary: tf.keep(tf.tensor2d(bary, [3, L])) };
}
