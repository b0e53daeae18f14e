import { AU_PARAM_NAMES } from '../au/auNames.ts';
import { NUM_POSE_FEATURES, type FaceModel } from './FaceModel.ts';
import { buildDefaultGeometry } from './defaultGeometry.ts';
import { defaultSkinningWeights, defaultJointRegressor, DEFAULT_KINTREE } from './defaultRig.ts';
import { buildDefaultIdentity } from './defaultIdentity.ts';
import { buildDefaultExpressions } from './defaultExpressions.ts';
import { vertexEmbedding } from './vertexEmbedding.ts';
import { VTX68 } from '../detect/meshTopology.ts';

let cached: FaceModel | undefined;

/**
 * The open default face model, built by aurig's own code (no third-party mesh) and cached: a
 * neutral adult head in millimetres whose vertices 0..467 ARE the 468 MediaPipe face-mesh
 * landmarks (MediaPipe order), then the left eyeball, the right eyeball, the mouth cavity and a
 * back-of-head shell (see `parts`). Identity basis β: smooth named fields, symmetric and
 * asymmetric. Expression basis ψ: FACS AU blendshapes named in `exprNames`; AU26/AU27 also open
 * the jaw joint through `jawFromExpr`. Deterministic: every call returns the same model.
 */
export function createDefaultFaceModel(): FaceModel {
  cached ??= build();
  return cached;
}

function build(): FaceModel {
  const g = buildDefaultGeometry();
  const V = g.positions.length / 3;
  const weights = defaultSkinningWeights(g);
  const { shapedirs, names } = buildDefaultIdentity(g);
  const { exprdirs, jawFromExpr } = buildDefaultExpressions(g, weights);
  const lm468 = Array.from({ length: 468 }, (_, i) => i);
  return Object.freeze({
    name: 'aurig-default',
    unit: 'mm',
    numVertices: V,
    numFaces: g.faces.length / 3,
    numShape: names.length,
    numExpression: AU_PARAM_NAMES.length,
    v_template: Float32Array.from(g.positions),
    shapedirs,
    exprdirs,
    posedirs: new Float32Array(V * 3 * NUM_POSE_FEATURES),
    J_regressor: defaultJointRegressor(g),
    weights,
    kintree_table: DEFAULT_KINTREE,
    faces: g.faces,
    landmarks468: vertexEmbedding(lm468, g.faces),
    landmarks68: vertexEmbedding(VTX68, g.faces),
    exprNames: AU_PARAM_NAMES,
    jawFromExpr,
    parts: g.parts,
  } satisfies FaceModel);
}

