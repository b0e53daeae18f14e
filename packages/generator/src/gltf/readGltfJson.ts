import fs from 'node:fs';
import path from 'node:path';
import { AurigError } from '@aurig/core';

/** The glTF JSON of a .glb (its JSON chunk) or a .gltf (the whole file). */
export function readGltfJson(bytes: Uint8Array, where: string): Record<string, any> {
  try {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength >= 20 && dv.getUint32(0, true) === 0x46546c67) {
      const len = dv.getUint32(12, true);
      return JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + len)));
    }
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new AurigError('E_BAD_RIG', `'${where}' is neither a .glb nor glTF JSON: ${(e as Error).message}`, { path: where, cause: e });
  }
}

const MIME: Record<string, string> = { '.bin': 'application/octet-stream', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.ktx2': 'image/ktx2' };

/** Inline a .gltf's external buffers and images as data: URIs (so Babylon needs neither a file system nor a network). */
export function inlineGltfResources(json: Record<string, any>, dir: string): Uint8Array {
  const inline = (uri: string): string => {
    if (/^data:/.test(uri)) return uri;
    if (/^[a-z]+:\/\//i.test(uri)) throw new AurigError('E_BAD_RIG', `glTF resource '${uri}' is remote; aurig loads rigs without network — download it next to the .gltf`, { path: uri });
    const file = path.resolve(dir, decodeURIComponent(uri));
    let data: Buffer;
    try { data = fs.readFileSync(file); } catch (e) {
      throw new AurigError('E_IO', `cannot read glTF resource '${file}'`, { path: file, cause: e });
    }
    return `data:${MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream'};base64,${data.toString('base64')}`;
  };
  const copy = structuredClone(json);
  for (const b of copy.buffers ?? []) if (typeof b.uri === 'string') b.uri = inline(b.uri);
  for (const im of copy.images ?? []) if (typeof im.uri === 'string') im.uri = inline(im.uri);
  return new TextEncoder().encode(JSON.stringify(copy));
}
