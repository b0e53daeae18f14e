import * as tf from '@tensorflow/tfjs';
import type { AufartConfig } from './config.ts';

/** Named weight tensors of the network (see `initAufartWeights` for names and shapes). */
export type AufartWeights = Record<string, tf.Tensor>;

/** Network inputs for a batch of B faces (see `buildAufartFeatures`). */
export interface AufartInputs {
  /** B×N×(K·3): masked aligned-landmark displacements per AU token. */
  readonly au: tf.Tensor3D;
  /** B×G×(Kg·3): aligned-landmark displacements per region token. */
  readonly region: tf.Tensor3D;
  /** B×P: pose features (fitted rotation, log z scale, fit residual). */
  readonly pose: tf.Tensor2D;
}

/** Raw network outputs for B faces. */
export interface AufartOutputs {
  /** B×|ψ| expression. */
  readonly psi: tf.Tensor2D;
  /** B×6 rotation residual (6D representation, added to the identity's). */
  readonly rot6: tf.Tensor2D;
  /** B×12 neck, jaw, left eye, right eye axis-angle. */
  readonly thetaRest: tf.Tensor2D;
  /** B×3 camera residual (log scale, tx, ty in units of the fitted scale). */
  readonly cam: tf.Tensor2D;
  /** B×|β| identity. */
  readonly beta: tf.Tensor2D;
  /** B×N AU intensity in 0..1. */
  readonly auIntensity: tf.Tensor2D;
  /** B×N AU presence logits. */
  readonly auPresenceLogit: tf.Tensor2D;
  /** B×N×d geometry AU tokens v_i before the input embedding (used by L_auFeat, Eq. 10). */
  readonly auTokens: tf.Tensor3D;
}

export const POSE_FEATURES = 11;
const LN_EPS = 1e-5;

function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).mul(tf.rsqrt(variance.add(LN_EPS))).mul(g).add(b);
}

/** x: B×T×din, w: din×dout → B×T×dout. */
function dense3(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const [B, T, din] = x.shape as [number, number, number];
  const y = x.reshape([B * T, din]).matMul(w as tf.Tensor2D);
  const out = b ? y.add(b) : y;
  return out.reshape([B, T, w.shape[1] as number]);
}

/** Per-token weights: x B×T×din, w T×din×dout, b T×dout → B×T×dout. */
function perToken(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const y = tf.matMul(x.transpose([1, 0, 2]) as tf.Tensor3D, w as tf.Tensor3D); // T×B×dout
  return y.transpose([1, 0, 2]).add(b);
}

function splitHeads(x: tf.Tensor, heads: number): tf.Tensor {
  const [B, T, d] = x.shape as [number, number, number];
  return x.reshape([B, T, heads, d / heads]).transpose([0, 2, 1, 3]);
}

/** Multi-head cross-attention MHC(q, kv, kv) (AUFART Eq. 4). */
function crossAttention(w: AufartWeights, p: string, q: tf.Tensor, kv: tf.Tensor, heads: number): tf.Tensor {
  const [B, T, d] = q.shape as [number, number, number];
  const Q = splitHeads(dense3(q, w[`${p}.q.w`], w[`${p}.q.b`]), heads);
  const K = splitHeads(dense3(kv, w[`${p}.k.w`], w[`${p}.k.b`]), heads);
  const V = splitHeads(dense3(kv, w[`${p}.v.w`], w[`${p}.v.b`]), heads);
  const att = tf.softmax(tf.matMul(Q as tf.Tensor4D, K as tf.Tensor4D, false, true).mul(1 / Math.sqrt(d / heads)));
  const o = tf.matMul(att as tf.Tensor4D, V as tf.Tensor4D).transpose([0, 2, 1, 3]).reshape([B, T, d]);
  return dense3(o, w[`${p}.o.w`], w[`${p}.o.b`]);
}

/**
 * The AUFART regressor (Kim et al., Eq. 3–6): [REG] + N AU tokens as queries, global tokens as
 * keys/values, L layers of LN → multi-head cross-attention → residual → LN → MLP → residual,
 * an MLP on the final [REG] token for ψ, θ, c, β and per-AU heads for intensity and presence.
 * Deviation (documented in MODEL.md): the keys/values also hold the current AU tokens, so that
 * [REG] sees the AU evidence and AU tokens see each other (the paper's single global key would
 * make [REG]'s output independent of the AU tokens). With a FACS expression basis (`exprAu`), each ψ_k is
 * its AU head's intensity plus a [REG] residual (left/right balance).
 */
