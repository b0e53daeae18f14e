import fs from 'node:fs';
import path from 'node:path';
import { AurigError } from '@aurig/core';
import type { Rig } from './Rig.ts';
import type { RigDefinition } from './RigDefinition.ts';
import { compileRig } from './compileRig.ts';
import { loadGltfRig } from '../gltf/loadGltfRig.ts';
import { readGltfJson, inlineGltfResources } from '../gltf/readGltfJson.ts';

export interface LoadRigOptions {
  /**
   * Side file (path or object) whose fields override the derived definition of a glTF rig.
   * Default: `<file>.rig.json` next to a .glb/.gltf when it exists.
   */
  readonly sideFile?: string | Partial<RigDefinition>;
  /**
   * Millimetres per glTF unit for glTF rigs. Default `GLTF_MM_PER_UNIT` (1000): glTF's unit is the
   * metre. Set it only for files that break the spec (e.g. 10 for a head authored in centimetres
   * with no compensating scale).
   */
  readonly mmPerUnit?: number;
}

function readJson(file: string): unknown {
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch (e) {
    throw new AurigError('E_IO', `cannot read rig file '${file}'`, { path: file, cause: e });
  }
  try { return JSON.parse(text); } catch (e) {
    throw new AurigError('E_BAD_RIG', `'${file}' is not valid JSON: ${(e as Error).message}`, { path: '/', cause: e });
  }
}

/**
 * Load a rig: a RigDefinition `.json` (inline mesh, or `mesh.gltf` pointing at a glTF file that it
 * then overrides), a `.glb`/`.gltf` file (definition derived, see `loadGltfRig`), or the bytes of a .glb.
 */
export async function loadRig(source: string | Uint8Array, options: LoadRigOptions = {}): Promise<Rig> {
  if (typeof source !== 'string') {
    const isGlb = source.byteLength >= 4 && new DataView(source.buffer, source.byteOffset).getUint32(0, true) === 0x46546c67;
    if (isGlb) return loadGltfRig(source, { source: 'bytes.glb', format: 'glb', overrides: sideObject(options.sideFile), mmPerUnit: options.mmPerUnit });
    const json = readGltfJson(source, 'bytes');
    if (json.aurig !== undefined) return compileRig(json);
    return loadGltfRig(source, { source: 'bytes.gltf', format: 'gltf', overrides: sideObject(options.sideFile), mmPerUnit: options.mmPerUnit });
  }
  const ext = path.extname(source).toLowerCase();
  if (ext === '.glb' || ext === '.gltf') {
    const auto = source.replace(/\.(glb|gltf)$/i, '.rig.json');
    const side = options.sideFile ?? (fs.existsSync(auto) ? auto : undefined);
    return loadGltfFile(source, ext === '.glb' ? 'glb' : 'gltf', sideObject(side), options.mmPerUnit, typeof side === 'string' ? `side file '${side}'` : undefined);
  }
  const def = readJson(source) as Partial<RigDefinition>;
  const mesh = def.mesh as { gltf?: unknown } | undefined;
  if (mesh && typeof mesh.gltf === 'string') {
    const file = path.resolve(path.dirname(source), mesh.gltf);
    return loadGltfFile(file, path.extname(file).toLowerCase() === '.gltf' ? 'gltf' : 'glb', def, options.mmPerUnit, `rig file '${source}'`);
  }
  return compileRig(def);
}

async function loadGltfFile(file: string, format: 'glb' | 'gltf', overrides: Partial<RigDefinition> | undefined, mmPerUnit: number | undefined, overridesSource?: string): Promise<Rig> {
  let bytes: Uint8Array;
  try { bytes = new Uint8Array(fs.readFileSync(file)); } catch (e) {
    throw new AurigError('E_IO', `cannot read glTF file '${file}'`, { path: file, cause: e });
  }
  if (format === 'gltf') bytes = inlineGltfResources(readGltfJson(bytes, file), path.dirname(file));
  return loadGltfRig(bytes, { source: file, format, overrides, mmPerUnit, ...(overridesSource ? { overridesSource } : {}) });
}

function sideObject(side: string | Partial<RigDefinition> | undefined): Partial<RigDefinition> | undefined {
  if (side === undefined || typeof side === 'object') return side;
  return readJson(side) as Partial<RigDefinition>;
}
