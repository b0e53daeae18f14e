// Eval section: the AUFART regressor (issue 4). Synthetic held-out faces (never seen in training: a
// separate seed stream), the expressive photos of ../shared/eval/images, and the 128 labelled photos
// of ../shared/eval/expr (per-emotion AUROC of the strongest prototypical AU).
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import {
  initBackend, loadAufartModel, AufartRegressor, createDefaultFaceModel, createAnalyzer, createRng, rotationDistance,
  icc31, meanAbsoluteError, f1Score, auroc, MESH_POINTS, EMOTION_PROTOTYPES, APPEARANCE_MODELS, type AppearanceModel, type FaceParams,
} from '@aurig/core';
import { sampleSyntheticBatch, DEFAULT_SYNTHETIC_OPTIONS } from '../../packages/core/src/aufart/train/sampleSyntheticBatch.ts';
import { landmarkDecoder } from '../../packages/core/src/aufart/train/landmarkDecoder.ts';
import { PRESENCE_THRESHOLD } from '../../packages/core/src/aufart/train/sampleAus.ts';
import type { SectionResult } from '../lib/sections.ts';
import { makeDetectedRenders } from '../lib/detectedRenders.ts';

export const name = 'aufart';

const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/eval');
/** Seed of the held-out synthetic set; training streams are seeded from `seed·7919 + 13`. */
const HELD_OUT_SEED = 2_024_001;
const HELD_OUT_FACES = 1000;
/** Seed and size of the held-out renders of the default character through the detector (training uses DEFAULT_DETECTED_SEEDS). */
const HELD_OUT_RENDER_SEED = 2_024_002;
const HELD_OUT_RENDERS = Number(process.env.AURIG_EVAL_RENDERS ?? 400);
const DEG = 180 / Math.PI;

/** Prototypical AUs per emotion (issue 4). */
export const EMOTION_AUS: Record<string, string[]> = {
  happy: ['AU06', 'AU12'], surprise: ['AU01', 'AU02', 'AU05', 'AU25', 'AU26'], angry: ['AU04', 'AU07', 'AU23', 'AU24'],
  sad: ['AU01', 'AU04', 'AU15', 'AU17'], disgust: ['AU09', 'AU10', 'AU15'], fear: ['AU01', 'AU02', 'AU04', 'AU05', 'AU20'],
};

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/** Per-AU truth and prediction (presence: truth > 0.5, predicted probability ≥ 0.5) and their agreement figures. */
function auTally(names: readonly string[]) {
  const truthI = names.map(() => [] as number[]), predI = names.map(() => [] as number[]);
  const truthP = names.map(() => [] as boolean[]), predP = names.map(() => [] as boolean[]);
  return {
    add(intensity: ArrayLike<number>, presence: ArrayLike<number>, p: { aus: Record<string, number>; auPresence: Record<string, number> }) {
      names.forEach((au, i) => {
        truthI[i].push(intensity[i]); predI[i].push(p.aus[au]);
        truthP[i].push(presence[i] > 0.5); predP[i].push(p.auPresence[au] >= 0.5);
      });
    },
    /** `base`: share of faces with the AU present; `shown`: the AU has any non-zero truth. */
    perAu: () => names.map((au, i) => ({
      au, icc: icc31(truthI[i], predI[i]), mae: meanAbsoluteError(truthI[i], predI[i]), f1: f1Score(truthP[i], predP[i]),
      base: truthP[i].filter(Boolean).length / truthP[i].length, shown: truthI[i].some((v) => v > 0),
    })),
    f1Micro: () => f1Score(truthP.flat(), predP.flat()),
  };
}

