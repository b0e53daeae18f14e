import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv';
import { AurigError } from '@aurig/core';
import type { RigDefinition, RigMeshPartDef } from './RigDefinition.ts';

/** Path of the published JSON Schema of `RigDefinition`. */
export const RIG_SCHEMA_PATH = path.resolve(import.meta.dirname, '../../schema/rig.schema.json');

let validator: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (validator) return validator;
  const schema = JSON.parse(fs.readFileSync(RIG_SCHEMA_PATH, 'utf8')) as object;
  validator = new Ajv({ allErrors: true, strictNumbers: true, strict: false }).compile(schema);
  return validator;
}

function bad(pathStr: string, message: string, value?: unknown): AurigError {
  return new AurigError('E_BAD_RIG', `invalid rig at ${pathStr || '/'}: ${message}`, { path: pathStr || '/', value });
}

/** First non-finite number anywhere in `v` (plain or typed arrays), as a JSON pointer. */
function findNonFinite(v: unknown, at: string): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : at;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(Number(a[i]))) return `${at}/${i}`;
    return undefined;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'number') { if (!Number.isFinite(x)) return `${at}/${i}`; continue; }
      const r = findNonFinite(x, `${at}/${i}`);
      if (r) return r;
    }
    return undefined;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const r = findNonFinite(x, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (r) return r;
    }
  }
  return undefined;
}

