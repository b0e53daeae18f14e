import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDefaultFaceModel } from '@aurig/core';
import { createDefaultRig, createRigParams, renderRig, exportRigGlb, loadRig, buildDefaultRigDefinition, DEFAULT_RIG_AUS } from '@aurig/generator';

const rig = createDefaultRig();

test('the default BDFM rig keeps the seed layout: 269 = pose 2 + AU 23 + identity 208 + 36-way brow style', () => {
  const g = rig.slots.groups;
  assert.equal(rig.slots.names.length, 269);
  assert.equal(g.filter((x) => x === 'pose').length, 2);
  assert.equal(g.filter((x) => x === 'au').length, 23);
  assert.equal(g.filter((x) => x === 'identity').length, 244);
  assert.equal(rig.slots.choiceGroups.length, 1);
  assert.equal(rig.slots.choiceGroups[0].count, 36);
  assert.deepEqual(rig.slots.names.slice(2, 25), DEFAULT_RIG_AUS.map(([n]) => n));
  assert.equal(rig.slots.au[rig.slots.index.get('AU12_L')!], 'AU12');
  assert.equal(rig.slots.side[rig.slots.index.get('AU12_L')!], 'left');
  // base face: identity 0.5, AU 0.02, frontal
  const base = createRigParams(rig).values;
  assert.equal(base[0], 0); assert.equal(base[1], 0);
  assert.ok(Math.abs(base[2] - 0.02) < 1e-7);
  assert.equal(base[30], 0.5);
});

test('≥ 3,000 vertices; landmarks 0..467 are exactly core\'s face-model landmarks', () => {
  const def = buildDefaultRigDefinition();
  assert.ok('parts' in def.mesh);
  const verts = def.mesh.parts.reduce((s, p) => s + p.positions.length / 3, 0);
  assert.ok(verts >= 3000, `${verts} vertices`);
  for (const name of ['face', 'eye_L', 'eye_R', 'teeth_upper', 'teeth_lower', 'brow_L', 'brow_R']) assert.ok(def.mesh.parts.some((p) => p.name === name), name);
  const model = createDefaultFaceModel();
  const d = rig.deform(new Float32Array(269).map((_, i) => rig.slots.defaults[i]));
  // at AU 0 and identity 0.5 the rig rests on core's neutral mesh
  const zero = createRigParams(rig, Object.fromEntries(DEFAULT_RIG_AUS.map(([n]) => [n, 0])));
  const n = rig.deform(zero.values).landmarks468;
  let max = 0;
  for (let i = 0; i < 468 * 3; i++) max = Math.max(max, Math.abs(n[i] - model.v_template[i]));
  assert.ok(max < 1e-2, `max landmark offset ${max} mm`);
  assert.equal(d.landmarks68.length, 68 * 3);
});

test('each AU moves its region; eyes rotate; brow styles differ; rendering is deterministic', () => {
  const base = renderRig(rig, createRigParams(rig));
  const changed = (input: Record<string, number>) => {
    const r = renderRig(rig, createRigParams(rig, input));
    let c = 0;
    for (let i = 0; i < r.rgb.length; i++) if (r.rgb[i] !== base.rgb[i]) c++;
    return c;
  };
  for (const [name] of DEFAULT_RIG_AUS) assert.ok(changed({ [name]: 1 }) > 20, `${name} changes the image`);
  const lm = (input: Record<string, number>) => rig.deform(createRigParams(rig, input).values).landmarks468;
  const b = lm({}), open = lm({ AU26: 1 }), smile = lm({ AU12_L: 1 }), blink = lm({ AU43_L: 1 });
  assert.ok(b[3 * 17 + 1] - open[3 * 17 + 1] > 8, 'AU26 drops the lower lip');
  assert.ok(smile[3 * 291 + 1] - b[3 * 291 + 1] > 3 && smile[3 * 291] - b[3 * 291] > 3, 'AU12_L lifts and widens the left corner');
  assert.ok(Math.abs(smile[3 * 61 + 1] - b[3 * 61 + 1]) < 0.5, 'AU12_L leaves the right corner');
  assert.ok(b[3 * 386 + 1] - blink[3 * 386 + 1] > 5, 'AU43_L lowers the left upper lid');
  assert.ok(changed({ id_eye_L_ry: 1 }) > 10, 'the left eye rotates');
  assert.ok(changed({ brow_style: 0 }) > 20 && changed({ brow_style: 35 }) > 20);
  assert.deepEqual(renderRig(rig, createRigParams(rig)).rgb, base.rgb);
  assert.ok(base.faceMask.reduce((s, x) => s + x, 0) > 128 * 128 * 0.25);
});

test('the default rig exported as .glb loads in Babylon and deforms as the CPU does', async () => {
  const glb = await exportRigGlb(buildDefaultRigDefinition());
  const gl = await loadRig(glb);
  assert.deepEqual(gl.slots.names, rig.slots.names);
  const input = { AU26: 0.8, AU12_L: 1, head_yaw: 0.3, id_nose_sx: 0.9, id_eye_socket_L_rz: 0.2, brow_style: 7 };
  const a = rig.deform(createRigParams(rig, input).values), b = gl.deform(createRigParams(gl, input).values);
  let max = 0;
  a.meshes.forEach((m, k) => { for (let i = 0; i < m.positions.length; i++) max = Math.max(max, Math.abs(m.positions[i] - b.meshes[k].positions[i])); });
  assert.ok(max < 0.05, `max vertex difference ${max} mm`);
  let lmax = 0;
  for (let i = 0; i < a.landmarks468.length; i++) lmax = Math.max(lmax, Math.abs(a.landmarks468[i] - b.landmarks468[i]));
  assert.ok(lmax < 0.05);
  gl.dispose();
});
