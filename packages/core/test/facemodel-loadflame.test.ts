import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { initBackend, loadFlame, lbs, lbsReference } from '@aurig/core';

// ---- writers for the test's own FLAME-format files ---------------------------------------------

type Arr = { descr: '<f8' | '<f4' | '<u4' | '<i8' | '<i4'; shape: number[]; data: number[] };

function rawBytes(a: Arr): Buffer {
  const size = Number(a.descr.slice(2));
  const b = Buffer.alloc(a.data.length * size);
  a.data.forEach((x, i) => {
    if (a.descr === '<f8') b.writeDoubleLE(x, 8 * i);
    else if (a.descr === '<f4') b.writeFloatLE(x, 4 * i);
    else if (a.descr === '<u4') b.writeUInt32LE(x, 4 * i);
    else if (a.descr === '<i4') b.writeInt32LE(x, 4 * i);
    else b.writeBigInt64LE(BigInt(x), 8 * i);
  });
  return b;
}

/** .npy format version 1.0. */
function npy(a: Arr): Buffer {
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`;
  let header = `{'descr': '${a.descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += ' '.repeat(pad % 64) + '\n';
  const pre = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(pre);
  pre.writeUInt16LE(header.length, 8);
  return Buffer.concat([pre, Buffer.from(header, 'latin1'), rawBytes(a)]);
}

/** A real zip archive (deflate, or stored when `store`), as numpy's savez_compressed writes it. */
function zip(files: Record<string, Buffer>, store = false): Buffer {
  const locals: Buffer[] = [], centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(files)) {
    const comp = store ? data : zlib.deflateRawSync(data);
    const crc = zlib.crc32 ? zlib.crc32(data) : 0;
    const n = Buffer.from(name);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(store ? 0 : 8, 8);
    lh.writeUInt32LE(crc >>> 0, 14); lh.writeUInt32LE(comp.length, 18); lh.writeUInt32LE(data.length, 22); lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(store ? 0 : 8, 10);
    ch.writeUInt32LE(crc >>> 0, 16); ch.writeUInt32LE(comp.length, 20); ch.writeUInt32LE(data.length, 24); ch.writeUInt16LE(n.length, 28); ch.writeUInt32LE(offset, 42);
    locals.push(lh, n, comp); centrals.push(ch, n);
    offset += 30 + n.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(centrals.length / 2, 8); end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * A protocol-2 pickle writer for the values FLAME files hold: dicts with str keys, ints, numpy
 * arrays (numpy.core.multiarray._reconstruct + BUILD with (1, shape, dtype, False, raw)), scipy
 * sparse matrices and chumpy objects (copy_reg._reconstructor + BUILD with their __dict__).
 * `py2` writes str and raw data as Python 2 strings (SHORT_BINSTRING/BINSTRING), like FLAME's
 * own files; otherwise Python 3 style (unicode keys, bytes via _codecs.encode).
 */
class Pickler {
  private out: number[] = [];
  constructor(private readonly py2: boolean) {}
  private op(...b: number[]): void { this.out.push(...b); }
  private u32(n: number): void { this.op(n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255); }
  private global(mod: string, name: string): void { this.op(0x63, ...Buffer.from(`${mod}\n${name}\n`, 'latin1')); }
  str(s: string): void {
    const b = Buffer.from(s, this.py2 ? 'latin1' : 'utf8');
    if (this.py2) { if (b.length < 256) this.op(0x55, b.length, ...b); else { this.op(0x54); this.u32(b.length); this.op(...b); } }
    else { this.op(0x58); this.u32(b.length); this.op(...b); }
  }
  private bytes(b: Buffer): void {
    if (this.py2) { this.op(0x54); this.u32(b.length); this.op(...b); return; }
    // Python 3, protocol 2: _codecs.encode(latin-1 text, 'latin1')
    this.global('_codecs', 'encode');
    const txt = Buffer.from(b.toString('latin1'), 'utf8');
    this.op(0x58); this.u32(txt.length); this.op(...txt);
    this.str('latin1');
    this.op(0x86, 0x52); // TUPLE2, REDUCE
  }
  int(n: number): void { if (n >= 0 && n < 256) this.op(0x4b, n); else { this.op(0x4a); this.u32(n); } }
  ndarray(a: Arr): void {
    this.global(this.py2 ? 'numpy.core.multiarray' : 'numpy.core.multiarray', '_reconstruct');
    this.global('numpy', 'ndarray');
    this.int(0); this.op(0x85); // (0,)
    this.bytes(Buffer.from('b'));
    this.op(0x87, 0x52); // TUPLE3, REDUCE
    // state: (1, shape, dtype, False, raw)
    this.op(0x28); // MARK
    this.int(1);
    this.op(0x28); for (const s of a.shape) this.int(s); this.op(0x74);
    this.global('numpy', 'dtype'); this.str(a.descr.slice(1)); this.int(0); this.int(1); this.op(0x87, 0x52);
    this.op(0x28); this.int(3); this.str('<'); this.op(0x4e, 0x4e, 0x4e); this.int(0xffffffff >>> 1); this.op(0x4a); this.u32(0xffffffff); this.int(0); this.op(0x74, 0x62); // dtype BUILD
    this.op(0x89); // False
    this.bytes(rawBytes(a));
    this.op(0x74, 0x62); // TUPLE, BUILD
  }
  object(mod: string, cls: string, state: Record<string, () => void>): void {
    this.global(this.py2 ? 'copy_reg' : 'copyreg', '_reconstructor');
    this.global(mod, cls); this.global(this.py2 ? '__builtin__' : 'builtins', 'object'); this.op(0x4e, 0x87, 0x52);
    this.dict(state);
    this.op(0x62);
  }
  dict(entries: Record<string, () => void>): void {
    this.op(0x7d, 0x28); // EMPTY_DICT, MARK
    for (const [k, write] of Object.entries(entries)) { this.str(k); write(); }
    this.op(0x75); // SETITEMS
  }
  done(): Buffer { return Buffer.from([0x80, 2, ...this.out, 0x2e]); }
}

// ---- a tiny FLAME-format model --------------------------------------------------------------------

const V = 8, NB = 3, NE = 2;
let seed = 5;
const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647 - 0.5; };
const flame = {
  v_template: { descr: '<f8', shape: [V, 3], data: Array.from({ length: V * 3 }, () => 0.1 * rnd()) },
  shapedirs: { descr: '<f8', shape: [V, 3, NB + NE], data: Array.from({ length: V * 3 * (NB + NE) }, () => 0.01 * rnd()) },
  posedirs: { descr: '<f8', shape: [V, 3, 36], data: Array.from({ length: V * 3 * 36 }, () => 0.005 * rnd()) },
  weights: { descr: '<f8', shape: [V, 5], data: Array.from({ length: V * 5 }, (_, i) => (i % 5 === 1 ? 0.7 : i % 5 === 2 ? 0.3 : 0)) },
  kintree_table: { descr: '<i8', shape: [2, 5], data: [4294967295, 0, 1, 1, 1, 0, 1, 2, 3, 4] },
  f: { descr: '<u4', shape: [4, 3], data: [0, 1, 2, 2, 3, 4, 4, 5, 6, 6, 7, 0] },
  J_regressor: { descr: '<f8', shape: [5, V], data: Array.from({ length: 5 * V }, (_, i) => ((i % V) === (Math.floor(i / V) + 1) ? 1 : 0)) },
} satisfies Record<string, Arr>;
// The same regressor as scipy csc (column-compressed): column c holds row c−1 when 1 ≤ c ≤ 5.
const csc = { data: [1, 1, 1, 1, 1], indices: [0, 1, 2, 3, 4], indptr: [0, 0, 1, 2, 3, 4, 5, 5, 5] };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aurig-flame-'));

function checkModel(m: Awaited<ReturnType<typeof loadFlame>>, scale: number): void {
  assert.equal(m.numVertices, V);
  assert.equal(m.numShape, NB);
  assert.equal(m.numExpression, NE);
  assert.equal(m.numFaces, 4);
  assert.deepEqual([...m.kintree_table], [-1, 0, 1, 1, 1, 0, 1, 2, 3, 4]);
  for (let i = 0; i < V * 3; i++) assert.ok(Math.abs(m.v_template[i] - scale * flame.v_template.data[i]) < 1e-4 * scale);
  // shapedirs split: identity = first NB columns, expression = the rest.
  for (let i = 0; i < V * 3; i++) {
    for (let k = 0; k < NB; k++) assert.ok(Math.abs(m.shapedirs[i * NB + k] - scale * flame.shapedirs.data[i * 5 + k]) < 1e-5 * scale);
    for (let k = 0; k < NE; k++) assert.ok(Math.abs(m.exprdirs[i * NE + k] - scale * flame.shapedirs.data[i * 5 + NB + k]) < 1e-5 * scale);
  }
  assert.deepEqual([...m.J_regressor], flame.J_regressor.data);
  assert.deepEqual([...m.faces], flame.f.data);
  assert.deepEqual(m.exprNames, []);
}

test('loadFlame reads a FLAME-format .npz (deflated and stored zip entries)', async () => {
  for (const store of [false, true]) {
    const file = path.join(dir, store ? 'stored.npz' : 'flame.npz');
    fs.writeFileSync(file, zip(Object.fromEntries(Object.entries(flame).map(([k, a]) => [`${k}.npy`, npy(a as Arr)])), store));
    checkModel(await loadFlame(file, { numShape: NB }), 1000);
    checkModel(await loadFlame(file, { numShape: NB, toMillimetres: false }), 1);
  }
});

for (const py2 of [true, false]) {
  test(`loadFlame reads a protocol-2 .pkl (${py2 ? 'Python 2 strings, like FLAME 2020' : 'Python 3 bytes'}) with numpy arrays, a scipy csc J_regressor and a chumpy shapedirs`, async () => {
    const p = new Pickler(py2);
    const arr = (a: Arr) => () => p.ndarray(a);
    p.dict({
      v_template: arr(flame.v_template),
      shapedirs: () => p.object('chumpy.ch', 'Ch', { x: arr(flame.shapedirs) }),
      posedirs: arr(flame.posedirs),
      weights: arr(flame.weights),
      kintree_table: arr(flame.kintree_table),
      f: arr(flame.f),
      J_regressor: () => p.object('scipy.sparse.csc', 'csc_matrix', {
        _shape: () => { p['op'](0x28); p.int(5); p.int(V); p['op'](0x74); },
        data: arr({ descr: '<f8', shape: [5], data: csc.data }),
        indices: arr({ descr: '<i4', shape: [5], data: csc.indices }),
        indptr: arr({ descr: '<i4', shape: [V + 1], data: csc.indptr }),
        format: () => p.str('csc'),
        maxprint: () => p.int(50),
      }),
    });
    const file = path.join(dir, py2 ? 'flame_py2.pkl' : 'flame_py3.pkl');
    fs.writeFileSync(file, p.done());
    const m = await loadFlame(file, { numShape: NB });
    checkModel(m, 1000);
    // The loaded model runs through the same LBS as the default one.
    await initBackend();
    const theta = Float32Array.from({ length: 15 }, (_, i) => 0.1 * Math.sin(i + 1));
    const beta = Float32Array.from([0.5, -1, 0.3]);
    const out = lbs(m, { beta: tf.tensor2d(beta, [1, NB]), theta: tf.tensor2d(theta, [1, 15]) });
    const ref = lbsReference(m, { batch: 1, beta, theta });
    const v = out.vertices.dataSync();
    for (let i = 0; i < v.length; i++) assert.ok(Math.abs(v[i] - ref.vertices[i]) < 1e-3);
    tf.dispose([out.vertices, out.joints, out.landmarks468, out.landmarks68]);
  });
}

test('loadFlame throws E_IO / E_BAD_MODEL with a clear message for bad files', async () => {
  await assert.rejects(loadFlame(path.join(dir, 'missing.npz')), { code: 'E_IO' });
  const txt = path.join(dir, 'model.obj');
  fs.writeFileSync(txt, 'v 0 0 0\n');
  await assert.rejects(loadFlame(txt), { code: 'E_BAD_MODEL' });
  const junk = path.join(dir, 'junk.npz');
  fs.writeFileSync(junk, Buffer.from('not a zip at all'));
  await assert.rejects(loadFlame(junk), { code: 'E_BAD_MODEL', message: /zip/ });
  const partial = path.join(dir, 'partial.npz');
  fs.writeFileSync(partial, zip({ 'v_template.npy': npy(flame.v_template) }));
  await assert.rejects(loadFlame(partial), { code: 'E_BAD_MODEL', message: /no 'shapedirs'/ });
  // A chumpy expression graph (not a terminal array) is refused with a conversion hint.
  const p = new Pickler(true);
  p.dict({ v_template: () => p.ndarray(flame.v_template as Arr), shapedirs: () => p.object('chumpy.ch_ops', 'add', { a: () => p.int(1) }) });
  const ch = path.join(dir, 'chumpy.pkl');
  fs.writeFileSync(ch, p.done());
  await assert.rejects(loadFlame(ch), { code: 'E_BAD_MODEL', message: /chumpy.*np\.savez/ });
});
