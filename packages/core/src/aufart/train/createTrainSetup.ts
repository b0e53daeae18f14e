import * as tf from '@tensorflow/tfjs';
import * as au from '../../au/index.ts';
import type { FaceModel } from '../../facemodel/FaceModel.ts';
import { VTX68 } from '../../detect/meshTopology.ts';
import { AU_NAMES, type AuName } from '../../au/auNames.ts';
import { AU_CATALOGUE, auLandmarks } from '../../au/catalogue.ts';
import { auVertexMask } from '../../au/auVertexMask.ts';
import type { AufartConfig } from '../config.ts';
import type { TokenLayout } from '../layout.ts';
import { MESH_POINTS } from '../layout.ts';
import { landmarkDecoder } from './landmarkDecoder.ts';
import type { TrainSetup } from './trainAufart.ts';

/** β components the shipped regressor estimates (the face model's first ones). */
export const DEFAULT_SHAPE_COMPONENTS = 20;

/** What training needs from the AU catalogue, per AU token name. */
interface CatalogueView {
  /** Per-vertex mask 0..1 (dynamic paper's AU vertex masks). */
  mask(name: string): ArrayLike<number> | undefined;
  /** AUFART Table 1 landmark group (468 index set). */
  group468(name: string): readonly number[];
  /** core/au's `configuralFeaturesTf`; when absent L_auRel is off. */
  configural?: (lm68: tf.Tensor3D) => tf.Tensor2D;
}

/** Adapter over the AU catalogue of `core/au` (the only place that knows its layout). */
function catalogue(): CatalogueView {
  const cf = (au as unknown as Record<string, unknown>).configuralFeaturesTf as ((x: tf.Tensor3D) => tf.Tensor2D) | undefined;
  return {
    mask: (name) => (name in AU_CATALOGUE ? auVertexMask(name as AuName) : undefined),
    group468: (name) => (name in AU_CATALOGUE ? auLandmarks(name as AuName, '468') : []),
    configural: cf,
  };
}

/** Decoder, AU groups, configural features and masks for training AUFART on a face model. */
export function createTrainSetup(model: FaceModel, config: AufartConfig, layout?: TokenLayout): TrainSetup & { auMasks: Record<string, ArrayLike<number>> } {
  const c = catalogue();
  const names = layout?.auNames ?? AU_NAMES;
  const auMasks = Object.fromEntries(names.map((n) => [n, c.mask(n) ?? new Float32Array(MESH_POINTS)]));
  return {
    config,
    layout: layout as TokenLayout,
    decode: landmarkDecoder(model),
    nShapeModel: model.numShape,
    auGroups: names.map((n) => c.group468(n)),
    vtx68: VTX68,
    configural: c.configural,
    auMasks,
  };
}
