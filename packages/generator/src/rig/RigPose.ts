import type { RigDefinition } from './RigDefinition.ts';
import type { RigSlots } from './RigSlots.ts';
import { quatFromEuler, mulQuat } from './affine.ts';

/** Drivers of a rig compiled to flat arrays (internal). */
export interface CompiledDrivers {
  readonly boneNames: readonly string[];
  readonly morphNames: readonly string[];
  /** Bind local pose per bone: t(3) q(4) s(3). */
  readonly bind: Float64Array;
  readonly count: number;
  readonly slot: Int32Array;
  /** ≥ 0: bone index; < 0: −1 − morph index. */
  readonly target: Int32Array;
  readonly origin: Float64Array;
  /** Per driver: t(3) r(3) s(3) for bones, or weight in [0] for morphs. */
  readonly gain: Float64Array;
  readonly keys: readonly (Float64Array | undefined)[];
}

/** A rig's pose: local bone transforms and morph weights. */
export interface RigPose {
  /** Bones × 10: local translation (mm), rotation quaternion [x y z w], scale. */
  readonly local: Float64Array;
  /** One weight per `morphNames` entry. */
  readonly morph: Float32Array;
}

export function compileDrivers(def: RigDefinition, slots: RigSlots, extraMorphNames: readonly string[] = []): CompiledDrivers {
  const boneNames = def.bones.map((b) => b.name);
  const boneIndex = new Map(boneNames.map((n, i) => [n, i]));
  const morphNames = [...new Set([...extraMorphNames, ...def.drivers.flatMap((d) => ('morph' in d ? [d.morph] : []))])];
  const morphIndex = new Map(morphNames.map((n, i) => [n, i]));
  const bind = new Float64Array(def.bones.length * 10);
  def.bones.forEach((b, i) => {
    bind.set(b.translation, 10 * i);
    bind.set(b.rotation ?? [0, 0, 0, 1], 10 * i + 3);
    bind.set(b.scale ?? [1, 1, 1], 10 * i + 7);
  });
  const n = def.drivers.length;
  const slot = new Int32Array(n), target = new Int32Array(n), origin = new Float64Array(n), gain = new Float64Array(n * 9);
  const keys: (Float64Array | undefined)[] = [];
  def.drivers.forEach((d, i) => {
    slot[i] = slots.index.get(d.param)!;
    origin[i] = d.origin ?? 0;
    keys.push(d.keys ? Float64Array.from(d.keys.flat()) : undefined);
    if ('bone' in d) {
      target[i] = boneIndex.get(d.bone)!;
      gain.set(d.translation ?? [0, 0, 0], 9 * i);
      gain.set(d.rotation ?? [0, 0, 0], 9 * i + 3);
      gain.set(d.scale ?? [0, 0, 0], 9 * i + 6);
    } else {
      target[i] = -1 - morphIndex.get(d.morph)!;
      gain[9 * i] = d.weight ?? 1;
    }
  });
  return { boneNames, morphNames, bind, count: n, slot, target, origin, gain, keys };
}

/** Piecewise-linear curve through [x, y] pairs, clamped at both ends. */
function curve(k: Float64Array, v: number): number {
  const n = k.length / 2;
  if (v <= k[0]) return k[1];
  for (let j = 1; j < n; j++) {
    if (v <= k[2 * j]) {
      const x0 = k[2 * j - 2], x1 = k[2 * j];
      return k[2 * j - 1] + ((v - x0) / (x1 - x0)) * (k[2 * j + 1] - k[2 * j - 1]);
    }
  }
  return k[2 * n - 1];
}

const scratchQ = new Float64Array(4);

/**
 * Evaluate every driver at `values` (the rig's slot order, already clamped). A discrete param's
 * one-hot slots are resolved to their largest entry (as a game picks one brow style).
 */
export function evaluateRigPose(c: CompiledDrivers, slots: RigSlots, values: Float32Array): RigPose {
  const B = c.boneNames.length;
  const delta = new Float64Array(B * 9); // Δt(3) Δeuler(3) Δs(3)
  const morph = new Float32Array(c.morphNames.length);
  const winner = new Int32Array(values.length).fill(1);
  for (const g of slots.choiceGroups) {
    let best = g.start;
    for (let s = g.start + 1; s < g.start + g.count; s++) if (values[s] > values[best]) best = s;
    for (let s = g.start; s < g.start + g.count; s++) winner[s] = s === best ? 1 : 0;
  }
  for (let i = 0; i < c.count; i++) {
    const s = c.slot[i];
    let v = values[s];
    if (slots.isChoice[s]) v = winner[s];
    const k = c.keys[i];
    const amount = k ? curve(k, v) : v - c.origin[i];
    if (amount === 0) continue;
    const t = c.target[i];
    if (t < 0) { morph[-1 - t] += amount * c.gain[9 * i]; continue; }
    for (let j = 0; j < 9; j++) delta[9 * t + j] += amount * c.gain[9 * i + j];
  }
  const local = new Float64Array(B * 10);
  for (let b = 0; b < B; b++) {
    const o = 10 * b, d = 9 * b;
    local[o] = c.bind[o] + delta[d]; local[o + 1] = c.bind[o + 1] + delta[d + 1]; local[o + 2] = c.bind[o + 2] + delta[d + 2];
    quatFromEuler(scratchQ, 0, delta[d + 3], delta[d + 4], delta[d + 5]);
    mulQuat(local, o + 3, c.bind, o + 3, scratchQ, 0);
    local[o + 7] = c.bind[o + 7] * (1 + delta[d + 6]);
    local[o + 8] = c.bind[o + 8] * (1 + delta[d + 7]);
    local[o + 9] = c.bind[o + 9] * (1 + delta[d + 8]);
  }
  return { local, morph };
}
