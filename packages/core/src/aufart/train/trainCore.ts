import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createDefaultFaceModel } from '../../facemodel/createDefaultFaceModel.ts';
import { createFaceDetector } from '../../detect/createFaceDetector.ts';
import { AurigError } from '../../errors/AurigError.ts';
import { resolveAufartConfig, type AufartConfig } from '../config.ts';
import { loadAufartModel, saveAufartModel, defaultAufartDir } from '../aufartFiles.ts';
import { buildTokenLayout } from '../buildTokenLayout.ts';
import { auMasksFor, createTrainSetup, DEFAULT_SHAPE_COMPONENTS } from './createTrainSetup.ts';
import { trainAufart, DEFAULT_TRAIN_OPTIONS } from './trainAufart.ts';
import { DEFAULT_AUFART_LOSS_WEIGHTS, PRETRAIN_LOSS_WEIGHTS } from './aufartLosses.ts';
import { AU_NAMES } from '../../au/auNames.ts';
import { loadDetectedSet, codeLipsPartWithJaw, type DetectedSet } from './detectedSet.ts';
import { DEFAULT_SYNTHETIC_OPTIONS } from './sampleSyntheticBatch.ts';

/** Options of `trainCore` (`aurig train core`); all optional. */
export interface TrainCoreOptions {
  /** Folder of unlabeled photos for self-supervised fine-tuning. */
  readonly images?: string;
  /** A video file for self-supervised fine-tuning (every face of every frame). */
  readonly video?: string;
  /** Where to write `aufart.json` + `aufart.bin`. Default: the shipped folder for synthetic pre-training, `./aufart-finetuned` for fine-tuning. */
  readonly out?: string;
  /**
   * Labelled detector landmarks (a file from scripts/make-detected-renders.ts, or the set itself) mixed
   * into synthetic pre-training; see `DetectedSet`.
   */
  readonly detected?: string | DetectedSet;
  /** Share of each batch from `detected`. Default `DEFAULT_TRAIN_OPTIONS.detectedShare`. */
  readonly detectedShare?: number;
  /** Code AU25 with every jaw opening, in the synthetic faces and the detected set's labels (`AuSamplerOptions.jawPartsLips`). Default false. */
  readonly jawPartsLips?: boolean;
  /** Weights to start from. Default: none for pre-training, the shipped weights for fine-tuning. */
  readonly init?: string;
  /** Steps, batch, seed, learning rate. Defaults: those of `DEFAULT_TRAIN_OPTIONS` (fine-tuning: 300 steps at 1e-4). */
  readonly steps?: number;
  readonly batch?: number;
  readonly seed?: number;
  readonly learningRate?: number;
  /** Network sizes for pre-training. Default `DEFAULT_AUFART_CONFIG`. */
  readonly config?: Partial<AufartConfig>;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp']);
/** Fine-tuning defaults: few steps at a low rate so the synthetic prior is kept. */
const FINETUNE_STEPS = 300;
const FINETUNE_LR = 1e-4;

/** Pre-train AUFART on synthetic faces of the default model, or fine-tune it self-supervised on real frames. */
export async function trainCore(options: TrainCoreOptions = {}): Promise<string> {
  const log = options.log ?? (() => {});
  const face = createDefaultFaceModel();
  const selfSupervised = Boolean(options.images || options.video);
  const out = options.out ?? (selfSupervised ? path.resolve('aufart-finetuned') : defaultAufartDir());
  let real: Float32Array[] | undefined;
  if (selfSupervised) real = await collectLandmarks(options, log);
  const initModel = options.init || selfSupervised ? await loadAufartModel(options.init || undefined) : undefined;
  const config = initModel?.config ?? resolveAufartConfig(options.config);
  const layout = initModel?.layout ?? buildTokenLayout({ model: face, auNames: AU_NAMES, auMasks: auMasksFor(AU_NAMES), nShape: DEFAULT_SHAPE_COMPONENTS }, config, options.seed ?? 1);
  const setup = createTrainSetup(face, config, layout);
  const loaded = selfSupervised || !options.detected ? undefined : typeof options.detected === 'string' ? await loadDetectedSet(options.detected) : options.detected;
  const detected = loaded && options.jawPartsLips ? codeLipsPartWithJaw(loaded) : loaded;
  if (detected) log(`${detected.landmarks.length} labelled detector faces mixed in (share ${options.detectedShare ?? DEFAULT_TRAIN_OPTIONS.detectedShare})`);
  if (!setup.configural) log('L_auRel (Eq. 9) is off: core/au does not provide configuralFeatures yet');
  /** How the weights were trained, for their manifest's `meta`. */
  const recipe = { selfSupervised, auRel: Boolean(setup.configural), ...(options.jawPartsLips ? { jawPartsLips: true } : {}) };
  const t0 = Date.now();
  const model = await trainAufart({ ...setup, init: initModel?.weights }, {
    steps: options.steps ?? (selfSupervised ? FINETUNE_STEPS : DEFAULT_TRAIN_OPTIONS.steps),
    batch: options.batch ?? DEFAULT_TRAIN_OPTIONS.batch,
    seed: options.seed ?? 1,
    learningRate: options.learningRate ?? (selfSupervised ? FINETUNE_LR : DEFAULT_TRAIN_OPTIONS.learningRate),
    real,
    detected,
    detectedShare: options.detectedShare ?? DEFAULT_TRAIN_OPTIONS.detectedShare,
    losses: selfSupervised ? DEFAULT_AUFART_LOSS_WEIGHTS : PRETRAIN_LOSS_WEIGHTS,
    ...(options.jawPartsLips ? { synthetic: { ...DEFAULT_SYNTHETIC_OPTIONS, aus: { ...DEFAULT_SYNTHETIC_OPTIONS.aus, jawPartsLips: true } } } : {}),
    onLog: (step, t) => log(`step ${step}  ${((Date.now() - t0) / 1000).toFixed(0)} s  ${Object.entries(t).map(([k, v]) => `${k} ${v.toFixed(4)}`).join('  ')}`),
    onCheckpoint: async (step, m) => { await saveAufartModel(withMeta(m, { step, seconds: (Date.now() - t0) / 1000, ...recipe }), out); log(`checkpoint ${step} → ${out}`); },
  });
  await saveAufartModel(withMeta(model, { seconds: (Date.now() - t0) / 1000, ...recipe }), out);
  model.dispose();
  initModel?.dispose();
  return out;
}

function withMeta<T extends { meta: Record<string, unknown> }>(m: T, extra: Record<string, unknown>): T {
  Object.assign(m.meta, extra, { command: process.argv.slice(1).join(' ') });
  return m;
}

async function collectLandmarks(o: TrainCoreOptions, log: (l: string) => void): Promise<Float32Array[]> {
  const detector = await createFaceDetector();
  const out: Float32Array[] = [];
  try {
    if (o.images) {
      const files = (await readdir(o.images)).filter((f) => IMAGE_EXTENSIONS.has(path.extname(f).toLowerCase())).sort();
      for (const f of files) {
        try {
          for (const face of await detector.detect(path.join(o.images, f))) out.push(face.landmarks);
        } catch (e) {
          log(`skipping ${f}: ${(e as Error).message}`);
        }
      }
    } else if (o.video) {
      for await (const fr of detector.detectVideo(o.video)) for (const face of fr.faces) out.push(face.landmarks);
    }
  } finally {
    detector.dispose();
  }
  if (!out.length) throw new AurigError('E_NO_FACE', `no face found in ${o.images ?? o.video}; fine-tuning needs frames with visible faces`);
  log(`${out.length} faces for self-supervised fine-tuning`);
  return out;
}
