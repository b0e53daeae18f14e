import type { RigPointDef } from './RigDefinition.ts';

/** Positions (N×3) of rig points over deformed parts; parts are looked up by name. */
export function rigPoints(points: readonly RigPointDef[] | undefined, parts: ReadonlyMap<string, Float32Array>): Float32Array {
  if (!points) return new Float32Array(0);
  const out = new Float32Array(points.length * 3);
  points.forEach((pt, i) => {
    const pos = parts.get(pt.part);
    if (!pos) { out.fill(NaN, 3 * i, 3 * i + 3); return; }
    let wsum = 0;
    for (let k = 0; k < pt.vertices.length; k++) {
      const w = pt.weights ? pt.weights[k] : 1, v = 3 * pt.vertices[k];
      out[3 * i] += w * pos[v]; out[3 * i + 1] += w * pos[v + 1]; out[3 * i + 2] += w * pos[v + 2];
      wsum += w;
    }
    if (wsum !== 0) { out[3 * i] /= wsum; out[3 * i + 1] /= wsum; out[3 * i + 2] /= wsum; }
  });
  return out;
}
