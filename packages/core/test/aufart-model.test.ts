import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend, loadAufartModel, AufartRegressor, createDefaultFaceModel, rotationDistance, MESH_POINTS } from '@aurig/core';
import { sampleSyntheticBatch, DEFAULT_SYNTHETIC_OPTIONS } from '../src/aufart/train/sampleSyntheticBatch.ts';
import { landmarkDecoder } from '../src/aufart/train/landmarkDecoder.ts';
import { createRng } from '../src/aufart/rng.ts';

await initBackend();

test('the shipped AUFART model recovers AUs and head pose of synthetic faces it never saw', async () => {
  const model = await loadAufartModel();
  const reg = new AufartRegressor(model);
  const face = createDefaultFaceModel();
  const { layout, config } = model;
  const B = 40, N = layout.auNames.length;
  const batch = sampleSyntheticBatch(createRng(777_001), B, layout, config, landmarkDecoder(face), face.numShape, { ...DEFAULT_SYNTHETIC_OPTIONS, identityJitter: 0 });
  let absErr = 0, poseErr = 0;
  for (let b = 0; b < B; b++) {
    const p = reg.predict(batch.landmarks.subarray(b * MESH_POINTS * 3, (b + 1) * MESH_POINTS * 3));
    layout.auNames.forEach((a, i) => { absErr += Math.abs(p.aus[a] - batch.intensity[b * N + i]); });
    poseErr += (rotationDistance(p.rotation, batch.rotation.subarray(b * 9, b * 9 + 9)) * 180) / Math.PI;
  }
  const mae = absErr / (B * N), pose = poseErr / B;
  assert.ok(mae < 0.1, `AU intensity MAE ${mae.toFixed(3)}`);
  assert.ok(pose < 4, `head pose error ${pose.toFixed(2)}°`);
  model.dispose();
});
