import { decodeNumpyBytes, type NdArray } from './NdArray.ts';

/** A Python global (class or function) named in a pickle. */
export class PyGlobal {
  constructor(readonly module: string, readonly name: string) {}
  get qualified(): string { return `${this.module}.${this.name}`; }
}

/** An instance of a class the reader does not model: its class, constructor args and state. */
export class PyObject {
  state: unknown = undefined;
  constructor(readonly cls: PyGlobal, readonly args: unknown[]) {}
}

/** Python 2 `str` / Python 3 `bytes`: raw bytes; `text` reads them as latin-1 (dict keys). */
export class PyBytes {
  constructor(readonly bytes: Uint8Array) {}
  get text(): string { let s = ''; for (const b of this.bytes) s += String.fromCharCode(b); return s; }
}

/** numpy.dtype under construction. */
class DtypeStub { order = '<'; constructor(readonly code: string) {} }

/** numpy.ndarray under construction (numpy.core.multiarray._reconstruct, then BUILD). */
export class NdArrayStub {
  array?: NdArray;
  /** Object arrays: the elements, C order. */
  objects?: unknown[];
  shape: number[] = [];
}

const MARK = Symbol('mark');
const text = (v: unknown): string => (v instanceof PyBytes ? v.text : String(v));

/**
 * A small unpickler (protocols 0–5, the opcodes numpy, scipy and chumpy pickles use) that builds
 * plain values: dicts as Map-free objects, lists, tuples as arrays, numpy arrays as NdArrayStub,
 * unknown classes as PyObject. It never executes code; unknown callables become PyObjects.
 */
export function readPickle(buf: Uint8Array): unknown {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  let p = 0;
  const u8 = (): number => buf[p++];
  const u16 = (): number => { const v = dv.getUint16(p, true); p += 2; return v; };
  const u32 = (): number => { const v = dv.getUint32(p, true); p += 4; return v; };
  const i32 = (): number => { const v = dv.getInt32(p, true); p += 4; return v; };
  const u64 = (): number => { const v = Number(dv.getBigUint64(p, true)); p += 8; return v; };
  const bytes = (n: number): Uint8Array => { const b = buf.subarray(p, p + n); p += n; return b; };
  const utf8 = (n: number): string => new TextDecoder().decode(bytes(n));
  const line = (): string => { const e = buf.indexOf(0x0a, p); const s = new TextDecoder('latin1').decode(buf.subarray(p, e)); p = e + 1; return s; };
  const popMark = (): unknown[] => {
    let k = stack.length - 1;
    while (k >= 0 && stack[k] !== MARK) k--;
    if (k < 0) throw new Error('pickle: MARK not found');
    const items = stack.splice(k + 1);
    stack.pop();
    return items;
  };
  const top = (): unknown => stack[stack.length - 1];
  const setItems = (d: unknown, items: unknown[]): void => {
    const obj = d as Record<string, unknown>;
    for (let i = 0; i < items.length; i += 2) obj[text(items[i])] = items[i + 1];
  };
  for (;;) {
    if (p >= buf.length) throw new Error('pickle: ran off the end without STOP');
    const op = u8();
    switch (op) {
      case 0x80: u8(); break; // PROTO
      case 0x95: p += 8; break; // FRAME
      case 0x2e: return stack.pop(); // STOP
      case 0x28: stack.push(MARK); break; // MARK
      case 0x7d: stack.push({}); break; // EMPTY_DICT
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x29: stack.push([]); break; // EMPTY_TUPLE
      case 0x8f: stack.push(new Set()); break; // EMPTY_SET
      case 0x85: stack.push([stack.pop()]); break; // TUPLE1
      case 0x86: { const b = stack.pop(); const a = stack.pop(); stack.push([a, b]); break; } // TUPLE2
      case 0x87: { const c = stack.pop(); const b = stack.pop(); const a = stack.pop(); stack.push([a, b, c]); break; } // TUPLE3
      case 0x74: stack.push(popMark()); break; // TUPLE
      case 0x6c: stack.push(popMark()); break; // LIST
      case 0x64: { const items = popMark(); const d = {}; setItems(d, items); stack.push(d); break; } // DICT
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4a: stack.push(i32()); break; // BININT
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x8a: { const n = u8(); let v = 0n; for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(buf[p + i]); if (n > 0 && buf[p + n - 1] & 0x80) v -= 1n << BigInt(8 * n); p += n; stack.push(Number(v)); break; } // LONG1
      case 0x47: { const v = dv.getFloat64(p, false); p += 8; stack.push(v); break; } // BINFLOAT
      case 0x49: { const s = line(); stack.push(s === '01' ? true : s === '00' ? false : Number(s)); break; } // INT
      case 0x4c: stack.push(Number(line().replace(/L$/, ''))); break; // LONG
      case 0x46: stack.push(Number(line())); break; // FLOAT
      case 0x53: { const s = line(); stack.push(new PyBytes(Uint8Array.from(s.slice(1, -1), (c) => c.charCodeAt(0)))); break; } // STRING (protocol 0, simple cases)
      case 0x56: stack.push(line()); break; // UNICODE (raw-unicode-escape; simple cases)
      case 0x58: stack.push(utf8(u32())); break; // BINUNICODE
      case 0x8c: stack.push(utf8(u8())); break; // SHORT_BINUNICODE
      case 0x8d: stack.push(utf8(u64())); break; // BINUNICODE8
      case 0x54: stack.push(new PyBytes(bytes(u32()))); break; // BINSTRING
      case 0x55: stack.push(new PyBytes(bytes(u8()))); break; // SHORT_BINSTRING
      case 0x42: stack.push(new PyBytes(bytes(u32()))); break; // BINBYTES
      case 0x43: stack.push(new PyBytes(bytes(u8()))); break; // SHORT_BINBYTES
      case 0x8e: stack.push(new PyBytes(bytes(u64()))); break; // BINBYTES8
      case 0x96: stack.push(new PyBytes(bytes(u64()))); break; // BYTEARRAY8
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x70: memo.set(Number(line()), top()); break; // PUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: stack.push(memo.get(u8())); break; // BINGET
      case 0x6a: stack.push(memo.get(u32())); break; // LONG_BINGET
      case 0x67: stack.push(memo.get(Number(line()))); break; // GET
      case 0x63: { const mod = line(); const name = line(); stack.push(new PyGlobal(mod, name)); break; } // GLOBAL
      case 0x93: { const name = text(stack.pop()); const mod = text(stack.pop()); stack.push(new PyGlobal(mod, name)); break; } // STACK_GLOBAL
      case 0x52: { const args = stack.pop() as unknown[]; const fn = stack.pop(); stack.push(call(fn, args)); break; } // REDUCE
      case 0x81: { const args = stack.pop() as unknown[]; const cls = stack.pop() as PyGlobal; stack.push(call(cls, args)); break; } // NEWOBJ
      case 0x92: { stack.pop(); const args = stack.pop() as unknown[]; const cls = stack.pop() as PyGlobal; stack.push(call(cls, args)); break; } // NEWOBJ_EX
      case 0x62: { const state = stack.pop(); build(top(), state); break; } // BUILD
      case 0x73: { const v = stack.pop(); const k = stack.pop(); setItems(top(), [k, v]); break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(top(), items); break; } // SETITEMS
      case 0x61: { const v = stack.pop(); (top() as unknown[]).push(v); break; } // APPEND
      case 0x65: { const items = popMark(); (top() as unknown[]).push(...items); break; } // APPENDS
      case 0x90: { const items = popMark(); for (const i of items) (top() as Set<unknown>).add(i); break; } // ADDITEMS
      case 0x91: stack.push(new Set(popMark())); break; // FROZENSET
      case 0x30: stack.pop(); break; // POP
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: stack.push(top()); break; // DUP
      default: throw new Error(`pickle: unsupported opcode 0x${op.toString(16)} at byte ${p - 1}`);
    }
  }
}

