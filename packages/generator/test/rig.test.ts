import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRig, validateRig, createRigParams, rigParamsToRecord } from '@aurig/generator';
import { tinyRig } from './fixtures/tinyRig.ts';

const near = (a: number, b: number, eps = 1e-4) => assert.ok(Math.abs(a - b) < eps, `${a} ≈ ${b}`);

test('drivers move bones and morphs: jaw rotation about its pivot, yaw about head, morph weight, one-hot', () => {
  const rig = compileRig(tinyRig());
  assert.deepEqual(rig.slots.names, ['jaw_open', 'head_yaw', 'puff', 'nose_len', 'style:a', 'style:b', 'style:c']);
  const neutral = rig.deform(createRigParams(rig).values).meshes[0].positions;
  assert.deepEqual(Array.from(neutral), [-10, -10, 0, 10, -10, 0, 10, 10, 0, -10, 10, 0]);

  // jaw 0.5 rad about x through (0, 0, -10): (10, -10, 0) → y' = -10cos + 10 sin... relative to pivot (0,0,-10)
  const open = rig.deform(createRigParams(rig, { jaw_open: 1 }).values).meshes[0].positions;
  const a = 0.5, ry = -10, rz = 10; // relative to the pivot
  near(open[4], ry * Math.cos(a) - rz * Math.sin(a));
  near(open[5], -10 + ry * Math.sin(a) + rz * Math.cos(a));
  near(open[7], 10); // the top row follows the head only

  // yaw 1 rad about +y: (10, 10, 0) → (10 cos 1, 10, −10 sin 1); the face normal +z turns toward +x (subject's left)
  const yaw = rig.deform(createRigParams(rig, { head_yaw: 1 }).values).meshes[0].positions;
  near(yaw[6], 10 * Math.cos(1)); near(yaw[8], -10 * Math.sin(1));

  const puff = rig.deform(createRigParams(rig, { puff: 0.25 }).values).meshes[0].positions;
  near(puff[8], 0.5);

  const nose = rig.deform(createRigParams(rig, { nose_len: 1 }).values).meshes[0].positions;
  near(nose[2], 2); // (1 − 0.5) × 4 mm

  const styled = rig.deform(createRigParams(rig, { style: 2 }).values).meshes[0].positions;
  near(styled[7], 15);
  // soft one-hot: the largest slot wins
  const soft = rig.deform(createRigParams(rig, { 'style:a': 0.3, 'style:c': 0.6 }).values).meshes[0].positions;
  near(soft[7], 15);
});

test('RigParams: defaults, clamping, unknown names and NaN rejected', () => {
  const rig = compileRig(tinyRig());
  const p = createRigParams(rig, { jaw_open: 3, head_yaw: -7 });
  assert.equal(p.rig, 'tiny');
  assert.equal(p.values[0], 1);
  assert.equal(p.values[1], -1);
  assert.equal(rigParamsToRecord(p).nose_len, 0.5);
  assert.equal(rigParamsToRecord(p)['style:a'], 1);
  assert.throws(() => createRigParams(rig, { smile: 1 }), { code: 'E_UNKNOWN_CONTROL', path: 'smile' });
  assert.throws(() => createRigParams(rig, { jaw_open: NaN }), { code: 'E_BAD_PARAMS' });
  assert.throws(() => createRigParams(rig, new Float32Array(3)), { code: 'E_BAD_PARAMS' });
  assert.throws(() => createRigParams(rig, [0, 0, 0, Infinity, 1, 0, 0]), { code: 'E_BAD_PARAMS' });
  assert.throws(() => rig.deform(new Float32Array(2)), { code: 'E_BAD_PARAMS' });
});

test('invalid rigs are rejected with the JSON path of the problem', () => {
  const cases: [string, (r: any) => void, string][] = [
    ['unknown bone in a driver', (r) => { r.drivers[0].bone = 'chin'; }, '/drivers/0/bone'],
    ['driver on a missing param', (r) => { r.drivers[2].param = 'blink'; }, '/drivers/2/param'],
    ['NaN in a bind pose', (r) => { r.bones[1].translation[2] = NaN; }, '/bones/1/translation/2'],
    ['Infinity in a mesh', (r) => { r.mesh.parts[0].positions[4] = Infinity; }, '/mesh/parts/0/positions/4'],
    ['min > max', (r) => { r.params[0].min = 2; }, '/params/0/min'],
    ['default outside range', (r) => { r.params[1].default = 5; }, '/params/1/default'],
    ['bone cycle', (r) => { r.bones[0].parent = 'jaw'; }, '/bones/0/parent'],
    ['schema: wrong group', (r) => { r.params[0].group = 'mood'; }, '/params/0/group'],
    ['schema: missing field', (r) => { delete r.bones[0].translation; }, '/bones/0'],
    ['index out of range', (r) => { r.mesh.parts[0].indices[5] = 9; }, '/mesh/parts/0/indices/5'],
    ['skin joint out of range', (r) => { r.mesh.parts[0].skin.joints[4] = 7; }, '/mesh/parts/0/skin/joints/4'],
    ['unknown morph', (r) => { r.drivers[2].morph = 'blow'; }, '/drivers/2/morph'],
    ['unsorted keys', (r) => { r.drivers[5].keys = [[0, 0], [0, 1]]; }, '/drivers/5/keys/1/0'],
  ];
  for (const [what, mutate, at] of cases) {
    const r = structuredClone(tinyRig()) as any;
    mutate(r);
    assert.throws(() => validateRig(r), (e: any) => {
      assert.equal(e.code, 'E_BAD_RIG', what);
      assert.equal(e.path, at, `${what}: ${e.message}`);
      return true;
    }, what);
  }
  assert.doesNotThrow(() => validateRig(JSON.parse(JSON.stringify(tinyRig()))));
});

test('invalid rig files are rejected with the JSON path: 1e400 (Infinity), schema, unknown bone, missing param', async () => {
  const { loadRig, writeGlb } = await import('@aurig/generator');
  const fs = await import('node:fs'), os = await import('node:os'), path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aurig-badrig-'));
  const text = JSON.stringify(tinyRig(), null, 1);
  const cases: [string, string, string][] = [
    // NaN cannot be written in JSON; a number too large for a double parses as Infinity
    ['1e400 in a bind pose', text.replace('"translation": [\n    0,\n    0,\n    -10\n   ]', '"translation": [0, 0, -1e400]'), '/bones/1/translation/2'],
    ['schema: param without group', text.replace('"group": "identity",\n   "min"', '"min"'), '/params/3'],
    ['unknown bone', text.replace('"bone": "jaw",\n   "translation"', '"bone": "chin",\n   "translation"'), '/drivers/3/bone'],
    ['driver on a missing param', text.replace('"param": "puff"', '"param": "blink"'), '/drivers/2/param'],
  ];
  for (const [what, json, at] of cases) {
    assert.notEqual(json, text, `${what}: the fixture edit applies`);
    const file = path.join(dir, 'rig.json');
    fs.writeFileSync(file, json);
    await assert.rejects(loadRig(file), (e: any) => {
      assert.equal(e.code, 'E_BAD_RIG', `${what}: ${e.message}`);
      assert.equal(e.path, at, `${what}: ${e.message}`);
      return true;
    });
  }
  // NaN given from JS
  const r = structuredClone(tinyRig()) as any;
  r.bones[0].rotation = [0, 0, NaN, 1];
  assert.throws(() => compileRig(r), { code: 'E_BAD_RIG', path: '/bones/0/rotation/2' });
  fs.rmSync(dir, { recursive: true });
});
