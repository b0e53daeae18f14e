import * as tf from '@tensorflow/tfjs';
import { conv2DBackpropFilterConfig } from './kernels/conv2DBackpropFilter.ts';
import { depthwiseConv2dNativeBackpropFilterConfig } from './kernels/depthwiseConv2dNativeBackpropFilter.ts';
import { depthwiseConv2dNativeBackpropInputConfig } from './kernels/depthwiseConv2dNativeBackpropInput.ts';
import { maxPoolGradConfig } from './kernels/maxPoolGrad.ts';
import { unsortedSegmentSumConfig } from './kernels/unsortedSegmentSum.ts';
import { batchMatMulConfig } from './kernels/batchMatMul.ts';

/**
 * The gradient kernels that `@tensorflow/tfjs-backend-wasm` 4.22 lacks and training needs
 * (found by running `tf.grad` through every op a small CNN / transformer uses and comparing with
 * the cpu backend; Conv2DBackpropInput, AvgPoolGrad, ResizeBilinearGrad, … are native and right).
 */
export const WASM_TRAINING_KERNELS = [
  conv2DBackpropFilterConfig,
  depthwiseConv2dNativeBackpropInputConfig,
  depthwiseConv2dNativeBackpropFilterConfig,
  unsortedSegmentSumConfig,
] as const;

/** Native wasm gradient kernels that give wrong results and are replaced (see each file). */
export const WASM_KERNEL_FIXES = [maxPoolGradConfig] as const;

/** Native wasm kernels replaced by faster ones that fall back on the native one where they do not apply (see each file). */
export const WASM_KERNEL_SPEEDUPS: ReadonlyArray<{ readonly kernelName: string; readonly make: (native: tf.KernelConfig) => tf.KernelConfig }> = [
  { kernelName: tf.BatchMatMul, make: batchMatMulConfig },
];

const registered = new Set<string>();

/**
 * Register the missing training kernels for the `wasm` backend, replace the wrong ones and speed up the slow ones.
 * Safe to call more than once; a missing kernel that wasm has natively by now (a newer tfjs) is
 * left alone. Returns the names of the kernels aurig supplies (registered now or earlier).
 */
export function registerWasmTrainingKernels(): string[] {
  for (const config of [...WASM_TRAINING_KERNELS, ...WASM_KERNEL_FIXES]) {
    if (registered.has(config.kernelName)) continue;
    const native = tf.getKernel(config.kernelName, 'wasm');
    const isFix = (WASM_KERNEL_FIXES as readonly tf.KernelConfig[]).includes(config);
    if (native !== undefined && !isFix) continue;
    if (native !== undefined) tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
    registered.add(config.kernelName);
  }
  for (const { kernelName, make } of WASM_KERNEL_SPEEDUPS) {
    const native = tf.getKernel(kernelName, 'wasm');
    if (registered.has(kernelName) || native === undefined) continue;
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel(make(native));
    registered.add(kernelName);
  }
  return [...registered];
}
