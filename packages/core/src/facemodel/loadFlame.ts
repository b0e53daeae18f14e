import fs from 'node:fs/promises';
import path from 'node:path';
import { AurigError } from '../errors/AurigError.ts';
import { NUM_FLAME_JOINTS, NUM_POSE_FEATURES, type FaceModel, type LandmarkEmbedding } from './FaceModel.ts';
import { readZip } from './io/readZip.ts';
import { readNpy } from './io/readNpy.ts';
import { readPickle, NdArrayStub, PyObject, PyBytes } from './io/readPickle.ts';
import { toFloat64, type NdArray } from './io/NdArray.ts';

export interface LoadFlameOptions {
  /** Identity components kept from FLAME's `shapedirs` (the rest are expression); default 300. */
  readonly numShape?: number;
  /** Convert metres to millimetres (aurig's unit); default true. */
  readonly toMillimetres?: boolean;
}

/** Defaults of {@link loadFlame}'s options. */
export const DEFAULT_LOAD_FLAME_OPTIONS = { numShape: 300, toMillimetres: true } as const;

/**
 * Load an official FLAME model file: `.npz` (numpy zip) or `.pkl` (Python pickle, as FLAME 2020 /
 * 2023 ship it). Reads v_template, shapedirs (first `numShape` columns identity, the rest
 * expression, unless the file has `exprdirs`), posedirs, J_regressor (dense or scipy sparse),
 * weights, kintree_table, f, and the 68-point embedding when the file carries DECA's
 * `full_lmk_faces_idx` / `full_lmk_bary_coords`. Throws AurigError E_IO (unreadable) or
 * E_BAD_MODEL (not FLAME, or a value aurig cannot decode, e.g. an unusual chumpy object).
 */
export async function loadFlame(file: string, options: LoadFlameOptions = {}): Promise<FaceModel> {
  let buf: Uint8Array;
  try {
    buf = new Uint8Array(await fs.readFile(file));
  } catch (e) {
    throw new AurigError('E_IO', `could not read FLAME model '${file}': ${(e as Error).message}; check the path`, { path: file, cause: e });
  }
  const ext = path.extname(file).toLowerCase();
  let entries: Record<string, unknown>;
  try {
    if (ext === '.npz') {
      entries = {};
      for (const [name, data] of readZip(buf)) entries[name.replace(/\.npy$/, '')] = readNpy(data);
    } else if (ext === '.pkl' || ext === '.pickle') {
      const root = readPickle(buf);
      if (!root || typeof root !== 'object' || Array.isArray(root)) throw new Error('the pickle does not hold a dict');
      entries = root as Record<string, unknown>;
    } else {
      throw new AurigError('E_BAD_MODEL', `'${file}' is neither .npz nor .pkl; pass FLAME's generic_model.pkl / flame2023.pkl or an .npz of the same arrays`, { path: file });
    }
  } catch (e) {
    if (e instanceof AurigError) throw e;
    throw new AurigError('E_BAD_MODEL', `could not decode FLAME model '${file}': ${(e as Error).message}`, { path: file, cause: e });
  }
  return fromEntries(entries, file, { ...DEFAULT_LOAD_FLAME_OPTIONS, ...options });
}

function fromEntries(e: Record<string, unknown>, file: string, o: Required<LoadFlameOptions>): FaceModel {
  const need = (key: string): NdArray => {
    if (!(key in e)) throw new AurigError('E_BAD_MODEL', `FLAME model '${file}' has no '${key}' (keys: ${Object.keys(e).join(', ')}); is this a FLAME file?`, { path: file });
    return asArray(e[key], key, file);
  };
  const scale = o.toMillimetres ? 1000 : 1;
  const vt = need('v_template');
  const V = vt.shape[0];
  const dims = (a: NdArray, key: string, shape: (number | undefined)[]): void => {
    if (a.shape.length !== shape.length || shape.some((s, i) => s !== undefined && a.shape[i] !== s)) {
      throw new AurigError('E_BAD_MODEL', `FLAME '${key}' has shape (${a.shape.join(', ')}), expected (${shape.map((s) => s ?? 'n').join(', ')})`, { path: file, value: a.shape });
    }
  };
  dims(vt, 'v_template', [V, 3]);
  const sd = need('shapedirs');
  dims(sd, 'shapedirs', [V, 3, undefined]);
  let shapedirs: Float32Array, exprdirs: Float32Array, nb: number, ne: number;
  const sdv = toFloat64(sd);
  if ('exprdirs' in e) {
    const ed = asArray(e.exprdirs, 'exprdirs', file);
    dims(ed, 'exprdirs', [V, 3, undefined]);
    nb = sd.shape[2]; ne = ed.shape[2];
    shapedirs = Float32Array.from(sdv, (x) => x * scale);
    exprdirs = Float32Array.from(toFloat64(ed), (x) => x * scale);
  } else {
    const total = sd.shape[2];
    nb = Math.min(o.numShape, total); ne = total - nb;
    shapedirs = new Float32Array(V * 3 * nb); exprdirs = new Float32Array(V * 3 * ne);
    for (let i = 0; i < V * 3; i++) {
      for (let k = 0; k < nb; k++) shapedirs[i * nb + k] = sdv[i * total + k] * scale;
      for (let k = 0; k < ne; k++) exprdirs[i * ne + k] = sdv[i * total + nb + k] * scale;
    }
  }
  const pd = need('posedirs');
  dims(pd, 'posedirs', [V, 3, NUM_POSE_FEATURES]);
  const w = need('weights');
  dims(w, 'weights', [V, NUM_FLAME_JOINTS]);
  const kt = need('kintree_table');
  dims(kt, 'kintree_table', [2, NUM_FLAME_JOINTS]);
  const f = need('f');
  dims(f, 'f', [undefined, 3]);
  const kintree = Int32Array.from(toFloat64(kt), (x) => (x >= 2 ** 31 || x < 0 ? -1 : x));
  const faces = Uint32Array.from(toFloat64(f));
  return Object.freeze({
    name: path.basename(file),
    unit: o.toMillimetres ? 'mm' : 'm',
    numVertices: V,
    numFaces: faces.length / 3,
    numShape: nb,
    numExpression: ne,
    v_template: Float32Array.from(toFloat64(vt), (x) => x * scale),
    shapedirs,
    exprdirs,
    posedirs: Float32Array.from(toFloat64(pd), (x) => x * scale),
    J_regressor: jointRegressor(e.J_regressor, V, file),
    weights: Float32Array.from(toFloat64(w)),
    kintree_table: kintree,
    faces,
    landmarks468: emptyEmbedding(),
    landmarks68: embedding(e, 'full_lmk_faces_idx', 'full_lmk_bary_coords', file),
    exprNames: [],
    jawFromExpr: new Float32Array(ne * 3),
    parts: {},
  } satisfies FaceModel);
}

