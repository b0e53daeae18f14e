import { MeshoptEncoder } from 'meshoptimizer';
import { packGlb } from './packGlb.ts';

/** One glTF node: TRS relative to its parent (glTF units: metres). */
export interface GlbNode {
  readonly name: string;
  readonly children?: readonly number[];
  readonly translation?: readonly number[];
  readonly rotation?: readonly number[];
  readonly scale?: readonly number[];
  readonly mesh?: number;
  readonly skin?: number;
  readonly extras?: unknown;
}

export interface GlbPrimitive {
  /** V×3. */
  readonly positions: Float32Array;
  readonly indices: Uint32Array;
  /** V×3 colours 0..1 (COLOR_0). */
  readonly colors?: Float32Array;
  /** V×2 texture coordinates (TEXCOORD_0), origin at the image's top-left. */
  readonly uvs?: Float32Array;
  /** V×4 joint indices into the skin's joints and V×4 weights. */
  readonly joints?: Uint16Array;
  readonly weights?: Float32Array;
  /** Morph targets: V×3 position deltas each; their names go in `mesh.extras.targetNames`. */
  readonly targets?: readonly { readonly name: string; readonly positions: Float32Array }[];
}

export interface GlbMesh {
  readonly name: string;
  readonly primitives: readonly GlbPrimitive[];
}

export interface GlbSkin {
  readonly joints: readonly number[];
  /** joints × 16, column-major. */
  readonly inverseBindMatrices: Float32Array;
  readonly skeleton?: number;
}

export interface GlbDocument {
  readonly nodes: readonly GlbNode[];
  /** Root nodes of the scene. */
  readonly roots: readonly number[];
  readonly meshes: readonly GlbMesh[];
  readonly skins?: readonly GlbSkin[];
  /** Scene-level `extras` (aurig puts the rig's params and drivers here). */
  readonly extras?: unknown;
  /**
   * `KHR_mesh_quantization`: store positions and morph deltas as int16 in steps of this size
   * (glTF units), compensated by the scale of every node that uses the mesh. Unskinned meshes only.
   */
  readonly quantizeStep?: number;
  /** `EXT_meshopt_compression` for every vertex and index buffer view. */
  readonly meshopt?: boolean;
}

interface View { data: Uint8Array; stride?: number; target?: number; count: number; mode?: 'ATTRIBUTES' | 'TRIANGLES' }

const FLOAT = 5126, USHORT = 5123, UINT = 5125, SHORT = 5122;