/** `jawPartsLips`: label the held-out faces with AU25 coded at every jaw opening (`AuSamplerOptions.jawPartsLips`). */
export async function synthetic(modelDir?: string, { jawPartsLips = false } = {}) {
  const model = await loadAufartModel(modelDir);
  const reg = new AufartRegressor(model);
  const face = createDefaultFaceModel();
  const decode = landmarkDecoder(face);
  const { layout, config } = model;
  const rng = createRng(HELD_OUT_SEED);
  const N = layout.auNames.length;
  const tally = auTally(layout.auNames);
  const poseErr: number[] = [], yawErr: number[] = [], pitchErr: number[] = [], rollErr: number[] = [], lmkErr: number[] = [];
  const B = 50;
  for (let start = 0; start < HELD_OUT_FACES; start += B) {
    const batch = sampleSyntheticBatch(rng, B, layout, config, decode, face.numShape, { ...DEFAULT_SYNTHETIC_OPTIONS, identityJitter: 0, aus: { ...DEFAULT_SYNTHETIC_OPTIONS.aus, jawPartsLips } });
    const preds = Array.from({ length: B }, (_, b) => reg.predict(batch.landmarks.subarray(b * MESH_POINTS * 3, (b + 1) * MESH_POINTS * 3)));
    // Reprojection of the predicted parameters.
    const proj = tf.tidy(() => {
      const beta = tf.tensor2d(preds.flatMap((p) => Array.from(p.shape)), [B, preds[0].shape.length]);
      const psi = tf.tensor2d(preds.flatMap((p) => Array.from(p.expression)), [B, layout.exprNames.length]);
      const theta = tf.tensor2d(preds.flatMap((p) => [0, 0, 0, ...Array.from(p.pose.subarray(3))]), [B, 15]);
      return decode(beta, psi, theta).arraySync();
    });
    for (let b = 0; b < B; b++) {
      const p = preds[b];
      tally.add(batch.intensity.subarray(b * N, (b + 1) * N), batch.presence.subarray(b * N, (b + 1) * N), p);
      poseErr.push(rotationDistance(p.rotation, batch.rotation.subarray(b * 9, b * 9 + 9)) * DEG);
      yawErr.push(Math.abs(p.headPose.yaw - batch.headPose[b * 3]) * DEG);
      pitchErr.push(Math.abs(p.headPose.pitch - batch.headPose[b * 3 + 1]) * DEG);
      rollErr.push(Math.abs(p.headPose.roll - batch.headPose[b * 3 + 2]) * DEG);
      const R = p.rotation, { s, tx, ty } = p.camera, c = batch.clean.subarray(b * MESH_POINTS * 2);
      const iod = Math.hypot(c[33 * 2] - c[263 * 2], c[33 * 2 + 1] - c[263 * 2 + 1]);
      let e = 0;
      for (let i = 0; i < MESH_POINTS; i++) {
        const [x, y, z] = proj[b][i];
        const u = s * (R[0] * x + R[1] * y + R[2] * z) + tx, v = ty - s * (R[3] * x + R[4] * y + R[5] * z);
        e += Math.hypot(u - c[i * 2], v - c[i * 2 + 1]);
      }
      lmkErr.push(e / MESH_POINTS / iod);
    }
  }
  const perAu = tally.perAu();
  model.dispose();
  return {
    icc: mean(perAu.map((r) => r.icc)), mae: mean(perAu.map((r) => r.mae)), f1: mean(perAu.map((r) => r.f1)),
    f1Micro: tally.f1Micro(),
    pose: mean(poseErr), yaw: mean(yawErr), pitch: mean(pitchErr), roll: mean(rollErr), lmk: mean(lmkErr), perAu,
  };
}

/**
 * The default character (a bone rig: a second implementation of each AU) posed with sampled AUs,
 * rendered and passed through the real detector: how well AUs survive the detector's mesh. AUs the rig
 * cannot show (AU16, AU27, AU28) are labelled absent; ICC is averaged over the AUs the rig shows.
 */
export async function renders(modelDir?: string) {
  const model = await loadAufartModel(modelDir);
  const reg = new AufartRegressor(model);
  const set = await makeDetectedRenders({ count: HELD_OUT_RENDERS, seed: HELD_OUT_RENDER_SEED });
  const tally = auTally(model.layout.auNames);
  set.landmarks.forEach((lm, k) => tally.add(set.intensity[k], set.presence[k], reg.predict(lm)));
  model.dispose();
  const perAu = tally.perAu();
  const on = perAu.filter((r) => r.shown);
  return { faces: set.landmarks.length, missed: set.missed, icc: mean(on.map((r) => r.icc)), mae: mean(perAu.map((r) => r.mae)), f1: mean(on.map((r) => r.f1)), f1Micro: tally.f1Micro(), perAu };
}

const topAus = (f: FaceParams, k: number) => Object.entries(f.aus).sort((a, b) => b[1] - a[1]).slice(0, k).map(([a]) => a);