function call(fn: unknown, args: unknown[]): unknown {
  if (!(fn instanceof PyGlobal)) throw new Error('pickle: REDUCE on a non-global');
  const q = fn.qualified;
  if (/^numpy\.(_?core\.)?multiarray\._reconstruct$/.test(q)) return new NdArrayStub();
  if (q === 'numpy.dtype') return new DtypeStub(text(args[0]));
  if (q === '_codecs.encode') return new PyBytes(Uint8Array.from(String(args[0]), (c) => c.charCodeAt(0) & 0xff));
  if (q === 'copy_reg._reconstructor' || q === 'copyreg._reconstructor') return new PyObject(args[0] as PyGlobal, []);
  if (q === 'collections.OrderedDict' || q === '__builtin__.dict' || q === 'builtins.dict') return {};
  if (/^numpy\.(_?core\.)?multiarray\.scalar$/.test(q)) {
    const dt = args[0] as DtypeStub;
    return decodeNumpyBytes((args[1] as PyBytes).bytes, `${dt.order}${dt.code}`, [1], false).data[0];
  }
  return new PyObject(fn, args);
}

function build(target: unknown, state: unknown): void {
  if (target instanceof DtypeStub) {
    const s = state as unknown[];
    if (typeof s[1] === 'string' || s[1] instanceof PyBytes) target.order = text(s[1]) === '|' ? '<' : text(s[1]);
    return;
  }
  if (target instanceof NdArrayStub) {
    // ndarray.__setstate__((version, shape, dtype, is_fortran, rawdata))
    const s = state as unknown[];
    const [shape, dtype, fortran, raw] = s.length === 5 ? s.slice(1) : s;
    const dt = dtype as DtypeStub;
    target.shape = (shape as number[]).map(Number);
    if (dt.code === 'O' || dt.code === 'O8') { target.objects = raw as unknown[]; return; }
    const rawBytes = raw instanceof PyBytes ? raw.bytes : typeof raw === 'string' ? Uint8Array.from(raw, (c) => c.charCodeAt(0) & 0xff) : undefined;
    if (!rawBytes) throw new Error('pickle: ndarray state without raw bytes');
    target.array = decodeNumpyBytes(rawBytes, `${dt.order}${dt.code.replace(/^([a-z])$/, '$1')}`, target.shape, Boolean(fortran));
    return;
  }
  if (target instanceof PyObject) { target.state = state; return; }
  if (target && typeof target === 'object' && state && typeof state === 'object' && !Array.isArray(state)) Object.assign(target, state);
}