const emptyEmbedding = (): LandmarkEmbedding => ({ faceIdx: new Uint32Array(0), bary: new Float32Array(0) });

function embedding(e: Record<string, unknown>, faceKey: string, baryKey: string, file: string): LandmarkEmbedding {
  if (!(faceKey in e) || !(baryKey in e)) return emptyEmbedding();
  const fi = asArray(e[faceKey], faceKey, file), b = asArray(e[baryKey], baryKey, file);
  return { faceIdx: Uint32Array.from(toFloat64(fi)), bary: Float32Array.from(toFloat64(b)) };
}

/** A numpy array from an npz/pickle value: ndarray, 0-d object array, or a terminal chumpy Ch. */
function asArray(v: unknown, key: string, file: string): NdArray {
  if (v instanceof NdArrayStub) {
    if (v.array) return v.array;
    if (v.objects && v.objects.length === 1) return asArray(v.objects[0], key, file);
  }
  if (v && typeof v === 'object' && 'data' in v && 'shape' in v && 'dtype' in v) return v as NdArray;
  if (v instanceof PyObject && v.cls.module.startsWith('chumpy')) {
    const st = v.state as Record<string, unknown> | undefined;
    const x = st?.x ?? st?._x ?? st?.a;
    if (x instanceof NdArrayStub && x.array) return x.array;
    throw new AurigError('E_BAD_MODEL', `FLAME '${key}' in '${file}' is a chumpy ${v.cls.name} that is not a plain array; convert the model with numpy first (np.savez('flame.npz', **{k: np.array(v) for k, v in model.items()})) and load the .npz`, { path: file });
  }
  const what = v instanceof PyObject ? v.cls.qualified : v instanceof PyBytes ? 'bytes' : typeof v;
  throw new AurigError('E_BAD_MODEL', `FLAME '${key}' in '${file}' is a ${what}, not a numpy array`, { path: file });
}

/** J×V dense regressor from a dense array or a scipy csc/csr/coo matrix. */
function jointRegressor(v: unknown, V: number, file: string): Float32Array {
  const J = NUM_FLAME_JOINTS;
  const out = new Float32Array(J * V);
  const obj = v instanceof NdArrayStub && v.objects?.length === 1 ? v.objects[0] : v;
  if (obj instanceof PyObject && /scipy\.sparse/.test(obj.cls.module)) {
    const st = (obj.state ?? {}) as Record<string, unknown>;
    const fmt = String(st.format instanceof PyBytes ? st.format.text : st.format ?? obj.cls.name.slice(0, 3));
    const shape = ((st._shape ?? st.shape) as number[]).map(Number);
    if (shape[0] !== J || shape[1] !== V) throw new AurigError('E_BAD_MODEL', `FLAME J_regressor has shape (${shape}), expected (${J}, ${V})`, { path: file });
    const data = toFloat64(asArray(st.data, 'J_regressor.data', file));
    if (fmt.startsWith('coo')) {
      const row = toFloat64(asArray(st.row, 'J_regressor.row', file)), col = toFloat64(asArray(st.col, 'J_regressor.col', file));
      data.forEach((d, i) => { out[row[i] * V + col[i]] += d; });
      return out;
    }
    const indices = toFloat64(asArray(st.indices, 'J_regressor.indices', file)), indptr = toFloat64(asArray(st.indptr, 'J_regressor.indptr', file));
    const csc = fmt.startsWith('csc');
    for (let a = 0; a + 1 < indptr.length; a++) for (let k = indptr[a]; k < indptr[a + 1]; k++) {
      const r = csc ? indices[k] : a, c = csc ? a : indices[k];
      out[r * V + c] += data[k];
    }
    return out;
  }
  const a = asArray(v, 'J_regressor', file);
  if (a.shape[0] !== J || a.shape[1] !== V) throw new AurigError('E_BAD_MODEL', `FLAME J_regressor has shape (${a.shape}), expected (${J}, ${V})`, { path: file });
  out.set(toFloat64(a));
  return out;
}
