import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend, isAurigError, type BackendName } from '@aurig/core';

const savedEnv = process.env.AURIG_BACKEND;
afterEach(() => {
  if (savedEnv === undefined) delete process.env.AURIG_BACKEND;
  else process.env.AURIG_BACKEND = savedEnv;
});

test('initBackend({ backend: "wasm" }) starts wasm, SIMD, with the training kernels registered', async () => {
  const info = await initBackend({ backend: 'wasm' });
  assert.equal(info.name, 'wasm');
  assert.equal(info.reason, 'forced');
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal(info.simd, true, 'Node ≥ 20 runs wasm SIMD');
  assert.equal(info.threads, 1, 'tfjs-backend-wasm 4.22 runs single-threaded in Node');
  for (const k of ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropInput', 'DepthwiseConv2dNativeBackpropFilter', 'UnsortedSegmentSum', 'MaxPoolGrad', 'BatchMatMul']) {
    assert.ok(info.trainingKernels.includes(k), k);
    assert.ok(tf.getKernel(k, 'wasm') !== undefined, `${k} registered`);
  }
  assert.equal(await initBackend(), info, 'a later call without options returns the same answer');
});

test('AURIG_BACKEND forces a backend and an explicit option switches back', async () => {
  process.env.AURIG_BACKEND = 'cpu';
  const cpu = await initBackend();
  assert.deepEqual([cpu.name, cpu.reason, cpu.simd, cpu.threads, cpu.trainingKernels.length], ['cpu', 'forced', false, 1, 0]);
  assert.equal(tf.getBackend(), 'cpu');
  const wasm = await initBackend({ backend: 'wasm' });
  assert.equal(wasm.name, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
});

test('an unknown backend name, by option or by AURIG_BACKEND, is an E_BACKEND error naming the choices', async () => {
  await assert.rejects(initBackend({ backend: 'cuda' as BackendName }), (e) => isAurigError(e, 'E_BACKEND') && /cuda.*tensorflow, wasm, cpu/.test(e.message));
  process.env.AURIG_BACKEND = 'webgl';
  await assert.rejects(initBackend(), (e) => isAurigError(e, 'E_BACKEND') && /AURIG_BACKEND=webgl/.test(e.message));
  assert.equal(tf.getBackend(), 'wasm', 'a bad request leaves the running backend alone');
});

test('without tfjs-node-gpu installed, the automatic choice falls back to wasm and says why', async (t) => {
  let gpu = true;
  try { await import('@tensorflow/tfjs-node-gpu' as string); } catch { gpu = false; }
  if (gpu) return t.skip('tfjs-node-gpu loads on this machine');
  // A fresh process: the automatic pick is made once per process.
  const { execFileSync } = await import('node:child_process');
  const code = "import('@aurig/core').then(async (c) => { const i = await c.initBackend(); console.log(JSON.stringify(i)); })";
  const env = { ...process.env };
  delete env.AURIG_BACKEND;
  const out = execFileSync(process.execPath, ['--conditions=aurig-dev', '--import', 'tsx', '--input-type=module', '-e', code], { env, encoding: 'utf8' });
  const info = JSON.parse(out.trim().split('\n').pop()!);
  assert.equal(info.name, 'wasm');
  assert.match(info.reason, /^fallback after tensorflow: /);
});
