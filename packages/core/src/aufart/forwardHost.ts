import type { AufartConfig } from './config.ts';
import { POSE_FEATURES } from './network.ts';
import { createSimdDense, type DenseKernel } from '../math/simdDense.ts';
import type { AufartFeatureBatch } from './aufartFeatures.ts';

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

/**
 * out[T×dout] = x[T×din]·w[din×dout] + b (b optional), w row-major at `wOff`. Register-blocked: four rows × four
 * columns of sums stay in locals over the whole input dimension, so each weight and input read serves four
 * multiply-adds and no output is re-read (about 2× the plain row-by-row loop in V8, which does not vectorize).
 */
function dense(x: Float32Array, T: number, din: number, w: Float32Array, b: Float32Array | undefined, dout: number, out: Float32Array, wOff = 0, bOff = 0): void {
  const J = dout & ~3;
  let t = 0;
  for (; t + 3 < T; t += 4) {
    const xa = t * din, xb = xa + din, xc = xb + din, xd = xc + din;
    const oa = t * dout, ob = oa + dout, oc = ob + dout, od = oc + dout;
    for (let j = 0; j < J; j += 4) {
      const b0 = b ? b[bOff + j] : 0, b1 = b ? b[bOff + j + 1] : 0, b2 = b ? b[bOff + j + 2] : 0, b3 = b ? b[bOff + j + 3] : 0;
      let a0 = b0, a1 = b1, a2 = b2, a3 = b3, c0 = b0, c1 = b1, c2 = b2, c3 = b3;
      let e0 = b0, e1 = b1, e2 = b2, e3 = b3, f0 = b0, f1 = b1, f2 = b2, f3 = b3;
      for (let i = 0, wi = wOff + j; i < din; i++, wi += dout) {
        const w0 = w[wi], w1 = w[wi + 1], w2 = w[wi + 2], w3 = w[wi + 3];
        const p = x[xa + i], q = x[xb + i], r = x[xc + i], s = x[xd + i];
        a0 += p * w0; a1 += p * w1; a2 += p * w2; a3 += p * w3;
        c0 += q * w0; c1 += q * w1; c2 += q * w2; c3 += q * w3;
        e0 += r * w0; e1 += r * w1; e2 += r * w2; e3 += r * w3;
        f0 += s * w0; f1 += s * w1; f2 += s * w2; f3 += s * w3;
      }
      out[oa + j] = a0; out[oa + j + 1] = a1; out[oa + j + 2] = a2; out[oa + j + 3] = a3;
      out[ob + j] = c0; out[ob + j + 1] = c1; out[ob + j + 2] = c2; out[ob + j + 3] = c3;
      out[oc + j] = e0; out[oc + j + 1] = e1; out[oc + j + 2] = e2; out[oc + j + 3] = e3;
      out[od + j] = f0; out[od + j + 1] = f1; out[od + j + 2] = f2; out[od + j + 3] = f3;
    }
    if (J < dout) denseColumns(x, t, t + 4, din, w, b, dout, out, wOff, bOff, J);
  }
  // Single rows (the per-token layers and the last T mod 4 rows): eight columns at a time, then four.
  const J8 = dout & ~7;
  for (; t < T; t++) {
    const xa = t * din, oa = t * dout;
    for (let j = 0; j < J8; j += 8) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
      if (b) { const o = bOff + j; a0 = b[o]; a1 = b[o + 1]; a2 = b[o + 2]; a3 = b[o + 3]; a4 = b[o + 4]; a5 = b[o + 5]; a6 = b[o + 6]; a7 = b[o + 7]; }
      for (let i = 0, wi = wOff + j; i < din; i++, wi += dout) {
        const p = x[xa + i];
        a0 += p * w[wi]; a1 += p * w[wi + 1]; a2 += p * w[wi + 2]; a3 += p * w[wi + 3];
        a4 += p * w[wi + 4]; a5 += p * w[wi + 5]; a6 += p * w[wi + 6]; a7 += p * w[wi + 7];
      }
      const o = oa + j;
      out[o] = a0; out[o + 1] = a1; out[o + 2] = a2; out[o + 3] = a3; out[o + 4] = a4; out[o + 5] = a5; out[o + 6] = a6; out[o + 7] = a7;
    }
    for (let j = J8; j < J; j += 4) {
      let a0 = b ? b[bOff + j] : 0, a1 = b ? b[bOff + j + 1] : 0, a2 = b ? b[bOff + j + 2] : 0, a3 = b ? b[bOff + j + 3] : 0;
      for (let i = 0, wi = wOff + j; i < din; i++, wi += dout) {
        const p = x[xa + i];
        a0 += p * w[wi]; a1 += p * w[wi + 1]; a2 += p * w[wi + 2]; a3 += p * w[wi + 3];
      }
      out[oa + j] = a0; out[oa + j + 1] = a1; out[oa + j + 2] = a2; out[oa + j + 3] = a3;
    }
    if (J < dout) denseColumns(x, t, t + 1, din, w, b, dout, out, wOff, bOff, J);
  }
}