async function photos(analyzer: Awaited<ReturnType<typeof createAnalyzer>>) {
  const checks: Record<string, { file: string; pass: boolean; aus: Record<string, number>; rule: string }> = {};
  const rules: Record<string, [string, string, (f: FaceParams) => boolean]> = {
    happy: ['happy_black.jpg', 'AU12 and AU06 among the top 3', (f) => topAus(f, 3).includes('AU12') && topAus(f, 3).includes('AU06')],
    surprise: ['surprise_white.jpg', 'AU01, AU02 and AU26 or AU25 strong (≥ 0.3)', (f) => f.aus.AU01 >= 0.3 && f.aus.AU02 >= 0.3 && Math.max(f.aus.AU26, f.aus.AU25) >= 0.3],
    anger: ['angry_black.jpg', 'AU04 strong (≥ 0.3)', (f) => f.aus.AU04 >= 0.3],
    sadness: ['sad_asian.jpg', 'AU15 or AU01+AU04 (≥ 0.3)', (f) => f.aus.AU15 >= 0.3 || (f.aus.AU01 >= 0.3 && f.aus.AU04 >= 0.3)],
  };
  for (const [emo, [file, rule, ok]] of Object.entries(rules)) {
    const faces = await analyzer.analyze(path.join(SHARED, 'images', file), { maxFaces: 1 });
    const f = faces[0];
    const aus = f ? Object.fromEntries(Object.entries(f.aus).map(([k, v]) => [k, Math.round(v * 100) / 100])) : {};
    checks[emo] = { file, rule, pass: Boolean(f && ok(f)), aus };
    process.stderr.write(`[aufart] ${file}: ${f ? Object.entries(aus).filter(([, v]) => v >= 0.05).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ') : 'no face'} → ${checks[emo].pass ? 'pass' : 'FAIL'} (${rule})\n`);
  }
  return checks;
}

/** Per-emotion AUROC of the strongest prototypical AU of each photo's `aus` (a missed face scores lowest, −1). */
function exprAuroc(results: { label: string; aus: Record<string, number> | null }[]) {
  const per: Record<string, number> = {};
  for (const [emo, aus] of Object.entries(EMOTION_AUS)) {
    const scores = results.map((r) => (r.aus ? Math.max(...aus.map((a) => r.aus![a] ?? 0)) : -1));
    per[emo] = auroc(scores, results.map((r) => r.label === emo));
  }
  return { per, mean: Object.values(per).reduce((a, b) => a + b, 0) / Object.keys(per).length };
}

/** The expr photos through `analyzer`: AUROC of its AUs, and (when it has appearance) of the appearance evidence alone. */
export async function expr(analyzer: Awaited<ReturnType<typeof createAnalyzer>>) {
  const dir = path.join(SHARED, 'expr');
  const rows = (await readFile(path.join(dir, 'labels.csv'), 'utf8')).trim().split(/\r?\n/).slice(1).map((l) => l.trim().split(','));
  const files = new Set(await readdir(dir));
  const results: { file: string; label: string; aus: Record<string, number> | null; appearanceAus: FaceParams['appearanceAus'] }[] = [];
  for (const [file, label] of rows) {
    if (!files.has(file)) continue;
    const faces = await analyzer.analyze(path.join(dir, file), { maxFaces: 1 });
    const f = faces[0] && !faces[0].reason ? faces[0] : null;
    results.push({ file, label, aus: f ? f.aus : null, appearanceAus: f ? f.appearanceAus : null });
  }
  const missed = results.filter((r) => !r.aus).length;
  const appearanceOnly = results.some((r) => r.appearanceAus)
    ? exprAuroc(results.map((r) => ({ label: r.label, aus: r.appearanceAus })))
    : null;
  // What this scoring gives a detector that reads every photo's labelled emotion perfectly, as the core AUs of its
  // EMFACS prototype at full intensity (neutral: none): AUs shared between emotions tie, so this is its ceiling.
  const protoAus = (label: string) => Object.fromEntries((EMOTION_PROTOTYPES[label as keyof typeof EMOTION_PROTOTYPES]?.core ?? []).map((a) => [a, 1]));
  const prototypeCeiling = exprAuroc(results.map((r) => ({ label: r.label, aus: protoAus(r.label) })));
  return { ...exprAuroc(results), photos: results.length, missed, appearanceOnly, prototypeCeiling };
}

/** The emotion photos and the expr set through an analyzer with the given appearance models (`false`: geometry alone). */
async function realPhotos(appearance: boolean | readonly AppearanceModel[]) {
  const analyzer = await createAnalyzer({ modelDir: MODEL_DIR, appearance });
  try {
    process.stderr.write(`[aufart] photos, ${appearance === true ? 'geometry + appearance (default)' : appearance ? `geometry + ${appearance.join(' + ')}` : 'geometry alone'}:\n`);
    return { ph: await photos(analyzer), ex: await expr(analyzer) };
  } finally {
    analyzer.dispose();
  }
}