/** Encode a glTF 2.0 binary (.glb). Deterministic. Call `await MeshoptEncoder.ready` first when `meshopt` is set. */
export function writeGlb(doc: GlbDocument): Uint8Array {
  const views: View[] = [];
  const accessors: Record<string, unknown>[] = [];
  const used = new Set<string>();
  const q = doc.quantizeStep;

  const addAccessor = (data: ArrayBufferView, type: 'SCALAR' | 'VEC2' | 'VEC3' | 'VEC4' | 'MAT4', componentType: number, count: number, extra: Record<string, unknown> = {}, target?: number, mode?: View['mode']): number => {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const comps = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT4: 16 }[type];
    const size = { [FLOAT]: 4, [UINT]: 4, [USHORT]: 2, [SHORT]: 2 }[componentType]! * comps;
    // meshopt ATTRIBUTES needs a stride that is a multiple of 4: pad int16 VEC3 to 8 bytes
    let buf = bytes, stride: number | undefined = target === 34962 ? size : undefined;
    if (target === 34962 && size % 4 !== 0) {
      const padded = size + (4 - (size % 4));
      buf = new Uint8Array(padded * count);
      for (let i = 0; i < count; i++) buf.set(bytes.subarray(i * size, (i + 1) * size), i * padded);
      stride = padded;
    }
    views.push({ data: buf, stride, target, count, mode });
    accessors.push({ bufferView: views.length - 1, componentType, count, type, ...extra });
    return accessors.length - 1;
  };
  const minMax = (a: Float32Array | Int16Array) => {
    const min = [Infinity, Infinity, Infinity], max = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i < a.length; i++) { min[i % 3] = Math.min(min[i % 3], a[i]); max[i % 3] = Math.max(max[i % 3], a[i]); }
    return { min, max };
  };
  const vec3 = (a: Float32Array, withBounds: boolean): number => {
    if (q) {
      used.add('KHR_mesh_quantization');
      const s = Int16Array.from(a, (x) => Math.max(-32767, Math.min(32767, Math.round(x / q))));
      return addAccessor(s, 'VEC3', SHORT, a.length / 3, withBounds ? minMax(s) : {}, 34962, 'ATTRIBUTES');
    }
    return addAccessor(a, 'VEC3', FLOAT, a.length / 3, withBounds ? minMax(a) : {}, 34962, 'ATTRIBUTES');
  };

  const meshes = doc.meshes.map((m) => {
    const names = m.primitives[0]?.targets?.map((t) => t.name) ?? [];
    return {
      name: m.name,
      primitives: m.primitives.map((p) => {
        const attributes: Record<string, number> = { POSITION: vec3(p.positions, true) };
        if (p.colors) attributes.COLOR_0 = addAccessor(p.colors, 'VEC3', FLOAT, p.colors.length / 3, {}, 34962, 'ATTRIBUTES');
        if (p.uvs) attributes.TEXCOORD_0 = addAccessor(p.uvs, 'VEC2', FLOAT, p.uvs.length / 2, {}, 34962, 'ATTRIBUTES');
        if (p.joints) attributes.JOINTS_0 = addAccessor(p.joints, 'VEC4', USHORT, p.joints.length / 4, {}, 34962, 'ATTRIBUTES');
        if (p.weights) attributes.WEIGHTS_0 = addAccessor(p.weights, 'VEC4', FLOAT, p.weights.length / 4, {}, 34962, 'ATTRIBUTES');
        const indices = addAccessor(p.indices, 'SCALAR', UINT, p.indices.length, {}, 34963, 'TRIANGLES');
        const targets = p.targets?.map((t) => ({ POSITION: vec3(t.positions, true) }));
        return { attributes, indices, mode: 4, ...(targets?.length ? { targets } : {}) };
      }),
      ...(names.length ? { weights: names.map(() => 0), extras: { targetNames: names } } : {}),
    };
  });

  const nodes = doc.nodes.map((n) => {
    let scale = n.scale;
    if (q && n.mesh !== undefined) scale = (n.scale ?? [1, 1, 1]).map((s) => s * q);
    return { ...n, ...(scale ? { scale: [...scale] } : {}) };
  });
  const skins = doc.skins?.map((s) => ({
    joints: s.joints,
    inverseBindMatrices: addAccessor(s.inverseBindMatrices, 'MAT4', FLOAT, s.joints.length),
    ...(s.skeleton !== undefined ? { skeleton: s.skeleton } : {}),
  }));

  // lay out the binary chunk
  if (doc.meshopt) used.add('EXT_meshopt_compression');
  const chunks: Uint8Array[] = [];
  let offset = 0, fallback = 0;
  const bufferViews = views.map((v) => {
    const align = (n: number) => (n + 3) & ~3;
    if (doc.meshopt && v.mode) {
      const stride = v.stride ?? 4;
      const enc = MeshoptEncoder.encodeGltfBuffer(v.data, v.count, stride, v.mode!);
      chunks.push(enc, new Uint8Array(align(enc.byteLength) - enc.byteLength));
      const bv = {
        buffer: 1, byteOffset: fallback, byteLength: v.data.byteLength, ...(v.stride ? { byteStride: v.stride } : {}), ...(v.target ? { target: v.target } : {}),
        extensions: { EXT_meshopt_compression: { buffer: 0, byteOffset: offset, byteLength: enc.byteLength, byteStride: stride, count: v.count, mode: v.mode } },
      };
      offset += align(enc.byteLength);
      fallback += align(v.data.byteLength);
      return bv;
    }
    chunks.push(v.data, new Uint8Array(align(v.data.byteLength) - v.data.byteLength));
    const bv = { buffer: 0, byteOffset: offset, byteLength: v.data.byteLength, ...(v.stride ? { byteStride: v.stride } : {}), ...(v.target ? { target: v.target } : {}) };
    offset += align(v.data.byteLength);
    return bv;
  });
  const buffers: Record<string, unknown>[] = [{ byteLength: offset }];
  if (doc.meshopt) buffers.push({ byteLength: fallback, extensions: { EXT_meshopt_compression: { fallback: true } } });

  const json = {
    asset: { version: '2.0', generator: 'aurig' },
    ...(used.size ? { extensionsUsed: [...used], extensionsRequired: [...used] } : {}),
    scene: 0,
    scenes: [{ nodes: doc.roots, ...(doc.extras !== undefined ? { extras: doc.extras } : {}) }],
    nodes, meshes, ...(skins?.length ? { skins } : {}),
    accessors, bufferViews, buffers,
  };
  return packGlb(json, chunks);
}
