import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSimdDense } from '../src/math/simdDense.ts';
import { SIMD_DENSE_WASM_BASE64 } from '../src/math/simdDenseBytes.ts';
import { compileWat } from '../../../scripts/lib/compileWat.ts';
import { createRng } from '@aurig/core';

const MATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/math');

test('simdDenseBytes.ts is the compiled simdDense.wat (rerun scripts/build-wasm.ts after editing the .wat)', async () => {
  const bytes = await compileWat(await readFile(path.join(MATH, 'simdDense.wat'), 'utf8'));
  assert.equal(Buffer.from(bytes).toString('base64'), SIMD_DENSE_WASM_BASE64);
});

test('SIMD dense kernel equals x·w + b in double precision (row counts around the 4-row block, column counts around 8 and 16, offsets, no bias)', () => {
  const rng = createRng(5);
  for (const [T, din, dout] of [[1, 3, 4], [3, 5, 12], [4, 7, 8], [5, 64, 76], [23, 64, 128], [9, 144, 64], [6, 1, 20]]) {
    for (const withBias of [true, false]) {
      const wOff = 3, bOff = 2;
      const simd = createSimdDense([T * din, wOff + din * dout, bOff + dout, T * dout])!;
      assert.ok(simd, 'WebAssembly SIMD runs in this Node');
      const [x, w, b, out] = simd.buffers;
      for (const a of [x, w, b]) for (let i = 0; i < a.length; i++) a[i] = rng.normal();
      simd.dense(x, T, din, w, wOff, withBias ? b : undefined, bOff, dout, out);
      let worst = 0;
      for (let t = 0; t < T; t++) for (let j = 0; j < dout; j++) {
        let s = withBias ? b[bOff + j] : 0;
        for (let i = 0; i < din; i++) s += x[t * din + i] * w[wOff + i * dout + j];
        worst = Math.max(worst, Math.abs(out[t * dout + j] - s) / (1 + Math.abs(s)));
      }
      assert.ok(worst < 1e-5, `T ${T} din ${din} dout ${dout} bias ${withBias}: relative error ${worst}`);
    }
  }
});

test('SIMD buffers are separate, 16-byte aligned and zeroed', () => {
  const { buffers } = createSimdDense([5, 1, 9])!;
  for (const v of buffers) { assert.equal(v.byteOffset % 16, 0); assert.ok(v.every((x) => x === 0)); }
  assert.ok(buffers[1].byteOffset >= buffers[0].byteOffset + 20 && buffers[2].byteOffset >= buffers[1].byteOffset + 4);
});