export function aufartForward(w: AufartWeights, x: AufartInputs, config: AufartConfig, nOut: { expr: number; shape: number; exprAu?: Int32Array }): AufartOutputs {
  return tf.tidy(() => {
    const B = x.au.shape[0];
    const N = x.au.shape[1];
    const d = config.width;
    // Geometry AU tokens v_i: per-AU linear over its masked displacements, then a shared layer.
    let v: tf.Tensor;
    if (config.tokens.geometry) {
      const h = tf.relu(perToken(x.au, w['au.w1'], w['au.b1']));
      v = dense3(h, w['au.w2'], w['au.b2']);
    } else {
      v = tf.zeros([B, N, d]);
    }
    // Eq. 3: z0 = [v_REG; v_i E] + E_pos
    const reg = w['reg'].reshape([1, 1, d]).tile([B, 1, 1]);
    let z = tf.concat([reg, dense3(v, w['emb.w'], w['emb.b'])], 1).add(w['pos']);
    // Global tokens: one per landmark region, plus the pose token.
    const poseTok = x.pose.matMul(w['pose.w'] as tf.Tensor2D).add(w['pose.b']).reshape([B, 1, d]);
    const glob = config.tokens.global
      ? tf.concat([perToken(x.region, w['glob.w'], w['glob.b']), poseTok], 1)
      : poseTok;
    const gpos = config.tokens.global ? w['gpos'] : w['gpos'].slice([config.regions, 0], [1, d]);
    const kvGlobal = layerNorm(tf.relu(glob).add(gpos), w['kvln.g'], w['kvln.b']);
    for (let l = 0; l < config.depth; l++) {
      const p = `layer${l}`;
      const zn = layerNorm(z, w[`${p}.ln1.g`], w[`${p}.ln1.b`]);
      const kv = tf.concat([kvGlobal, zn.slice([0, 1, 0], [B, N, d])], 1);
      z = crossAttention(w, p, zn, kv, config.heads).add(z); // Eq. 4
      const zn2 = layerNorm(z, w[`${p}.ln2.g`], w[`${p}.ln2.b`]);
      z = dense3(tf.relu(dense3(zn2, w[`${p}.mlp.w1`], w[`${p}.mlp.b1`])), w[`${p}.mlp.w2`], w[`${p}.mlp.b2`]).add(z); // Eq. 5
    }
    // Eq. 6: y = MLP(LN(z_L^0))
    const z0 = layerNorm(z.slice([0, 0, 0], [B, 1, d]).reshape([B, d]), w['out.ln.g'], w['out.ln.b']);
    const y = tf.relu(z0.matMul(w['out.w1'] as tf.Tensor2D).add(w['out.b1'])).matMul(w['out.w2'] as tf.Tensor2D).add(w['out.b2']) as tf.Tensor2D;
    let o = 0;
    const take = (n: number) => { const t = y.slice([0, o], [B, n]); o += n; return t as tf.Tensor2D; };
    const psi = take(nOut.expr), rot6 = take(6), thetaRest = take(12), cam = take(3), beta = take(nOut.shape);
    // Per-AU heads on the final AU tokens.
    const za = layerNorm(z.slice([0, 1, 0], [B, N, d]), w['auhead.ln.g'], w['auhead.ln.b']);
    const ah = perToken(za, w['auhead.w'], w['auhead.b']); // B×N×2
    const auIntensity = tf.sigmoid(ah.slice([0, 0, 0], [B, N, 1]).reshape([B, N])) as tf.Tensor2D;
    const auPresenceLogit = ah.slice([0, 0, 1], [B, N, 1]).reshape([B, N]) as tf.Tensor2D;
    // ψ_k tied to its AU's intensity (when the expression basis is FACS): ψ_k = I_AU(k) + REG residual.
    const psiOut = nOut.exprAu && nOut.exprAu.some((a) => a >= 0)
      ? psi.add(tf.gather(auIntensity, Int32Array.from(nOut.exprAu, (a) => Math.max(a, 0)), 1).mul(tf.tensor1d(Float32Array.from(nOut.exprAu, (a) => (a >= 0 ? 1 : 0))))) as tf.Tensor2D
      : psi;
    return { psi: psiOut, rot6, thetaRest, cam, beta, auIntensity, auPresenceLogit, auTokens: v as tf.Tensor3D };
  });
}

/** Size of the [REG] output vector: ψ, 6D rotation, 12 other pose values, camera, β. */
export function regOutputSize(nExpr: number, nShape: number): number {
  return nExpr + 6 + 12 + 3 + nShape;
}
