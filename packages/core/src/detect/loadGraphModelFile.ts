import fs from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { AurigError } from '../errors/AurigError.ts';
import { CompiledGraphModel, type GraphNodeDef } from './graphRunner.ts';

/**
 * Load a tfjs graph model (model.json + weight shards) from a local file, without fetch, to run as a compiled list
 * of op calls (`CompiledGraphModel`, given the graph's nodes, which `tf.GraphModel` keeps private).
 */
export async function loadGraphModelFile(file: string): Promise<CompiledGraphModel> {
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
  let model: tf.GraphModel;
  try {
    model = await tf.loadGraphModel(handler);
  } catch (e) {
    throw new AurigError('E_BAD_MODEL', `cannot load the model ${file}: ${(e as Error).message}; reinstall @vladmandic/human or pass modelDir`, { path: file, cause: e });
  }
  return new CompiledGraphModel(model, nodes);
}