function describe(errors: readonly ErrorObject[]): { path: string; message: string } {
  // oneOf branches report every branch; the deepest path is the most useful one to show
  const sorted = [...errors].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length);
  const first = sorted[0];
  const lines = sorted.slice(0, 4).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}`);
  return { path: first.instancePath, message: `${lines.join('; ')} (see schema/rig.schema.json)` };
}

/**
 * Check a rig against the JSON Schema and the rules the schema cannot express (unknown bone or
 * morph in a driver, driver on a missing param, non-finite numbers, min > max, default out of
 * range, bone cycles, out-of-range indices). Returns the definition typed; throws `E_BAD_RIG`
 * whose `path` is the JSON pointer of the first problem.
 */
export function validateRig(def: unknown): RigDefinition {
  const nonFinite = findNonFinite(def, '');
  if (nonFinite !== undefined) throw bad(nonFinite, 'not a finite number (NaN or Infinity); every number in a rig must be finite');
  const validate = schemaValidator();
  if (!validate(def)) {
    const { path: p, message } = describe(validate.errors ?? []);
    throw bad(p, message, validate.errors?.length);
  }
  const rig = def as RigDefinition;
  checkParams(rig);
  checkBones(rig);
  checkMesh(rig);
  checkDrivers(rig);
  checkLandmarks(rig);
  return rig;
}

function checkParams(rig: RigDefinition): void {
  const slots = new Set<string>();
  rig.params.forEach((p, i) => {
    if ('choices' in p) {
      if (!Number.isInteger(p.default) || p.default < 0 || p.default >= p.choices.length) {
        throw bad(`/params/${i}/default`, `default choice ${p.default} is not an index into the ${p.choices.length} choices of '${p.name}'`, p.default);
      }
      for (const c of p.choices) addSlot(slots, `${p.name}:${c}`, `/params/${i}/choices`);
    } else {
      if (p.min > p.max) throw bad(`/params/${i}/min`, `min ${p.min} > max ${p.max} for '${p.name}'`, p.min);
      if (p.default < p.min || p.default > p.max) throw bad(`/params/${i}/default`, `default ${p.default} is outside [${p.min}, ${p.max}] for '${p.name}'`, p.default);
    }
    addSlot(slots, p.name, `/params/${i}/name`);
  });
}

function addSlot(slots: Set<string>, name: string, at: string): void {
  if (slots.has(name)) throw bad(at, `duplicate param name '${name}'; names must be unique`, name);
  slots.add(name);
}

function checkBones(rig: RigDefinition): void {
  const index = new Map<string, number>();
  rig.bones.forEach((b, i) => {
    if (index.has(b.name)) throw bad(`/bones/${i}/name`, `duplicate bone name '${b.name}'`, b.name);
    index.set(b.name, i);
  });
  rig.bones.forEach((b, i) => {
    if (b.parent !== undefined && !index.has(b.parent)) throw bad(`/bones/${i}/parent`, `unknown parent bone '${b.parent}' of '${b.name}'`, b.parent);
    if (b.rotation && Math.hypot(...b.rotation) < 1e-6) throw bad(`/bones/${i}/rotation`, `zero quaternion for '${b.name}'; use [0, 0, 0, 1] for no rotation`);
    // walk up: more steps than bones means a cycle
    let cur: string | undefined = b.parent;
    for (let steps = 0; cur !== undefined; steps++) {
      if (steps > rig.bones.length) throw bad(`/bones/${i}/parent`, `bone '${b.name}' is its own ancestor (cycle in the hierarchy)`, b.parent);
      cur = rig.bones[index.get(cur)!].parent;
    }
  });
}

function partSizes(rig: RigDefinition): Map<string, { part: RigMeshPartDef; v: number; i: number }> | undefined {
  if (!('parts' in rig.mesh)) return undefined;
  return new Map(rig.mesh.parts.map((part, i) => [part.name, { part, v: part.positions.length / 3, i }]));
}

function checkMesh(rig: RigDefinition): void {
  if (!('parts' in rig.mesh)) return;
  const seen = new Set<string>();
  rig.mesh.parts.forEach((part, pi) => {
    const at = `/mesh/parts/${pi}`;
    if (seen.has(part.name)) throw bad(`${at}/name`, `duplicate part name '${part.name}'`);
    seen.add(part.name);
    if (part.positions.length % 3 !== 0) throw bad(`${at}/positions`, `length ${part.positions.length} is not a multiple of 3`);
    const V = part.positions.length / 3;
    if (part.colors.length !== V * 3) throw bad(`${at}/colors`, `${part.colors.length / 3} colours for ${V} vertices; give one RGB triple per vertex`);
    if (part.indices.length % 3 !== 0) throw bad(`${at}/indices`, `length ${part.indices.length} is not a multiple of 3`);
    const over = part.indices.findIndex((x) => x >= V);
    if (over >= 0) throw bad(`${at}/indices/${over}`, `vertex index ${part.indices[over]} ≥ vertex count ${V}`, part.indices[over]);
    if (part.skin) {
      if (part.skin.joints.length !== V * 4) throw bad(`${at}/skin/joints`, `expected V×4 = ${V * 4} joint indices, got ${part.skin.joints.length}`);
      if (part.skin.weights.length !== V * 4) throw bad(`${at}/skin/weights`, `expected V×4 = ${V * 4} weights, got ${part.skin.weights.length}`);
      const j = part.skin.joints.findIndex((x) => x >= rig.bones.length);
      if (j >= 0) throw bad(`${at}/skin/joints/${j}`, `bone index ${part.skin.joints[j]} ≥ bone count ${rig.bones.length}`);
    }
    part.morphTargets?.forEach((t, ti) => {
      const n = t.indices ? t.indices.length : V;
      if (t.deltas.length !== n * 3) throw bad(`${at}/morphTargets/${ti}/deltas`, `expected ${n}×3 deltas, got ${t.deltas.length}`);
      const o = t.indices?.findIndex((x) => x >= V) ?? -1;
      if (o >= 0) throw bad(`${at}/morphTargets/${ti}/indices/${o}`, `vertex index ≥ vertex count ${V}`);
    });
  });
}

function checkDrivers(rig: RigDefinition): void {
  const slots = new Set<string>();
  for (const p of rig.params) {
    slots.add(p.name);
    if ('choices' in p) for (const c of p.choices) slots.add(`${p.name}:${c}`);
  }
  const bones = new Set(rig.bones.map((b) => b.name));
  const parts = partSizes(rig);
  const morphs = parts ? new Set([...parts.values()].flatMap((p) => p.part.morphTargets?.map((t) => t.name) ?? [])) : undefined;
  rig.drivers.forEach((d, i) => {
    if (!slots.has(d.param)) throw bad(`/drivers/${i}/param`, `driver on a missing param '${d.param}'; declare it in /params`, d.param);
    if ('bone' in d && !bones.has(d.bone)) throw bad(`/drivers/${i}/bone`, `unknown bone '${d.bone}'; declare it in /bones`, d.bone);
    if ('morph' in d && morphs && !morphs.has(d.morph)) throw bad(`/drivers/${i}/morph`, `unknown morph target '${d.morph}'; no mesh part has it`, d.morph);
    if (d.keys) for (let k = 1; k < d.keys.length; k++) {
      if (!(d.keys[k][0] > d.keys[k - 1][0])) throw bad(`/drivers/${i}/keys/${k}/0`, 'keys must be sorted by strictly increasing param value');
    }
  });
}

function checkLandmarks(rig: RigDefinition): void {
  const parts = partSizes(rig);
  for (const set of ['mediapipe468', 'ibug68'] as const) {
    rig.landmarks?.[set]?.forEach((pt, i) => {
      const at = `/landmarks/${set}/${i}`;
      if (pt.weights && pt.weights.length !== pt.vertices.length) throw bad(`${at}/weights`, `${pt.weights.length} weights for ${pt.vertices.length} vertices`);
      if (!parts) return;
      const p = parts.get(pt.part);
      if (!p) throw bad(`${at}/part`, `unknown mesh part '${pt.part}'`, pt.part);
      const o = pt.vertices.findIndex((x) => x >= p.v);
      if (o >= 0) throw bad(`${at}/vertices/${o}`, `vertex ${pt.vertices[o]} ≥ vertex count ${p.v} of '${pt.part}'`);
    });
  }
}
