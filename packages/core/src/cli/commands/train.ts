import type { CliCommand } from '../registry.ts';
import { AurigError } from '../../errors/AurigError.ts';
import { initBackend } from '../../backend/initBackend.ts';
import { trainCore, type TrainCoreOptions } from '../../aufart/train/trainCore.ts';

export const train: CliCommand = {
  name: 'train',
  usage: 'aurig train core [--images DIR | --video FILE] [--detected FILE [--detected-share X]] [--out DIR] [--init DIR] [--steps N] [--batch N] [--seed N] [--lr X] [--width N] [--depth N] [--au-points N] [--jaw-parts-lips] [--no-geometry-tokens] [--no-global-tokens]',
  summary: 'train the AUFART regressor: synthetic pre-training (no input), or self-supervised fine-tuning on your unlabeled photos or video',
  async run(argv) {
    const [target, ...rest] = argv;
    if (target !== 'core') throw new AurigError('E_BAD_OPTION', `unknown training target '${String(target)}'; usage: ${train.usage}`, { value: target });
    const o: { -readonly [K in keyof TrainCoreOptions]: TrainCoreOptions[K] } = {};
    const num = (a: string, v: string | undefined) => { const n = Number(v); if (!Number.isFinite(n) || n <= 0) throw new AurigError('E_BAD_OPTION', `${a} needs a positive number, got ${String(v)}`, { value: v }); return n; };
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === '--images') o.images = rest[++i];
      else if (a === '--video') o.video = rest[++i];
      else if (a === '--out') o.out = rest[++i];
      else if (a === '--detected') o.detected = rest[++i];
      else if (a === '--detected-share') { o.detectedShare = num(a, rest[++i]); if (o.detectedShare >= 1) throw new AurigError('E_BAD_OPTION', `--detected-share is a fraction below 1, got ${o.detectedShare}`, { value: o.detectedShare }); }
      else if (a === '--init') o.init = rest[++i];
      else if (a === '--steps') o.steps = num(a, rest[++i]);
      else if (a === '--batch') o.batch = num(a, rest[++i]);
      else if (a === '--seed') o.seed = num(a, rest[++i]);
      else if (a === '--lr') o.learningRate = num(a, rest[++i]);
      else if (a === '--width') o.config = { ...o.config, width: num(a, rest[++i]) };
      else if (a === '--depth') o.config = { ...o.config, depth: num(a, rest[++i]) };
      else if (a === '--au-points') o.config = { ...o.config, auPoints: num(a, rest[++i]) };
      else if (a === '--jaw-parts-lips') o.jawPartsLips = true;
      else if (a === '--no-geometry-tokens') o.config = { ...o.config, tokens: { geometry: false, global: o.config?.tokens?.global ?? true } };
      else if (a === '--no-global-tokens') o.config = { ...o.config, tokens: { geometry: o.config?.tokens?.geometry ?? true, global: false } };
      else throw new AurigError('E_BAD_OPTION', `unknown option ${a}; usage: ${train.usage}`, { value: a });
    }
    if (o.images && o.video) throw new AurigError('E_BAD_OPTION', 'give --images or --video, not both');
    const info = await initBackend();
    process.stderr.write(`backend: ${info.name} (${info.reason})\n`);
    await trainCore({ ...o, log: (line) => process.stderr.write(line + '\n') });
    return 0;
  },
};
