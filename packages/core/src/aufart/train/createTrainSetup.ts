import type { FaceModel } from '../../facemodel/FaceModel.ts';
import { VTX68 } from '../../detect/meshTopology.ts';
import type { AuName } from '../../au/auNames.ts';
import { AU_CATALOGUE, auLandmarks } from '../../au/catalogue.ts';
import { auVertexMask } from '../../au/auVertexMask.ts';
import { configuralFeaturesTf } from '../../au/configuralFeaturesTf.ts';
import type { AufartConfig } from '../config.ts';
import type { TokenLayout } from '../layout.ts';
import { MESH_POINTS } from '../layout.ts';
import { landmarkDecoder } from './landmarkDecoder.ts';
import type { TrainSetup } from './trainAufart.ts';

/** β components the shipped regressor estimates (the face model's first ones). */
export const DEFAULT_SHAPE_COMPONENTS = 20;

const known = (n: string): n is AuName => n in AU_CATALOGUE;

/** Per AU token name, its vertex mask on the default face model (zeros for a name the catalogue lacks): the input of `buildTokenLayout`. */
export function auMasksFor(names: readonly string[]): Record<string, ArrayLike<number>> {
  return Object.fromEntries(names.map((n) => [n, known(n) ? auVertexMask(n) : new Float32Array(MESH_POINTS)]));
}

/** Decoder, AU groups and configural features for training AUFART with `layout` on a face model. */
export function createTrainSetup(model: FaceModel, config: AufartConfig, layout: TokenLayout): TrainSetup {
  return {
    config,
    layout,
    decode: landmarkDecoder(model),
    nShapeModel: model.numShape,
    auGroups: layout.auNames.map((n) => (known(n) ? auLandmarks(n, '468') : [])),
    vtx68: VTX68,
    configural: configuralFeaturesTf,
  };
}
