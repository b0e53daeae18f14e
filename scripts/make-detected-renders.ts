// Writes the detector-in-the-loop training set of the AUFART regressor (scripts/lib/detectedRenders.ts):
//   node --conditions=aurig-dev --import tsx scripts/make-detected-renders.ts [--count N] [--seeds 3,4] [--out FILE]
// --count renders per seed; the seeds' sets are concatenated in order.
// Default out: .cache/aufart/detected-renders-3-4.bin (git-ignored; train-core.ts makes it when missing).
import path from 'node:path';
import { initBackend } from '@aurig/core';
import { makeDetectedRenderSet, saveDetectedSet, DEFAULT_DETECTED_RENDER_OPTIONS, DEFAULT_DETECTED_SEEDS, DEFAULT_DETECTED_RENDERS_FILE } from './lib/detectedRenders.ts';

const args = process.argv.slice(2);
const flag = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
await initBackend();
const count = Number(flag('--count') ?? DEFAULT_DETECTED_RENDER_OPTIONS.count);
const seeds = flag('--seeds')?.split(',').map(Number) ?? DEFAULT_DETECTED_SEEDS;
const out = path.resolve(flag('--out') ?? DEFAULT_DETECTED_RENDERS_FILE);
const t0 = Date.now();
const set = await makeDetectedRenderSet(count, seeds, (l) => process.stderr.write(l + '\n'));
await saveDetectedSet(set, out);
process.stderr.write(`${set.landmarks.length} faces (${set.missed} renders without a detection) → ${out} in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
