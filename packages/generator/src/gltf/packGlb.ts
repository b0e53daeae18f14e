const GLB_MAGIC = 0x46546c67; // 'glTF'
const GLB_VERSION = 2;
const CHUNK_JSON = 0x4e4f534a; // 'JSON'
const CHUNK_BIN = 0x004e4942; // 'BIN\0'

/**
 * A .glb container: 12-byte header, the JSON chunk (space-padded to 4 bytes) and one BIN chunk
 * holding `bin`'s pieces back to back (zero-padded to 4 bytes). Does not touch `json`.
 */
export function packGlb(json: unknown, bin: readonly Uint8Array[]): Uint8Array {
  const jsonBytes = new TextEncoder().encode(JSON.stringify(json));
  const jsonPad = (4 - (jsonBytes.length % 4)) % 4;
  const binLength = bin.reduce((n, c) => n + c.byteLength, 0);
  const binPad = (4 - (binLength % 4)) % 4;
  const total = 12 + 8 + jsonBytes.length + jsonPad + 8 + binLength + binPad;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, GLB_MAGIC, true); dv.setUint32(4, GLB_VERSION, true); dv.setUint32(8, total, true);
  dv.setUint32(12, jsonBytes.length + jsonPad, true); dv.setUint32(16, CHUNK_JSON, true);
  out.set(jsonBytes, 20); out.fill(0x20, 20 + jsonBytes.length, 20 + jsonBytes.length + jsonPad);
  let o = 20 + jsonBytes.length + jsonPad;
  dv.setUint32(o, binLength + binPad, true); dv.setUint32(o + 4, CHUNK_BIN, true); o += 8;
  for (const c of bin) { out.set(c, o); o += c.byteLength; }
  return out;
}
