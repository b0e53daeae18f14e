/** A numpy array read from a file: C-order data as a typed array, and its shape. */
export interface NdArray {
  readonly shape: readonly number[];
  /** numpy dtype string without byte order, e.g. 'f8', 'i4', 'u1', 'b1'. */
  readonly dtype: string;
  readonly data: Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | BigInt64Array | BigUint64Array;
}

/** Decode raw numpy bytes (`descr` like '<f8', '|u1', '>i4') into a C-order NdArray. */
export function decodeNumpyBytes(bytes: Uint8Array, descr: string, shape: readonly number[], fortranOrder: boolean): NdArray {
  const m = /^([<>|=]?)([a-z])(\d+)$/.exec(descr);
  if (!m) throw new Error(`unsupported numpy dtype '${descr}'`);
  const big = m[1] === '>';
  const kind = m[2], size = Number(m[3]);
  const n = shape.reduce((a, b) => a * b, 1);
  if (bytes.length < n * size) throw new Error(`numpy data has ${bytes.length} bytes, expected ${n * size} for shape (${shape.join(', ')}) of '${descr}'`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = !big;
  let data: NdArray['data'];
  const key = `${kind}${size}`;
  switch (key) {
    case 'f8': data = new Float64Array(n); for (let i = 0; i < n; i++) data[i] = dv.getFloat64(8 * i, le); break;
    case 'f4': data = new Float32Array(n); for (let i = 0; i < n; i++) data[i] = dv.getFloat32(4 * i, le); break;
    case 'i8': data = new BigInt64Array(n); for (let i = 0; i < n; i++) data[i] = dv.getBigInt64(8 * i, le); break;
    case 'u8': data = new BigUint64Array(n); for (let i = 0; i < n; i++) data[i] = dv.getBigUint64(8 * i, le); break;
    case 'i4': data = new Int32Array(n); for (let i = 0; i < n; i++) data[i] = dv.getInt32(4 * i, le); break;
    case 'u4': data = new Uint32Array(n); for (let i = 0; i < n; i++) data[i] = dv.getUint32(4 * i, le); break;
    case 'i2': data = new Int16Array(n); for (let i = 0; i < n; i++) data[i] = dv.getInt16(2 * i, le); break;
    case 'u2': data = new Uint16Array(n); for (let i = 0; i < n; i++) data[i] = dv.getUint16(2 * i, le); break;
    case 'i1': data = new Int8Array(n); for (let i = 0; i < n; i++) data[i] = dv.getInt8(i); break;
    case 'u1': case 'b1': data = Uint8Array.from(bytes.subarray(0, n)); break;
    default: throw new Error(`unsupported numpy dtype '${descr}'`);
  }
  if (fortranOrder && shape.length > 1) data = toCOrder(data, shape);
  return { shape: [...shape], dtype: key, data };
}

function toCOrder<T extends NdArray['data']>(src: T, shape: readonly number[]): T {
  const n = src.length;
  const out = new (src.constructor as new (n: number) => T)(n);
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  // Fortran strides: first axis fastest.
  const fstride = shape.map((_, k) => shape.slice(0, k).reduce((a, b) => a * b, 1));
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let k = 0; k < nd; k++) f += idx[k] * fstride[k];
    out[i] = src[f];
    for (let k = nd - 1; k >= 0; k--) { if (++idx[k] < shape[k]) break; idx[k] = 0; }
  }
  return out;
}

/** The array's values as float64 numbers (int64 converted). */
export function toFloat64(a: NdArray): Float64Array {
  if (a.data instanceof BigInt64Array || a.data instanceof BigUint64Array) return Float64Array.from(a.data, (x) => Number(x));
  return Float64Array.from(a.data as ArrayLike<number>);
}
