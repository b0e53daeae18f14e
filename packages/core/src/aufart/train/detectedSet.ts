import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AurigError } from '../../errors/AurigError.ts';
import { MESH_POINTS } from '../layout.ts';
import { JAW_OPENINGS } from './sampleAus.ts';

/**
 * Labelled detector landmarks for supervised AU training: faces whose AU intensities are known
 * (renders of a rig posed with sampled AUs) passed through the real face detector. Only AU intensity
 * and presence are supervised on them; ψ, β and pose truth belong to another model.
 */
export interface DetectedSet {
  /** AU token names the labels are in (must equal the layout's). */
  readonly auNames: readonly string[];
  /** Per face, 468×3 detector landmarks (image px, z relative). */
  readonly landmarks: readonly Float32Array[];
  /** Per face, intensity 0..1 and presence 0/1 per AU. */
  readonly intensity: readonly Float32Array[];
  readonly presence: readonly Float32Array[];
}

const FORMAT = 'aurig-detected-renders/1';

/** One file: a JSON header line, then Float32 landmarks, intensities, presences. */
export async function saveDetectedSet(set: DetectedSet, file: string): Promise<void> {
  const n = set.landmarks.length, N = set.auNames.length;
  const head = Buffer.from(JSON.stringify({ format: FORMAT, count: n, auNames: set.auNames, points: MESH_POINTS }) + '\n');
  const body = new Float32Array(n * (MESH_POINTS * 3 + 2 * N));
  for (let i = 0; i < n; i++) {
    body.set(set.landmarks[i], i * MESH_POINTS * 3);
    body.set(set.intensity[i], n * MESH_POINTS * 3 + i * N);
    body.set(set.presence[i], n * (MESH_POINTS * 3 + N) + i * N);
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, Buffer.concat([head, Buffer.from(body.buffer)]));
}

export async function loadDetectedSet(file: string): Promise<DetectedSet> {
  let buf: Buffer;
  try { buf = await readFile(file); } catch (e) {
    throw new AurigError('E_IO', `cannot read the detected set ${file} (${(e as Error).message}); make one with scripts/make-detected-renders.ts`, { path: file, cause: e });
  }
  const nl = buf.indexOf(10);
  let head: { format?: string; count: number; auNames: string[]; points: number };
  try { head = JSON.parse(buf.subarray(0, nl).toString('utf8')); } catch { head = { count: -1, auNames: [], points: 0 }; }
  const n = head.count, N = head.auNames?.length ?? 0;
  const bytes = buf.length - nl - 1;
  if (nl < 0 || head.format !== FORMAT || head.points !== MESH_POINTS || !(n >= 0) || bytes !== n * (MESH_POINTS * 3 + 2 * N) * 4) {
    throw new AurigError('E_BAD_OPTION', `${file} is not an aurig detected set (${FORMAT}); make one with scripts/make-detected-renders.ts`, { value: file });
  }
  const body = new Float32Array(buf.buffer.slice(buf.byteOffset + nl + 1, buf.byteOffset + buf.length));
  const at = (off: number, len: number, i: number) => body.slice(off + i * len, off + (i + 1) * len);
  return {
    auNames: head.auNames,
    landmarks: Array.from({ length: n }, (_, i) => at(0, MESH_POINTS * 3, i)),
    intensity: Array.from({ length: n }, (_, i) => at(n * MESH_POINTS * 3, N, i)),
    presence: Array.from({ length: n }, (_, i) => at(n * (MESH_POINTS * 3 + N), N, i)),
  };
}

/**
 * The set with AU25 coded as FACS codes it, at least the stronger of AU26 and AU27 (`lipsPartWithJaw`): the rig's jaw
 * drop parts the lips too (renders labelled AU26 without AU25 have their inner lips a median 17 mm apart in the
 * detector's aligned mesh). Sets without those AUs are returned as they are.
 */
export function codeLipsPartWithJaw(set: DetectedSet): DetectedSet {
  const i25 = set.auNames.indexOf('AU25'), jaw = JAW_OPENINGS.map((a) => set.auNames.indexOf(a)).filter((i) => i >= 0);
  if (i25 < 0 || !jaw.length) return set;
  // Intensities and presences alike: AU25's entry raised to the largest jaw opening's.
  const code = (rows: readonly Float32Array[]) => rows.map((v) => {
    const out = Float32Array.from(v);
    for (const j of jaw) out[i25] = Math.max(out[i25], v[j]);
    return out;
  });
  return { ...set, intensity: code(set.intensity), presence: code(set.presence) };
}
