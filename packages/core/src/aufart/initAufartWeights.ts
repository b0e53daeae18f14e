import * as tf from '@tensorflow/tfjs';
import type { AufartConfig } from './config.ts';
import { POSE_FEATURES, regOutputSize, type AufartWeights } from './network.ts';
import { createRng } from './rng.ts';

/** Sizes that come from the token layout rather than the config. */
export interface AufartSizes {
  /** N AU tokens. */
  readonly nAu: number;
  /** |ψ|. */
  readonly nExpr: number;
  /** |β| regressed. */
  readonly nShape: number;
}

/** Name → shape of every weight tensor of the network. */
export function aufartWeightShapes(c: AufartConfig, s: AufartSizes): Record<string, number[]> {
  const d = c.width, N = s.nAu, G = c.regions;
  const shapes: Record<string, number[]> = {
    'au.w1': [N, c.auPoints * 3, d], 'au.b1': [N, d], 'au.w2': [d, d], 'au.b2': [d],
    'emb.w': [d, d], 'emb.b': [d], 'reg': [d], 'pos': [N + 1, d],
    'glob.w': [G, c.regionPoints * 3, d], 'glob.b': [G, d], 'pose.w': [POSE_FEATURES, d], 'pose.b': [d], 'gpos': [G + 1, d],
    'kvln.g': [d], 'kvln.b': [d],
    'out.ln.g': [d], 'out.ln.b': [d], 'out.w1': [d, c.regHidden], 'out.b1': [c.regHidden],
    'out.w2': [c.regHidden, regOutputSize(s.nExpr, s.nShape)], 'out.b2': [regOutputSize(s.nExpr, s.nShape)],
    'auhead.ln.g': [d], 'auhead.ln.b': [d], 'auhead.w': [N, d, 2], 'auhead.b': [N, 2],
  };
  for (let l = 0; l < c.depth; l++) {
    const p = `layer${l}`;
    Object.assign(shapes, {
      [`${p}.ln1.g`]: [d], [`${p}.ln1.b`]: [d], [`${p}.ln2.g`]: [d], [`${p}.ln2.b`]: [d],
      [`${p}.q.w`]: [d, d], [`${p}.q.b`]: [d], [`${p}.k.w`]: [d, d], [`${p}.k.b`]: [d],
      [`${p}.v.w`]: [d, d], [`${p}.v.b`]: [d], [`${p}.o.w`]: [d, d], [`${p}.o.b`]: [d],
      [`${p}.mlp.w1`]: [d, c.mlpHidden], [`${p}.mlp.b1`]: [c.mlpHidden], [`${p}.mlp.w2`]: [c.mlpHidden, d], [`${p}.mlp.b2`]: [d],
    });
  }
  return shapes;
}

/** Initial value of one weight: LN gains 1, biases 0, matrices He-normal (output layers scaled down). */
function initValue(name: string, shape: number[], rng: ReturnType<typeof createRng>): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  if (name.endsWith('.g')) return v.fill(1);
  if (name === 'auhead.b') { for (let i = 1; i < n; i += 2) v[i] = -1; return v; }
  const isMatrix = name.endsWith('.w') || /\.w\d$/.test(name);
  if (!isMatrix && !['reg', 'pos', 'gpos'].includes(name)) return v;
  const fanIn = isMatrix ? shape[shape.length - 2] : 1;
  const outScale = name === 'out.w2' || name.endsWith('.o.w') || name.endsWith('mlp.w2') ? 0.1 : 1;
  const std = isMatrix ? Math.sqrt(2 / fanIn) * outScale : 0.02;
  for (let i = 0; i < n; i++) v[i] = rng.normal() * std;
  return v;
}

/** Fresh seeded weights as trainable variables. */
export function initAufartWeights(config: AufartConfig, sizes: AufartSizes, seed = 1): Record<string, tf.Variable> {
  const rng = createRng(seed);
  const out: Record<string, tf.Variable> = {};
  for (const [name, shape] of Object.entries(aufartWeightShapes(config, sizes))) {
    out[name] = tf.variable(tf.tensor(initValue(name, shape, rng), shape), true);
  }
  return out;
}

export type { AufartWeights };
