// Must-show of issue 5: core's face detector finds the default BDFM character in random renders
// (|yaw| < 30°, random AUs and identities, seeded) and its 468 landmarks land on the rig's own
// projected landmarks (median error / inter-ocular distance).
import { createFaceDetector } from '@aurig/core';
import { createDefaultRig, createRigParams, renderRig, BASE_IDENTITY, BROW_STYLE_COUNT } from '@aurig/generator';
import type { SectionResult } from '../lib/sections.ts';

export const name = 'generator.rig-detect';

const N = Number(process.env.AURIG_RIG_DETECT_N ?? 60);
const SIZE = 320;
const MAX_YAW = (30 * Math.PI) / 180;
/** Outer eye corners (MediaPipe 33 = subject's right, 263 = left) for the inter-ocular distance. */
const EYE_R = 33, EYE_L = 263;

function rng(seed: number): () => number {
  return () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 4294967296; };
}

export async function run(): Promise<SectionResult> {
  const rig = createDefaultRig();
  const detector = await createFaceDetector();
  const rand = rng(5);
  let found = 0;
  const errors: number[] = [];
  const rows: { yaw: number; found: boolean; nme?: number }[] = [];
  for (let k = 0; k < N; k++) {
    const input: Record<string, number> = { head_yaw: (rand() * 2 - 1) * MAX_YAW * 0.999, head_pitch: (rand() * 2 - 1) * 0.2 };
    rig.slots.names.forEach((n, i) => {
      if (rig.slots.groups[i] === 'au') input[n] = rand() < 0.3 ? rand() * 0.8 : 0.02;
      else if (rig.slots.groups[i] === 'identity' && !rig.slots.isChoice[i]) input[n] = BASE_IDENTITY + (rand() - 0.5) * 0.6;
    });
    input.brow_style = Math.floor(rand() * BROW_STYLE_COUNT);
    const r = renderRig(rig, createRigParams(rig, input), { width: SIZE, height: SIZE });
    const faces = await detector.detect({ width: SIZE, height: SIZE, data: r.rgb });
    if (faces.length === 0) { rows.push({ yaw: input.head_yaw, found: false }); continue; }
    found++;
    const lm = faces[0].landmarks, gt = r.landmarks468;
    const iod = Math.hypot(gt[2 * EYE_L] - gt[2 * EYE_R], gt[2 * EYE_L + 1] - gt[2 * EYE_R + 1]);
    const d: number[] = [];
    for (let i = 0; i < 468; i++) d.push(Math.hypot(lm[3 * i] - gt[2 * i], lm[3 * i + 1] - gt[2 * i + 1]));
    const nme = d.reduce((s, x) => s + x, 0) / d.length / iod;
    errors.push(nme);
    rows.push({ yaw: input.head_yaw, found: true, nme });
  }
  detector.dispose();
  const median = errors.length ? [...errors].sort((a, b) => a - b)[Math.floor(errors.length / 2)] : NaN;
  return {
    figures: {
      detectionRate: { value: found / N, unit: 'ratio', target: '>= 0.95' },
      landmarkErrorMedian: { value: median, unit: 'IOD', target: '<= 0.05' },
    },
    details: { renders: N, size: SIZE, maxYawDeg: 30, iod: 'outer eye corners 33–263', rows },
  };
}
