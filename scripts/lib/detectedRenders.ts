// Detector-in-the-loop training data for the AUFART regressor: the default game character
// (@aurig/generator) posed with sampled AU combinations, rendered by the reference renderer, and
// passed through core's real face detector. The regressor then learns the detector's actual response
// to each AU (its mesh prior, its lip and lid habits) on a second implementation of every AU (bones,
// not the face model's blendshapes) instead of only the face model's own landmarks plus noise.
// Lives in scripts/ because it needs both packages; core itself never imports the generator.
import path from 'node:path';
import { createFaceDetector, createRng, AU_NAMES } from '@aurig/core';
import { createDefaultRig, createRigParams, renderRig, BASE_IDENTITY, BROW_STYLE_COUNT } from '@aurig/generator';
import { sampleAus, PRESENCE_THRESHOLD } from '../../packages/core/src/aufart/train/sampleAus.ts';
import type { DetectedSet } from '../../packages/core/src/aufart/train/detectedSet.ts';
export { saveDetectedSet, loadDetectedSet } from '../../packages/core/src/aufart/train/detectedSet.ts';

export interface DetectedRenderOptions {
  readonly count: number;
  readonly seed: number;
  /** Image side, pixels. */
  readonly size: number;
  readonly maxYaw: number;
  readonly maxPitch: number;
  readonly log?: (line: string) => void;
}

export const DEFAULT_DETECTED_RENDER_OPTIONS: DetectedRenderOptions = { count: 8000, seed: 3, size: 256, maxYaw: (30 * Math.PI) / 180, maxPitch: 0.3 };

/** The rig's AU controls under the names `sampleAus` fills: its AU43 (eyes closed) is core's AU45. */
const controlToPsi = (control: string) => control.replace('AU43', 'AU45');

/** Render, detect and label `count` faces (those the detector misses are skipped and counted). */
export async function makeDetectedRenders(partial: Partial<DetectedRenderOptions> = {}): Promise<DetectedSet & { missed: number }> {
  const o = { ...DEFAULT_DETECTED_RENDER_OPTIONS, ...partial };
  const rig = createDefaultRig();
  const detector = await createFaceDetector();
  const rng = createRng(o.seed);
  const controls = rig.slots.names.filter((_, i) => rig.slots.groups[i] === 'au');
  const psiNames = controls.map(controlToPsi);
  // Core AUs the rig cannot show (no control) are labelled absent.
  const expressible = new Set(psiNames.map((n) => n.slice(0, 4)));
  const N = AU_NAMES.length;
  const landmarks: Float32Array[] = [], intensity: Float32Array[] = [], presence: Float32Array[] = [];
  let missed = 0;
  const t0 = Date.now();
  try {
    for (let k = 0; k < o.count; k++) {
      const a = sampleAus(rng, AU_NAMES, psiNames);
      const input: Record<string, number> = { head_yaw: (2 * rng.next() - 1) * o.maxYaw, head_pitch: (2 * rng.next() - 1) * o.maxPitch };
      controls.forEach((c, i) => { input[c] = a.psi[i]; });
      rig.slots.names.forEach((n, i) => {
        if (rig.slots.groups[i] === 'identity' && !rig.slots.isChoice[i]) input[n] = BASE_IDENTITY + (rng.next() - 0.5) * 0.6;
      });
      input.brow_style = Math.floor(rng.next() * BROW_STYLE_COUNT);
      const shade = 0.15 + 0.7 * rng.next();
      const r = renderRig(rig, createRigParams(rig, input), {
        width: o.size, height: o.size,
        background: [shade * (0.8 + 0.4 * rng.next()), shade, shade * (0.8 + 0.4 * rng.next())],
        ambient: 0.2 + 0.3 * rng.next(),
        lightDir: [(2 * rng.next() - 1) * 0.8, 0.2 + 0.6 * rng.next(), 1],
      });
      const faces = await detector.detect({ width: o.size, height: o.size, data: r.rgb }, { maxFaces: 1 });
      if (!faces.length) { missed++; continue; }
      const inten = new Float32Array(N), pres = new Float32Array(N);
      AU_NAMES.forEach((au, i) => {
        inten[i] = expressible.has(au) ? a.intensity[i] : 0;
        pres[i] = inten[i] >= PRESENCE_THRESHOLD ? 1 : 0;
      });
      landmarks.push(Float32Array.from(faces[0].landmarks)); intensity.push(inten); presence.push(pres);
      if ((k + 1) % 500 === 0) o.log?.(`${k + 1}/${o.count} renders, ${missed} missed, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    detector.dispose();
  }
  return { auNames: [...AU_NAMES], landmarks, intensity, presence, missed };
}

/** Where scripts/make-detected-renders.ts writes the set and scripts/train-core.ts reads it (git-ignored). */
export const DEFAULT_DETECTED_RENDERS_FILE = path.resolve(import.meta.dirname, '../../.cache/aufart/detected-renders-3-4.bin');
/** The shipped weights' set: 8000 renders (`DEFAULT_DETECTED_RENDER_OPTIONS.count`) from each of these seeds. */
export const DEFAULT_DETECTED_SEEDS = [3, 4];

/** Render and detect `count` faces per seed and concatenate the sets. */
export async function makeDetectedRenderSet(count: number, seeds: readonly number[], log?: (line: string) => void): Promise<DetectedSet & { missed: number }> {
  const parts = [];
  for (const seed of seeds) parts.push(await makeDetectedRenders({ count, seed, log }));
  return {
    auNames: parts[0].auNames, missed: parts.reduce((a, p) => a + p.missed, 0),
    landmarks: parts.flatMap((p) => p.landmarks), intensity: parts.flatMap((p) => p.intensity), presence: parts.flatMap((p) => p.presence),
  };
}
