import type { AufartConfig } from './config.ts';
import { POSE_FEATURES } from './network.ts';

/** Weights as plain arrays, for the single-face fast path. */
export type HostWeights = Record<string, Float32Array>;

/** Raw outputs of one face from the fast path (same meaning as `AufartOutputs`, batch of 1). */
export interface HostOutputs {
  /** [REG] output vector: ψ, rot6, θ rest (12), camera (3), β. */
  readonly reg: Float32Array;
  readonly auIntensity: Float32Array;
  readonly auPresenceLogit: Float32Array;
}

const LN_EPS = 1e-5;

/** out[T×dout] = x[T×din]·w[din×dout] + b (b optional); four input rows at a time, zero inputs (padding) skipped. */
function dense(x: Float32Array, T: number, din: number, w: Float32Array, b: Float32Array | undefined, dout: number, out: Float32Array, wOff = 0, bOff = 0): void {
  for (let t = 0; t < T; t++) {
    const o = t * dout, xo = t * din;
    if (b) for (let j = 0; j < dout; j++) out[o + j] = b[bOff + j];
    else out.fill(0, o, o + dout);
    let i = 0;
    for (; i + 3 < din; i += 4) {
      const x0 = x[xo + i], x1 = x[xo + i + 1], x2 = x[xo + i + 2], x3 = x[xo + i + 3];
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue;
      const w0 = wOff + i * dout, w1 = w0 + dout, w2 = w1 + dout, w3 = w2 + dout;
      for (let j = 0; j < dout; j++) out[o + j] += x0 * w[w0 + j] + x1 * w[w1 + j] + x2 * w[w2 + j] + x3 * w[w3 + j];
    }
    for (; i < din; i++) {
      const xi = x[xo + i];
      if (xi === 0) continue;
      const wr = wOff + i * dout;
      for (let j = 0; j < dout; j++) out[o + j] += xi * w[wr + j];
    }
  }
}

/** Per-token weights: row t of x times w[t] (din×dout) plus b[t]. */
function perToken(x: Float32Array, T: number, din: number, w: Float32Array, b: Float32Array, dout: number, out: Float32Array): void {
  for (let t = 0; t < T; t++) {
    dense(x.subarray(t * din, (t + 1) * din), 1, din, w, b, dout, out.subarray(t * dout, (t + 1) * dout), t * din * dout, t * dout);
  }
}

function layerNorm(x: Float32Array, T: number, d: number, g: Float32Array, b: Float32Array, out: Float32Array): void {
  for (let t = 0; t < T; t++) {
    let m = 0, v = 0;
    for (let j = 0; j < d; j++) m += x[t * d + j];
    m /= d;
    for (let j = 0; j < d; j++) { const e = x[t * d + j] - m; v += e * e; }
    const r = 1 / Math.sqrt(v / d + LN_EPS);
    for (let j = 0; j < d; j++) out[t * d + j] = (x[t * d + j] - m) * r * g[j] + b[j];
  }
}

const relu = (a: Float32Array) => { for (let i = 0; i < a.length; i++) if (a[i] < 0) a[i] = 0; };

/**
 * The AUFART forward pass (Eq. 3–6) for one face in plain typed-array arithmetic: the same function as
 * `aufartForward` without tensor-op overhead (≈ 2 M multiply-adds with the default sizes).
 * au: N×(K·3), region: G×(Kg·3), pose: P.
 */
