import createWabt from 'wabt';

/** WebAssembly text → binary with wabt (SIMD on), deterministic (no names section). */
export async function compileWat(source: string): Promise<Uint8Array> {
  const wabt = await createWabt();
  const mod = wabt.parseWat('module.wat', source, { simd: true });
  try {
    mod.validate();
    return Uint8Array.from(mod.toBinary({ write_debug_names: false }).buffer);
  } finally {
    mod.destroy();
  }
}
