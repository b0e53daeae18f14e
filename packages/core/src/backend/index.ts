export { initBackend, wasmDir, BACKEND_NAMES } from './initBackend.ts';
export type { BackendName, BackendOptions, BackendInfo } from './initBackend.ts';
