export { initBackend, wasmDir, BACKEND_NAMES } from './initBackend.ts';
export type { BackendName, BackendOptions, BackendInfo } from './initBackend.ts';
export { registerWasmTrainingKernels, WASM_TRAINING_KERNELS, WASM_KERNEL_FIXES } from './registerWasmTrainingKernels.ts';
