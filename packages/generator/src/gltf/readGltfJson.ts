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

/**
 * Inline a .gltf's external buffers and images as data: URIs (so Babylon needs neither a file
 * system nor a network). Relative URIs resolve against `dir`; remote ones are refused.
 */
export function inlineGltfResources(json: Record<string, any>, dir: string): Uint8Array {
  const inline = (uri: string, at: string): string => {
    if (/^data:/.test(uri)) return uri;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) throw new AurigError('E_BAD_RIG', `glTF resource '${uri}' at ${at} is remote; aurig loads rigs without network — download it next to the .gltf and refer to it by a relative URI`, { path: at, value: uri });
    const file = path.resolve(dir, decodeURIComponent(uri));
    let data: Buffer;
    try { data = fs.readFileSync(file); } catch (e) {
      throw new AurigError('E_IO', `cannot read glTF resource '${file}' (${at})`, { path: file, cause: e });
    }
    return `data:${MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream'};base64,${data.toString('base64')}`;
  };
  const copy = structuredClone(json);
  (copy.buffers ?? []).forEach((b: { uri?: unknown }, i: number) => { if (typeof b.uri === 'string') b.uri = inline(b.uri, `/buffers/${i}/uri`); });
  (copy.images ?? []).forEach((im: { uri?: unknown }, i: number) => { if (typeof im.uri === 'string') im.uri = inline(im.uri, `/images/${i}/uri`); });
  return new TextEncoder().encode(JSON.stringify(copy));
}

/**
 * The JSON pointer and URI of the first buffer or image that is not embedded (a `data:` URI or
 * the .glb's BIN chunk), or undefined. Babylon would fetch such a resource.
 */
export function firstExternalResource(json: Record<string, any>): { path: string; uri: string } | undefined {
  for (const kind of ['buffers', 'images'] as const) {
    const list = (json[kind] ?? []) as { uri?: unknown }[];
    for (let i = 0; i < list.length; i++) {
      const uri = list[i].uri;
      if (typeof uri === 'string' && !/^data:/.test(uri)) return { path: `/${kind}/${i}/uri`, uri };
    }
  }
  return undefined;
}
