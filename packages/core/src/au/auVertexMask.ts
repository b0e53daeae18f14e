import { createDefaultFaceModel } from '../facemodel/createDefaultFaceModel.ts';
import { auOfParam, type AuName, type AuParamName } from './auNames.ts';
import { AU_CATALOGUE } from './catalogue.ts';
import { computeAuMask } from './computeAuMask.ts';

const cache = new Map<string, Float32Array>();

/**
 * The vertex mask (V values in 0..1, smoothed borders) of an AU over the default face model's
 * vertices: a bilateral AU name (`'AU12'`) gives both sides, a component name (`'AU12_L'`) the
 * subject's left or right half. Cached; do not modify the returned array.
 */
export function auVertexMask(name: AuName | AuParamName): Float32Array {
  let m = cache.get(name);
  if (m) return m;
  const model = createDefaultFaceModel();
  const au = auOfParam(name as AuParamName);
  const side = name.endsWith('_L') ? 'L' : name.endsWith('_R') ? 'R' : undefined;
  const jawWeights = Float32Array.from({ length: model.numVertices }, (_, v) => model.weights[v * 5 + 2]);
  const excluded = [model.parts.leftEye, model.parts.rightEye].filter((r) => r !== undefined);
  m = computeAuMask(AU_CATALOGUE[au].mask, { positions: model.v_template, faces: model.faces, excluded, jawWeights }, side);
  cache.set(name, m);
  return m;
}
