import * as tf from '@tensorflow/tfjs';
import { conv2DBackpropFilterConfig } from './kernels/conv2DBackpropFilter.ts';
import { depthwiseConv2dNativeBackpropFilterConfig } from './kernels/depthwiseConv2dNativeBackpropFilter.ts';
import { depthwiseConv2dNativeBackpropInputConfig } from './kernels/depthwiseConv2dNativeBackpropInput.ts';
import { maxPoolGradConfig } from './kernels/maxPoolGrad.ts';
import { unsortedSegmentSumConfig } from './kernels/unsortedSegmentSum.ts';

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

const registered = new Set<string>();

/**
 * Register the missing training kernels for the `wasm` backend and replace the wrong ones.
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
  return [...registered];
}
