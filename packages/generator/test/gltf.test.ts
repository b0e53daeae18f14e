import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileRig, exportRigGlb, loadRig, createRigParams } from '@aurig/generator';
import { tinyRig } from './fixtures/tinyRig.ts';

function maxDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test('an exported rig loads in Babylon with every control and deforms as the CPU does', async () => {
  const def = tinyRig();
  const cpu = compileRig(def);
  for (const meshopt of [false, true]) {
    const glb = await exportRigGlb(def, { meshopt });
    const gl = await loadRig(glb);
    assert.deepEqual(gl.slots.names, cpu.slots.names);
    for (const input of [{}, { jaw_open: 1 }, { head_yaw: 0.7, puff: 0.5 }, { nose_len: 0, style: 2, jaw_open: 0.3 }] as Record<string, number>[]) {
      const a = cpu.deform(createRigParams(cpu, input).values).meshes[0].positions;
      const b = gl.deform(createRigParams(gl, input).values).meshes[0].positions;
      assert.ok(maxDiff(a, b) < 1e-3, `${JSON.stringify(input)} meshopt=${meshopt}: max diff ${maxDiff(a, b)} mm\n${a}\n${b}`);
    }
    gl.dispose();
  }
});
