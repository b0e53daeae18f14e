import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AurigError } from '../errors/AurigError.ts';
import { decodeAufartModel, encodeAufartModel, type AufartManifest, type AufartModel } from './AufartModel.ts';

/** File names inside a model folder. */
export const AUFART_MANIFEST_FILE = 'aufart.json';
export const AUFART_WEIGHTS_FILE = 'aufart.bin';

/** The folder of the weights shipped with @aurig/core (packages/core/models/aufart). */
export function defaultAufartDir(): string {
  return fileURLToPath(new URL('../../models/aufart/', import.meta.url));
}

/** Read a model folder (manifest + weights) with plain file IO; defaults to the shipped weights. */
export async function loadAufartModel(dir: string = defaultAufartDir()): Promise<AufartModel> {
  let manifest: AufartManifest, bin: Buffer;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, AUFART_MANIFEST_FILE), 'utf8')) as AufartManifest;
    bin = await readFile(path.join(dir, AUFART_WEIGHTS_FILE));
  } catch (e) {
    throw new AurigError('E_IO', `cannot read AUFART weights in ${dir} (${(e as Error).message}); train them with \`npm run aurig -- train core\` or pass the folder that holds ${AUFART_MANIFEST_FILE}`, { path: dir, cause: e });
  }
  return decodeAufartModel(manifest, bin);
}

/** Write a model folder: `aufart.json` (manifest) and `aufart.bin` (Float32). */
export async function saveAufartModel(model: AufartModel, dir: string): Promise<void> {
  const { manifest, bin } = encodeAufartModel(model);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, AUFART_WEIGHTS_FILE), bin);
  await writeFile(path.join(dir, AUFART_MANIFEST_FILE), JSON.stringify(manifest, null, 1) + '\n');
}
