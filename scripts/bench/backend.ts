// Bench section: aurig's wasm training kernels against the tfjs cpu backend's own kernels,
// same inputs, one process. Conv2DBackpropFilter at a realistic CNN shape:
// x 8×64×64×32, dy 8×64×64×32 → dW 3×3×32×32 (stride 1, same padding).
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@aurig/core';
import type { SectionResult } from '../lib/sections.ts';

export const name = 'backend';

const SHAPE = { batch: 8, size: 64, inChannels: 32, outChannels: 32, kernel: 3 } as const;
/** Timed runs after one warm-up (wasm); the cpu kernels take seconds each, so one run, no warm-up. */
const RUNS = { wasm: 7, cpu: 1 } as const;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function timeKernel(kernelName: string, inputs: () => Record<string, tf.Tensor>, attrs: object, runs: number, warmUp: boolean): number {
  const data = inputs();
  const once = () => tf.tidy(() => (tf.engine().runKernel(kernelName, data, attrs as tf.NamedAttrMap) as tf.Tensor).dataSync());
  if (warmUp) once(); // operator creation, weight packing
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    once();
    ms.push(performance.now() - t0);
  }
  tf.dispose(Object.values(data));
  return median(ms);
}

async function on(backend: 'wasm' | 'cpu', runs: number) {
  if (backend === 'wasm') await initBackend({ backend: 'wasm' });
  else await tf.setBackend('cpu');
  const { batch: n, size: s, inChannels: ci, outChannels: co, kernel: k } = SHAPE;
  const conv = timeKernel('Conv2DBackpropFilter',
    () => ({ x: tf.randomNormal([n, s, s, ci], 0, 1, 'float32', 1), dy: tf.randomNormal([n, s, s, co], 0, 1, 'float32', 2) }),
    { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', filterShape: [k, k, ci, co] }, runs, backend === 'wasm');
  const depthwise = timeKernel('DepthwiseConv2dNativeBackpropFilter',
    () => ({ x: tf.randomNormal([n, s, s, ci], 0, 1, 'float32', 1), dy: tf.randomNormal([n, s, s, ci], 0, 1, 'float32', 2) }),
    { strides: [1, 1], dilations: [1, 1], pad: 'same', filterShape: [k, k, ci, 1] }, runs, backend === 'wasm');
  return { conv, depthwise };
}

export async function run(): Promise<SectionResult> {
  const info = await initBackend({ backend: 'wasm' });
  const wasm = await on('wasm', RUNS.wasm);
  const cpu = await on('cpu', RUNS.cpu);
  await initBackend({ backend: 'wasm' });
  return {
    figures: {
      conv2dBackpropFilterWasmMs: { value: wasm.conv, unit: 'ms' },
      conv2dBackpropFilterCpuMs: { value: cpu.conv, unit: 'ms' },
      conv2dBackpropFilterCpuOverWasm: { value: cpu.conv / wasm.conv, unit: 'x', target: '>= 1' },
      depthwiseBackpropFilterWasmMs: { value: wasm.depthwise, unit: 'ms' },
      depthwiseBackpropFilterCpuMs: { value: cpu.depthwise, unit: 'ms' },
      depthwiseBackpropFilterCpuOverWasm: { value: cpu.depthwise / wasm.depthwise, unit: 'x', target: '>= 1' },
    },
    details: { shape: SHAPE, runs: RUNS, wasm: { simd: info.simd, threads: info.threads, trainingKernels: info.trainingKernels } },
  };
}
