import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MeshoptEncoder } from 'meshoptimizer';
import { writeGlb, loadRig, createRigParams, renderRig, type GlbDocument } from '@aurig/generator';

/** A small ARKit-style head: a hemisphere 'Head' (metres) and a 'Teeth' box sharing the jawOpen target. */
function arkitHead(): GlbDocument {
  const R = 0.09, n = 24;
  const pos: number[] = [], idx: number[] = [], jaw: number[] = [], smile: number[] = [], blink: number[] = [];
  for (let i = 0; i <= n; i++) for (let j = 0; j <= n; j++) {
    const th = (i / n) * Math.PI, ph = -Math.PI / 2 + (j / n) * Math.PI;
    const x = R * Math.sin(th) * Math.sin(ph), y = R * Math.cos(th), z = R * Math.sin(th) * Math.cos(ph);
    pos.push(x, y, z);
    jaw.push(0, y < -0.02 ? -0.015 : 0, 0);
    smile.push(0, x > 0.02 && y < 0 && y > -0.05 ? 0.01 : 0, 0);
    blink.push(0, x > 0.02 && y > 0.01 && y < 0.04 ? -0.008 : 0, 0);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const a = i * (n + 1) + j, b = a + n + 1;
    idx.push(a, b, a + 1, a + 1, b, b + 1);
  }
  const col = new Float32Array(pos.length).map((_, k) => [0.85, 0.66, 0.55][k % 3]);
  const tp = new Float32Array([-0.02, -0.03, 0.085, 0.02, -0.03, 0.085, 0.02, -0.04, 0.085, -0.02, -0.04, 0.085]);
  return {
    nodes: [{ name: 'Head', mesh: 0 }, { name: 'Teeth', mesh: 1 }],
    roots: [0, 1],
    meshes: [
      { name: 'Head', primitives: [{ positions: new Float32Array(pos), indices: new Uint32Array(idx), colors: col, targets: [
        { name: 'jawOpen', positions: new Float32Array(jaw) }, { name: 'mouthSmileLeft', positions: new Float32Array(smile) },
        { name: 'eyeBlinkLeft', positions: new Float32Array(blink) }, { name: 'custom_puff', positions: new Float32Array(pos.length) },
      ] }] },
      { name: 'Teeth', primitives: [{ positions: tp, indices: new Uint32Array([0, 2, 1, 0, 3, 2]), colors: new Float32Array(12).fill(0.95), targets: [
        { name: 'jawOpen', positions: new Float32Array([0, 0, 0, 0, 0, 0, 0, -0.015, 0, 0, -0.015, 0]) },
      ] }] },
    ],
  };
}

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
    assert.equal(neutral.meshes.length, 2);
    // one control drives the target on both meshes: the chin and the lower teeth drop 15 mm
    const headMin = (m: Float32Array) => Math.min(...m.filter((_, k) => k % 3 === 1));
    assert.ok(Math.abs(headMin(open.meshes[0].positions) - headMin(neutral.meshes[0].positions) + 15) < 0.1);
    assert.ok(Math.abs(open.meshes[1].positions[7] - neutral.meshes[1].positions[7] + 15) < 0.1, 'teeth follow jawOpen');
    assert.ok(Math.abs(open.meshes[1].positions[1] - neutral.meshes[1].positions[1]) < 1e-3);

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
