import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AU_NAMES, AU_PARAM_NAMES, isAurigError, type AuName, type FaceParams } from '@aurig/core';
import { createDefaultRig, renderRig } from '@aurig/generator';
import { retarget } from '@aurig/retarget';

const rig = createDefaultRig();
const byName = (names: readonly string[], values: Float32Array) => Object.fromEntries(names.map((n, i) => [n, values[i]!]));

/** A FaceParams as analyze returns it, with the given AU intensities and head pose. */
function face(aus: Partial<Record<AuName, number>>, headPose = { yaw: 0, pitch: 0, roll: 0 }, psi?: Partial<Record<string, number>>): FaceParams {
  const all = Object.fromEntries(AU_NAMES.map((a) => [a, aus[a] ?? 0])) as Record<AuName, number>;
  const expression = new Float32Array(AU_PARAM_NAMES.length);
  AU_PARAM_NAMES.forEach((n, k) => { expression[k] = psi?.[n] ?? all[n.slice(0, 4) as AuName]; });
  return {
    box: { x: 0, y: 0, width: 100, height: 100 }, landmarks: new Float32Array(468 * 3), aus: all, auPresence: all, appearanceAus: null, emotions: null,
    headPose, gaze: { yaw: 0, pitch: 0 },
    flame: { shape: new Float32Array(50), expression, pose: new Float32Array(15), camera: { s: 1, tx: 0, ty: 0 } },
    confidence: 1, reason: '',
  };
}

test('a neutral face gives the base face: AU controls at their default, identity untouched, frontal', () => {
  const p = retarget(face({}), rig);
  assert.equal(p.rig, rig.name);
  assert.equal(p.values.length, 269);
  const r = byName(p.names, p.values);
  for (const def of rig.definition.params) {
    if ('choices' in def) continue;
    assert.ok(Math.abs(r[def.name]! - def.default) < 1e-6, `${def.name} = ${r[def.name]} (default ${def.default})`);
  }
});

test('AU intensities land on the AU-tagged controls, both sides, rescaled default→max', () => {
  const r = byName(rig.slots.names, retarget(face({ AU12: 1, AU06: 0.5, AU26: 0.8 }), rig).values);
  assert.ok(Math.abs(r.AU12_L! - 1) < 1e-6 && Math.abs(r.AU12_R! - 1) < 1e-6, `AU12 ${r.AU12_L} ${r.AU12_R}`);
  assert.ok(Math.abs(r.AU06! - (0.02 + 0.5 * 0.98)) < 1e-6, `AU06 ${r.AU06}`);
  assert.ok(Math.abs(r.AU26! - (0.02 + 0.8 * 0.98)) < 1e-6, `AU26 ${r.AU26}`);
  assert.ok(Math.abs(r.AU04! - 0.02) < 1e-6, 'AU04 stays at base');
});

test('a one-sided smile and a wink stay one-sided; AU45 (blink) drives the rig\'s AU43', () => {
  const f = face({ AU12: 0.9, AU45: 1 }, undefined, { AU12_L: 0.9, AU12_R: 0.1, AU45_L: 0, AU45_R: 1 });
  const r = byName(rig.slots.names, retarget(f, rig).values);
  assert.ok(r.AU12_L! > 0.85 && r.AU12_R! < 0.2, `AU12 L ${r.AU12_L} R ${r.AU12_R}`);
  assert.ok(r.AU43_R! > 0.95 && r.AU43_L! < 0.05, `AU43 L ${r.AU43_L} R ${r.AU43_R}`);
});

test('head pose follows the detector convention onto the rig (yaw to the subject\'s left, looking up), clamped', () => {
  const r = byName(rig.slots.names, retarget(face({}, { yaw: 0.3, pitch: 0.2, roll: 0 }), rig).values);
  assert.ok(Math.abs(r.head_yaw! - 0.3) < 1e-6, `yaw ${r.head_yaw}`);
  assert.ok(Math.abs(r.head_pitch! + 0.2) < 1e-6, `pitch ${r.head_pitch} (rig pitch > 0 tilts down)`);
  const far = byName(rig.slots.names, retarget(face({}, { yaw: 3, pitch: -3, roll: 0 }), rig).values);
  assert.equal(far.head_yaw, Math.fround(0.6));
  assert.equal(far.head_pitch, Math.fround(0.45));
  // Turning to the subject's left moves the rendered nose tip toward the image's right.
  const noseX = (v: Float32Array) => renderRig(rig, v).landmarks468[1 * 2]!;
  assert.ok(noseX(retarget(face({}, { yaw: 0.3, pitch: 0, roll: 0 }), rig).values) > noseX(retarget(face({}), rig).values) + 3);
});

test('NaN or out-of-range intensities never reach the rig', () => {
  const f = face({ AU12: NaN, AU04: 7, AU01: -2 }, { yaw: NaN, pitch: 0, roll: 0 });
  const p = retarget(f, rig);
  for (const v of p.values) assert.ok(Number.isFinite(v));
  const r = byName(p.names, p.values);
  assert.equal(r.AU04, 1);
  assert.ok(Math.abs(r.AU01_L! - 0.02) < 1e-6);
});

test('an unknown method is a typed error', () => {
  assert.throws(() => retarget(face({}), rig, { method: 'magic' as 'direct' }), (e) => isAurigError(e, 'E_BAD_OPTION'));
});
