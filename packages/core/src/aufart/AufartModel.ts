import * as tf from '@tensorflow/tfjs';
import { AurigError } from '../errors/AurigError.ts';
import { resolveAufartConfig, type AufartConfig } from './config.ts';
import type { TokenLayout } from './layout.ts';
import { aufartWeightShapes } from './initAufartWeights.ts';
import type { AufartWeights } from './network.ts';

/** Format tag written in every manifest. */
export const AUFART_FORMAT = 'aurig-aufart/1';

/** A loaded AUFART network: its sizes, token layout and weights. Holds tensors: call `dispose()`. */
export interface AufartModel {
  readonly config: AufartConfig;
  readonly layout: TokenLayout;
  readonly weights: AufartWeights;
  /** Free-form provenance kept in the manifest (command, data, steps, seed). */
  readonly meta: Record<string, unknown>;
  dispose(): void;
}

interface TensorEntry { name: string; shape: number[]; offset: number; length: number }

/** The JSON half of a serialised model; the other half is one little-endian Float32 buffer. */
export interface AufartManifest {
  format: typeof AUFART_FORMAT;
  config: AufartConfig;
  layout: { auNames: string[]; exprNames: string[]; nShape: number };
  meta: Record<string, unknown>;
  tensors: TensorEntry[];
}

const LAYOUT_ARRAYS = ['template', 'auIndex', 'auWeight', 'regionIndex', 'regionWeight', 'rigidIndex', 'exprAu'] as const;

export function createAufartModel(config: AufartConfig, layout: TokenLayout, weights: AufartWeights, meta: Record<string, unknown> = {}): AufartModel {
  return { config, layout, weights, meta, dispose: () => { for (const t of Object.values(weights)) t.dispose(); } };
}

/** Serialise to a manifest and one Float32 buffer (integer layout arrays are stored as exact floats). */
export function encodeAufartModel(model: AufartModel): { manifest: AufartManifest; bin: Uint8Array } {
  const tensors: TensorEntry[] = [];
  const chunks: Float32Array[] = [];
  let offset = 0;
  const push = (name: string, shape: number[], data: ArrayLike<number>) => {
    const f = Float32Array.from(data);
    tensors.push({ name, shape, offset, length: f.length });
    chunks.push(f);
    offset += f.length;
  };
  for (const k of LAYOUT_ARRAYS) push(`layout.${k}`, [model.layout[k].length], model.layout[k]);
  for (const [name, t] of Object.entries(model.weights)) push(name, t.shape, t.dataSync());
  const all = new Float32Array(offset);
  let o = 0;
  for (const c of chunks) { all.set(c, o); o += c.length; }
  const { auNames, exprNames, nShape } = model.layout;
  return {
    manifest: { format: AUFART_FORMAT, config: model.config, layout: { auNames: [...auNames], exprNames: [...exprNames], nShape }, meta: model.meta, tensors },
    bin: new Uint8Array(all.buffer),
  };
}

/** Rebuild a model from its manifest and buffer; checks every tensor against the config's shapes. */
export function decodeAufartModel(manifest: AufartManifest, bin: ArrayBufferLike | Uint8Array): AufartModel {
  if (manifest?.format !== AUFART_FORMAT) throw new AurigError('E_BAD_MODEL', `not an AUFART manifest (format ${String(manifest?.format)}); expected ${AUFART_FORMAT}`);
  const bytes = bin instanceof Uint8Array ? bin : new Uint8Array(bin);
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const all = new Float32Array(aligned.buffer, aligned.byteOffset, Math.floor(aligned.byteLength / 4));
  const get = (e: TensorEntry) => {
    if (e.offset + e.length > all.length) throw new AurigError('E_BAD_MODEL', `AUFART weights file is truncated at tensor ${e.name}; re-copy the .bin beside its manifest`);
    return all.subarray(e.offset, e.offset + e.length);
  };
  const config = resolveAufartConfig(manifest.config);
  const byName = new Map(manifest.tensors.map((e) => [e.name, e]));
  const arr = (k: string) => { const e = byName.get(`layout.${k}`); if (!e) throw new AurigError('E_BAD_MODEL', `AUFART manifest lacks layout.${k}`); return get(e); };
  const layout: TokenLayout = {
    ...manifest.layout,
    template: Float32Array.from(arr('template')),
    auWeight: Float32Array.from(arr('auWeight')),
    regionWeight: Float32Array.from(arr('regionWeight')),
    auIndex: Int32Array.from(arr('auIndex')),
    regionIndex: Int32Array.from(arr('regionIndex')),
    rigidIndex: Int32Array.from(arr('rigidIndex')),
    exprAu: Int32Array.from(arr('exprAu')),
  };
  const shapes = aufartWeightShapes(config, { nAu: layout.auNames.length, nExpr: layout.exprNames.length, nShape: layout.nShape });
  const weights: AufartWeights = {};
  for (const [name, shape] of Object.entries(shapes)) {
    const e = byName.get(name);
    if (!e || e.shape.join() !== shape.join()) throw new AurigError('E_BAD_MODEL', `AUFART weight ${name} is missing or has shape ${e?.shape.join('×')} instead of ${shape.join('×')}`);
    weights[name] = tf.tensor(get(e).slice(), shape);
  }
  return createAufartModel(config, layout, weights, manifest.meta ?? {});
}
