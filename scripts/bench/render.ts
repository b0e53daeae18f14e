// Reference renderer throughput: renders/s of the default BDFM rig at 128×128 on one core
// (deform + rasterize; params sampled uniformly, seeded), and the rasterizer alone.
import { createDefaultRig, createRigParams, renderRig, rasterize } from '@aurig/generator';
import type { SectionResult } from '../lib/sections.ts';

export const name = 'generator.render';

const N = 400;

function rng(seed: number): () => number {
  return () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 4294967296; };
}

export async function run(): Promise<SectionResult> {
  const rig = createDefaultRig();
  const rand = rng(1);
  const params = Array.from({ length: 32 }, () => createRigParams(rig, Array.from(rig.slots.names, (_, i) => rig.slots.min[i] + rand() * (rig.slots.max[i] - rig.slots.min[i]))));
  for (let i = 0; i < 50; i++) renderRig(rig, params[i % params.length]); // warm-up
  const runs: number[] = [], rasterOnly: number[] = [];
  const meshes = rig.deform(params[0].values).meshes;
  for (let rep = 0; rep < 5; rep++) {
    let t = performance.now();
    for (let i = 0; i < N; i++) renderRig(rig, params[i % params.length]);
    runs.push(N / ((performance.now() - t) / 1000));
    t = performance.now();
    for (let i = 0; i < N; i++) rasterize(meshes, rig.camera, { width: 128, height: 128 });
    rasterOnly.push(N / ((performance.now() - t) / 1000));
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  const tris = meshes.reduce((s, m) => s + m.indices.length / 3, 0);
  const verts = meshes.reduce((s, m) => s + m.positions.length / 3, 0);
  return {
    figures: {
      rendersPerSecond128: { value: median(runs), unit: 'renders/s', target: '>= 200' },
      rasterizePerSecond128: { value: median(rasterOnly), unit: 'renders/s' },
    },
    details: { vertices: verts, triangles: tris, runs, rasterOnly, note: 'one core, deform (LBS + morphs) + rasterize, median of 5 × 400' },
  };
}
