import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MeshoptEncoder } from 'meshoptimizer';
import { writeGlb, loadRig, createRigParams, renderRig } from '@aurig/generator';
import { arkitHead } from './fixtures/arkitHead.ts';

for (const variant of ['plain', 'KHR_mesh_quantization', 'EXT_meshopt_compression'] as const) {
  test(`an ARKit .glb (${variant}) is loaded, its params derived, deformed and rendered`, async () => {
    await MeshoptEncoder.ready;
    const glb = writeGlb({ ...arkitHead(), ...(variant === 'KHR_mesh_quantization' ? { quantizeStep: 1e-4 } : {}), ...(variant === 'EXT_meshopt_compression' ? { meshopt: true } : {}) });
    const rig = await loadRig(glb);
    assert.deepEqual(rig.slots.names, ['jawOpen', 'mouthSmileLeft', 'eyeBlinkLeft', 'custom_puff']);
    const p = (n: string) => rig.definition.params.find((x) => x.name === n)!;
    assert.equal(p('jawOpen').au, 'AU26');
    assert.equal(p('mouthSmileLeft').au, 'AU12');
    assert.equal(p('mouthSmileLeft').side, 'left');
    assert.equal(p('eyeBlinkLeft').au, 'AU45');
    assert.equal(p('custom_puff').au, undefined);

    const neutral = rig.deform(createRigParams(rig).values);
    const open = rig.deform(createRigParams(rig, { jawOpen: 1 }).values);
    assert.equal(neutral.meshes.length, 3);
    // one control drives the target on both meshes: the chin and the lower teeth drop 15 mm
    const headMin = (m: Float32Array) => Math.min(...m.filter((_, k) => k % 3 === 1));
    assert.ok(Math.abs(headMin(open.meshes[0].positions) - headMin(neutral.meshes[0].positions) + 15) < 0.1);
    assert.ok(Math.abs(open.meshes[1].positions[7] - neutral.meshes[1].positions[7] + 15) < 0.1, 'teeth follow jawOpen');
    assert.ok(Math.abs(open.meshes[1].positions[1] - neutral.meshes[1].positions[1]) < 1e-3);
    assert.deepEqual(open.meshes[2].positions, neutral.meshes[2].positions, 'the eyes\' jawOpen target is zero');
    // head, teeth and eyes: eyeBlinkLeft is the head's 3rd target and the eyes' 1st, one control for both
    const blink = rig.deform(createRigParams(rig, { eyeBlinkLeft: 0.5 }).values);
    assert.ok(Math.abs(blink.meshes[2].positions[7] - neutral.meshes[2].positions[7] + 4) < 0.01, 'eyes follow eyeBlinkLeft');
    assert.ok(Math.abs(blink.meshes[2].positions[1] - neutral.meshes[2].positions[1]) < 1e-3);
    assert.ok(neutral.meshes[0].positions.some((y, k) => k % 3 === 1 && Math.abs(blink.meshes[0].positions[k] - y + 4) < 0.01), 'the lid on the head follows too');
    assert.deepEqual(blink.meshes[1].positions, neutral.meshes[1].positions, 'the teeth have no eyeBlinkLeft');

    const a = renderRig(rig, createRigParams(rig));
    const b = renderRig(rig, createRigParams(rig, { jawOpen: 1 }));
    assert.equal(a.rgb.length, 128 * 128 * 3);
    let covered = 0, changed = 0;
    for (let i = 0; i < 128 * 128; i++) {
      covered += a.faceMask[i];
      if (a.rgb[3 * i] !== b.rgb[3 * i] || a.rgb[3 * i + 1] !== b.rgb[3 * i + 1]) changed++;
    }
    assert.ok(covered > 128 * 128 * 0.3, `head covers ${covered} px`);
    assert.ok(changed > 50, `jawOpen changes ${changed} px`);
    assert.deepEqual(renderRig(rig, createRigParams(rig)).rgb, a.rgb, 'deterministic');
    rig.dispose();
  });
}

test('a JSON side file overrides the derived definition', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aurig-arkit-'));
  const file = path.join(dir, 'head.glb');
  fs.writeFileSync(file, writeGlb(arkitHead()));
  fs.writeFileSync(path.join(dir, 'head.rig.json'), JSON.stringify({
    name: 'my-head',
    params: [{ name: 'custom_puff', group: 'au', au: 'AU34', side: 'both', min: 0, max: 1, default: 0 }],
  }));
  const rig = await loadRig(file);
  assert.equal(rig.name, 'my-head');
  assert.equal(rig.definition.params.find((p) => p.name === 'custom_puff')!.au, 'AU34');
  rig.dispose();
  fs.rmSync(dir, { recursive: true });
});

test('a bad side file is rejected with the path in the side file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aurig-arkit-'));
  const file = path.join(dir, 'head.glb');
  fs.writeFileSync(file, writeGlb(arkitHead()));
  const side = path.join(dir, 'head.rig.json');
  const cases: [string, object, string][] = [
    ['unknown bone', { drivers: [{ param: 'custom_puff', morph: 'custom_puff' }, { param: 'custom_puff', bone: 'Cheek', translation: [0, 0, 2] }] }, '/drivers/1/bone'],
    ['driver on a missing param', { drivers: [{ param: 'cheekPuff', morph: 'custom_puff' }] }, '/drivers/0/param'],
    ['schema', { params: [{ name: 'jawOpen', group: 'au', min: 0, max: 1, default: 0, side: 'middle' }] }, '/params/0/side'],
    ['Infinity', { params: [{ name: 'x', group: 'au', min: 0, max: 1, default: 0 }, { name: 'jawOpen', group: 'au', min: 0, max: 1e400, default: 0 }] }, '/params/1/max'],
  ];
  for (const [what, over, at] of cases) {
    fs.writeFileSync(side, JSON.stringify(over).replace('1e+400', '1e400').replace('null', '1e400'));
    await assert.rejects(loadRig(file), (e: any) => {
      assert.equal(e.code, 'E_BAD_RIG', `${what}: ${e.message}`);
      assert.equal(e.path, at, `${what}: ${e.message}`);
      assert.match(e.message, /head\.rig\.json/, what);
      return true;
    });
  }
  fs.rmSync(dir, { recursive: true });
});