/** The columns from j0 on of `dense` for rows t0…t1−1, one sum at a time (the last dout mod 4 columns). */
function denseColumns(x: Float32Array, t0: number, t1: number, din: number, w: Float32Array, b: Float32Array | undefined, dout: number, out: Float32Array, wOff: number, bOff: number, j0: number): void {
  for (let t = t0; t < t1; t++) {
    for (let j = j0; j < dout; j++) {
      let a = b ? b[bOff + j] : 0;
      for (let i = 0, wi = wOff + j; i < din; i++, wi += dout) a += x[t * din + i] * w[wi];
      out[t * dout + j] = a;
    }
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

/**
 * Multi-head scaled dot-product attention (Eq. 4): o[T×d] from queries Q[T×d], keys K[S×d], values V[S×d]; `att` is S
 * scratch floats. The head width is walked four columns at a time with the sums in locals (the plain per-column loop
 * with a store per multiply-add was the slowest part of the forward pass).
 */
function attend(Q: Float32Array, K: Float32Array, V: Float32Array, T: number, S: number, d: number, H: number, att: Float32Array, o: Float32Array): void {
  const dh = d / H, scale = 1 / Math.sqrt(dh), J4 = dh & ~3;
  for (let hh = 0; hh < H; hh++) {
    const c0 = hh * dh;
    for (let t = 0; t < T; t++) {
      const q = t * d + c0;
      let mx = -Infinity;
      for (let s = 0, k = c0; s < S; s++, k += d) {
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0, j = 0;
        for (; j < J4; j += 4) { a0 += Q[q + j] * K[k + j]; a1 += Q[q + j + 1] * K[k + j + 1]; a2 += Q[q + j + 2] * K[k + j + 2]; a3 += Q[q + j + 3] * K[k + j + 3]; }
        for (; j < dh; j++) a0 += Q[q + j] * K[k + j];
        const a = (a0 + a1 + a2 + a3) * scale;
        att[s] = a; if (a > mx) mx = a;
      }
      let sum = 0;
      for (let s = 0; s < S; s++) { const e = Math.exp(att[s] - mx); att[s] = e; sum += e; }
      const inv = 1 / sum;
      let j = 0;
      for (; j < J4; j += 4) {
        let b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        for (let s = 0, v = c0 + j; s < S; s++, v += d) { const a = att[s]; b0 += a * V[v]; b1 += a * V[v + 1]; b2 += a * V[v + 2]; b3 += a * V[v + 3]; }
        o[q + j] = b0 * inv; o[q + j + 1] = b1 * inv; o[q + j + 2] = b2 * inv; o[q + j + 3] = b3 * inv;
      }
      for (; j < dh; j++) {
        let b = 0;
        for (let s = 0, v = c0 + j; s < S; s++, v += d) b += att[s] * V[v];
        o[q + j] = b * inv;
      }
    }
  }
}

const relu = (a: Float32Array) => { for (let i = 0; i < a.length; i++) if (a[i] < 0) a[i] = 0; };

/** Scratch of one forward pass, by name and size (floats). */
function scratchSizes(config: AufartConfig, nAu: number, nOut: number): Record<string, number> {
  const d = config.width, N = nAu, T = N + 1, S0 = config.tokens.global ? config.regions + 1 : 1, S = S0 + N;
  return {
    au: N * config.auPoints * 3, region: config.regions * config.regionPoints * 3, pose: POSE_FEATURES,
    v: N * d, h: N * d, z: T * d, glob: S0 * d, kv: S * d, zn: T * d, Q: T * d, Kt: S * d, Vt: S * d, att: S, o: T * d, tmp: T * d,
    hid: T * config.mlpHidden, z0: d, r1: config.regHidden, reg: nOut, za: N * d, ah: N * 2,
  };
}

/**
 * The AUFART forward pass (Eq. 3–6) for one face in plain typed-array arithmetic: the same function as
 * `aufartForward` without tensor-op overhead (≈ 2 M multiply-adds with the default sizes). The weights are copied once
 * and every buffer is allocated once, in the SIMD kernel's memory where WebAssembly SIMD runs (`simdDense.wat`: the
 * dense layers, ≈ 90 % of the multiply-adds, at four per instruction), else in plain arrays with the JS loops above.
 */
export class HostForward {
  readonly simd: boolean;
  /** The input buffers (one face) `run()` reads when called without inputs: write features here to skip a copy. */
  readonly inputs: AufartFeatureBatch;
  private readonly w: HostWeights;
  private readonly b: Record<string, Float32Array>;
  private readonly denseSimd: DenseKernel | undefined;
  private readonly config: AufartConfig;
  private readonly nAu: number;

  /** `simd: false` keeps the JS loops even where WebAssembly SIMD runs (to compare the two). */
  constructor(weights: HostWeights, config: AufartConfig, nAu: number, options: { simd?: boolean } = {}) {
    this.config = config;
    this.nAu = nAu;
    const names = Object.keys(weights), scratch = scratchSizes(config, nAu, weights['out.b2'].length);
    const sizes = [...names.map((k) => weights[k].length), ...Object.values(scratch)];
    const arena = options.simd === false ? null : createSimdDense(sizes);
    const buffers = arena ? arena.buffers : sizes.map((n) => new Float32Array(n));
    this.simd = arena !== null;
    this.denseSimd = arena?.dense;
    this.w = {};
    names.forEach((k, i) => { buffers[i].set(weights[k]); this.w[k] = buffers[i]; });
    this.b = {};
    Object.keys(scratch).forEach((k, i) => { this.b[k] = buffers[names.length + i]; });
    this.inputs = { size: 1, au: this.b.au, region: this.b.region, pose: this.b.pose };
  }

  private dense(x: Float32Array, T: number, din: number, w: Float32Array, b: Float32Array | undefined, dout: number, out: Float32Array, wOff = 0, bOff = 0): void {
    if (this.denseSimd && (dout & 3) === 0) this.denseSimd(x, T, din, w, wOff, b, bOff, dout, out);
    else dense(x, T, din, w, b, dout, out, wOff, bOff);
  }

  /** Per-token weights: row t of x times w[t] (din×dout) plus b[t]. */
  private perToken(x: Float32Array, T: number, din: number, w: Float32Array, b: Float32Array, dout: number, out: Float32Array): void {
    for (let t = 0; t < T; t++) this.dense(x.subarray(t * din, (t + 1) * din), 1, din, w, b, dout, out.subarray(t * dout, (t + 1) * dout), t * din * dout, t * dout);
  }

  /** au: N×(K·3), region: G×(Kg·3), pose: P; by default `inputs`, else copied there. */
  run(au: ArrayLike<number> = this.inputs.au, region: ArrayLike<number> = this.inputs.region, pose: ArrayLike<number> = this.inputs.pose): HostOutputs {
    const { config, w, b } = this;
    const d = config.width, N = this.nAu, T = N + 1, G = config.regions, H = config.heads;
    const K3 = config.auPoints * 3, G3 = config.regionPoints * 3;
    if (au !== b.au) b.au.set(au);
    if (region !== b.region) b.region.set(region);
    if (pose !== b.pose) b.pose.set(pose);
    // AU tokens and Eq. 3.
    const { v, h, z } = b;
    if (config.tokens.geometry) {
      this.perToken(b.au, N, K3, w['au.w1'], w['au.b1'], d, h);
      relu(h);
      this.dense(h, N, d, w['au.w2'], w['au.b2'], d, v);
    }
    this.dense(v, N, d, w['emb.w'], w['emb.b'], d, z.subarray(d));
    for (let j = 0; j < d; j++) z[j] = w['reg'][j];
    const pos = w['pos'];
    for (let i = 0; i < T * d; i++) z[i] += pos[i];
    // Global keys/values.
    const S0 = config.tokens.global ? G + 1 : 1, glob = b.glob;
    if (config.tokens.global) this.perToken(b.region, G, G3, w['glob.w'], w['glob.b'], d, glob);
    this.dense(b.pose, 1, POSE_FEATURES, w['pose.w'], w['pose.b'], d, glob.subarray((S0 - 1) * d));
    relu(glob);
    const gpos = w['gpos'], gOff = config.tokens.global ? 0 : G * d;
    for (let i = 0; i < S0 * d; i++) glob[i] += gpos[gOff + i];
    const S = S0 + N;
    const { kv, zn, Q, Kt, Vt, att, o, tmp, hid } = b;
    layerNorm(glob, S0, d, w['kvln.g'], w['kvln.b'], kv);
    for (let l = 0; l < config.depth; l++) {
      const p = `layer${l}`;
      layerNorm(z, T, d, w[`${p}.ln1.g`], w[`${p}.ln1.b`], zn);
      kv.set(zn.subarray(d), S0 * d);
      this.dense(zn, T, d, w[`${p}.q.w`], w[`${p}.q.b`], d, Q);
      this.dense(kv, S, d, w[`${p}.k.w`], w[`${p}.k.b`], d, Kt);
      this.dense(kv, S, d, w[`${p}.v.w`], w[`${p}.v.b`], d, Vt);
      attend(Q, Kt, Vt, T, S, d, H, att, o);
      this.dense(o, T, d, w[`${p}.o.w`], w[`${p}.o.b`], d, tmp);
      for (let i = 0; i < T * d; i++) z[i] += tmp[i]; // Eq. 4
      layerNorm(z, T, d, w[`${p}.ln2.g`], w[`${p}.ln2.b`], zn);
      this.dense(zn, T, d, w[`${p}.mlp.w1`], w[`${p}.mlp.b1`], config.mlpHidden, hid);
      relu(hid);
      this.dense(hid, T, config.mlpHidden, w[`${p}.mlp.w2`], w[`${p}.mlp.b2`], d, tmp);
      for (let i = 0; i < T * d; i++) z[i] += tmp[i]; // Eq. 5
    }
    // Eq. 6 on [REG].
    const { z0, r1, reg, za, ah } = b;
    layerNorm(z, 1, d, w['out.ln.g'], w['out.ln.b'], z0);
    this.dense(z0, 1, d, w['out.w1'], w['out.b1'], config.regHidden, r1);
    relu(r1);
    this.dense(r1, 1, config.regHidden, w['out.w2'], w['out.b2'], reg.length, reg);
    // AU heads.
    layerNorm(z.subarray(d), N, d, w['auhead.ln.g'], w['auhead.ln.b'], za);
    this.perToken(za, N, d, w['auhead.w'], w['auhead.b'], 2, ah);
    const auIntensity = new Float32Array(N), auPresenceLogit = new Float32Array(N);
    for (let i = 0; i < N; i++) { auIntensity[i] = 1 / (1 + Math.exp(-ah[i * 2])); auPresenceLogit[i] = ah[i * 2 + 1]; }
    return { reg: Float32Array.from(reg), auIntensity, auPresenceLogit };
  }
}

/** One face through a `HostForward` built for the call (tests and one-off use; keep a `HostForward` for many faces). */
export function aufartForwardHost(w: HostWeights, config: AufartConfig, nAu: number, au: Float32Array, region: Float32Array, pose: Float32Array): HostOutputs {
  return new HostForward(w, config, nAu).run(au, region, pose);
}
