import fs from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { AurigError } from '../errors/AurigError.ts';

import type { GraphNodeDef } from './graphRunner.ts';

const topologies = new WeakMap<tf.GraphModel, readonly GraphNodeDef[]>();

/** The graph nodes of a model loaded by `loadGraphModelFile` (for `compileGraph`). */
export function graphNodes(model: tf.GraphModel): readonly GraphNodeDef[] | undefined {
  return topologies.get(model);
}

/** Load a tfjs graph model (model.json + weight shards) from a local file, without fetch. */
export async function loadGraphModelFile(file: string): Promise<tf.GraphModel> {
  let nodes: readonly GraphNodeDef[] | undefined;
  const handler: tf.io.IOHandler = {
    load: async () => {
      const json = JSON.parse(await fs.readFile(file, 'utf8')) as tf.io.ModelJSON;
      nodes = (json.modelTopology as { node?: GraphNodeDef[] } | undefined)?.node;
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const parts: Buffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const p of group.paths) parts.push(await fs.readFile(path.join(path.dirname(file), p)));
        }
        const all = Buffer.concat(parts);
        return [specs, all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer];
      });
    },
  };
  try {
    const model = await tf.loadGraphModel(handler);
    if (nodes) topologies.set(model, nodes);
    return model;
  } catch (e) {
    throw new AurigError('E_BAD_MODEL', `cannot load the model ${file}: ${(e as Error).message}; reinstall @vladmandic/human or pass modelDir`, { path: file, cause: e });
  }
}