export function aufartForwardHost(w: HostWeights, config: AufartConfig, nAu: number, au: Float32Array, region: Float32Array, pose: Float32Array): HostOutputs {
  const d = config.width, N = nAu, T = N + 1, G = config.regions, H = config.heads, dh = d / H;
  const K3 = config.auPoints * 3, G3 = config.regionPoints * 3;
  // AU tokens and Eq. 3.
  const v = new Float32Array(N * d), h = new Float32Array(N * d), z = new Float32Array(T * d);
  if (config.tokens.geometry) {
    perToken(au, N, K3, w['au.w1'], w['au.b1'], d, h);
    relu(h);
    dense(h, N, d, w['au.w2'], w['au.b2'], d, v);
  }
  dense(v, N, d, w['emb.w'], w['emb.b'], d, z.subarray(d));
  for (let j = 0; j < d; j++) z[j] = w['reg'][j];
  const pos = w['pos'];
  for (let i = 0; i < T * d; i++) z[i] += pos[i];
  // Global keys/values.
  const S0 = config.tokens.global ? G + 1 : 1;
  const glob = new Float32Array(S0 * d);
  if (config.tokens.global) perToken(region, G, G3, w['glob.w'], w['glob.b'], d, glob);
  dense(pose, 1, POSE_FEATURES, w['pose.w'], w['pose.b'], d, glob.subarray((S0 - 1) * d));
  relu(glob);
  const gpos = w['gpos'], gOff = config.tokens.global ? 0 : G * d;
  for (let i = 0; i < S0 * d; i++) glob[i] += gpos[gOff + i];
  const S = S0 + N;
  const kv = new Float32Array(S * d);
  layerNorm(glob, S0, d, w['kvln.g'], w['kvln.b'], kv);
  const zn = new Float32Array(T * d), Q = new Float32Array(T * d), Kt = new Float32Array(S * d), Vt = new Float32Array(S * d);
  const att = new Float32Array(S), o = new Float32Array(T * d), tmp = new Float32Array(T * d), hid = new Float32Array(T * config.mlpHidden);
  const scale = 1 / Math.sqrt(dh);
  for (let l = 0; l < config.depth; l++) {
    const p = `layer${l}`;
    layerNorm(z, T, d, w[`${p}.ln1.g`], w[`${p}.ln1.b`], zn);
    kv.set(zn.subarray(d), S0 * d);
    dense(zn, T, d, w[`${p}.q.w`], w[`${p}.q.b`], d, Q);
    dense(kv, S, d, w[`${p}.k.w`], w[`${p}.k.b`], d, Kt);
    dense(kv, S, d, w[`${p}.v.w`], w[`${p}.v.b`], d, Vt);
    o.fill(0);
    for (let hh = 0; hh < H; hh++) {
      const c0 = hh * dh;
      for (let t = 0; t < T; t++) {
        let mx = -Infinity;
        for (let s = 0; s < S; s++) {
          let a = 0;
          for (let j = 0; j < dh; j++) a += Q[t * d + c0 + j] * Kt[s * d + c0 + j];
          a *= scale; att[s] = a; if (a > mx) mx = a;
        }
        let sum = 0;
        for (let s = 0; s < S; s++) { att[s] = Math.exp(att[s] - mx); sum += att[s]; }
        for (let s = 0; s < S; s++) {
          const a = att[s] / sum;
          for (let j = 0; j < dh; j++) o[t * d + c0 + j] += a * Vt[s * d + c0 + j];
        }
      }
    }
    dense(o, T, d, w[`${p}.o.w`], w[`${p}.o.b`], d, tmp);
    for (let i = 0; i < T * d; i++) z[i] += tmp[i]; // Eq. 4
    layerNorm(z, T, d, w[`${p}.ln2.g`], w[`${p}.ln2.b`], zn);
    dense(zn, T, d, w[`${p}.mlp.w1`], w[`${p}.mlp.b1`], config.mlpHidden, hid);
    relu(hid);
    dense(hid, T, config.mlpHidden, w[`${p}.mlp.w2`], w[`${p}.mlp.b2`], d, tmp);
    for (let i = 0; i < T * d; i++) z[i] += tmp[i]; // Eq. 5
  }
  // Eq. 6 on [REG].
  const z0 = new Float32Array(d), r1 = new Float32Array(config.regHidden);
  layerNorm(z, 1, d, w['out.ln.g'], w['out.ln.b'], z0);
  dense(z0, 1, d, w['out.w1'], w['out.b1'], config.regHidden, r1);
  relu(r1);
  const nOut = w['out.b2'].length;
  const reg = new Float32Array(nOut);
  dense(r1, 1, config.regHidden, w['out.w2'], w['out.b2'], nOut, reg);
  // AU heads.
  const za = new Float32Array(N * d), ah = new Float32Array(N * 2);
  layerNorm(z.subarray(d), N, d, w['auhead.ln.g'], w['auhead.ln.b'], za);
  perToken(za, N, d, w['auhead.w'], w['auhead.b'], 2, ah);
  const auIntensity = new Float32Array(N), auPresenceLogit = new Float32Array(N);
  for (let i = 0; i < N; i++) { auIntensity[i] = 1 / (1 + Math.exp(-ah[i * 2])); auPresenceLogit[i] = ah[i * 2 + 1]; }
  return { reg, auIntensity, auPresenceLogit };
}