/** Model folder to evaluate; default the shipped weights (set AURIG_AUFART_MODEL to compare a checkpoint). */
const MODEL_DIR = process.env.AURIG_AUFART_MODEL || undefined;

export async function run(): Promise<SectionResult> {
  await initBackend();
  const syn = await synthetic(MODEL_DIR);
  // The same draws with FACS's lips-apart coding (AU25 raised to every jaw opening, in ψ and label; --jaw-parts-lips).
  const synJaw = await synthetic(MODEL_DIR, { jawPartsLips: true });
  const ren = await renders(MODEL_DIR);
  // The analyzer as shipped (geometry + appearance evidence), then the geometry alone (ablation).
  const { ph, ex } = await realPhotos(true);
  const { ph: phGeo, ex: exGeo } = await realPhotos(false);
  // Each appearance classifier alone beside the geometry (ablation of the default's two).
  const single = [] as { model: AppearanceModel; passed: number; ex: Awaited<ReturnType<typeof expr>> }[];
  for (const model of APPEARANCE_MODELS) {
    const r = await realPhotos([model]);
    single.push({ model, passed: Object.values(r.ph).filter((c) => c.pass).length, ex: r.ex });
  }
  const passed = Object.values(ph).filter((c) => c.pass).length;
  return {
    figures: {
      syntheticIcc: { value: syn.icc, unit: 'ICC(3,1)', target: '>= 0.85' },
      syntheticMae: { value: syn.mae, unit: 'intensity', target: '<= 0.08' },
      syntheticPresenceF1: { value: syn.f1, unit: 'F1', target: '>= 0.85' },
      syntheticPresenceF1Micro: { value: syn.f1Micro, unit: 'F1' },
      syntheticJawLipsIcc: { value: synJaw.icc, unit: 'ICC(3,1)' },
      syntheticJawLipsPresenceF1: { value: synJaw.f1, unit: 'F1' },
      syntheticHeadPoseError: { value: syn.pose, unit: 'deg', target: '<= 3' },
      syntheticReprojectionError: { value: syn.lmk * 100, unit: '% IOD', target: '<= 2' },
      renderIcc: { value: ren.icc, unit: 'ICC(3,1)' },
      renderMae: { value: ren.mae, unit: 'intensity' },
      renderPresenceF1: { value: ren.f1, unit: 'F1' },
      photoChecksPassed: { value: passed, unit: 'of 4', target: '>= 4' },
      ...Object.fromEntries(Object.entries(ex.per).map(([k, v]) => [`exprAuroc_${k}`, { value: v, unit: 'AUROC' }])),
      exprAurocMean: { value: ex.mean, unit: 'AUROC', target: '>= 0.75' },
      exprMissedFaces: { value: ex.missed, unit: `of ${ex.photos}` },
      geometryOnlyPhotoChecksPassed: { value: Object.values(phGeo).filter((c) => c.pass).length, unit: 'of 4' },
      geometryOnlyExprAurocMean: { value: exGeo.mean, unit: 'AUROC' },
      ...(ex.appearanceOnly ? { appearanceOnlyExprAurocMean: { value: ex.appearanceOnly.mean, unit: 'AUROC' } } : {}),
      prototypeCeilingExprAurocMean: { value: ex.prototypeCeiling.mean, unit: 'AUROC' },
      ...Object.fromEntries(single.flatMap((r) => [
        [`only_${r.model}_PhotoChecksPassed`, { value: r.passed, unit: 'of 4' }],
        [`only_${r.model}_ExprAurocMean`, { value: r.ex.mean, unit: 'AUROC' }],
      ])),
    },
    details: { synthetic: { ...syn, perAu: syn.perAu.map((r) => ({ ...r, icc: +r.icc.toFixed(3), mae: +r.mae.toFixed(3), f1: +r.f1.toFixed(3), base: +r.base.toFixed(3) })), yawDeg: syn.yaw, pitchDeg: syn.pitch, rollDeg: syn.roll, presenceThreshold: PRESENCE_THRESHOLD }, renders: { ...ren, perAu: ren.perAu.map((r) => ({ ...r, icc: +r.icc.toFixed(3), mae: +r.mae.toFixed(3), f1: +r.f1.toFixed(3) })) }, photos: ph, expr: ex, geometryOnly: { photos: phGeo, expr: exGeo }, singleAppearanceModel: single.map((r) => ({ model: r.model, photoChecksPassed: r.passed, expr: r.ex })) },
  };
}
