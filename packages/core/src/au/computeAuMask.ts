import { vertexNeighbours, smoothVertexField } from '../math/smoothVertexField.ts';
import type { AuEntry } from './catalogue.ts';

/** Mesh data a mask is computed over. */
export interface MaskMesh {
  /** V×3 neutral positions, mm. */
  readonly positions: ArrayLike<number>;
  readonly faces: ArrayLike<number>;
  /** Vertex ranges that never belong to a mask (the eyeballs). */
  readonly excluded: readonly { start: number; end: number }[];
  /** V jaw skinning weights, for masks with `jaw: true`. */
  readonly jawWeights?: ArrayLike<number>;
}

/** Smoothing of AU mask borders: iterations of one-ring averaging and the level cut below. */
export const AU_MASK_SMOOTHING = { iterations: 4, lambda: 0.5, floor: 0.03, sideHalfWidthMm: 6 } as const;

/**
 * The vertex mask of an AU (Kuang et al. supp. §1): 1 on the vertices within `radiusMm` of the
 * seed landmarks (and, for jaw AUs, on every vertex skinned to the jaw), 0 elsewhere, with the
 * border smoothed over the mesh; values in 0..1, exactly 0 well outside. `side` keeps the
 * subject's left (`'L'`, +x) or right (`'R'`) half with a smooth seam at the midline.
 */
export function computeAuMask(mask: AuEntry['mask'], mesh: MaskMesh, side?: 'L' | 'R'): Float32Array {
  const p = mesh.positions;
  const V = p.length / 3;
  const seed = new Float64Array(V);
  const r2 = mask.radiusMm * mask.radiusMm;
  for (let v = 0; v < V; v++) {
    for (const s of mask.seeds) {
      const dx = p[3 * v] - p[3 * s], dy = p[3 * v + 1] - p[3 * s + 1], dz = p[3 * v + 2] - p[3 * s + 2];
      if (dx * dx + dy * dy + dz * dz <= r2) { seed[v] = 1; break; }
    }
    if (mask.jaw && mesh.jawWeights && mesh.jawWeights[v] > 0) seed[v] = 1;
  }
  const isExcluded = (v: number): boolean => mesh.excluded.some((r) => v >= r.start && v < r.end);
  for (let v = 0; v < V; v++) if (isExcluded(v)) seed[v] = 0;
  const adj = vertexNeighbours(V, mesh.faces);
  let m: Float64Array = seed;
  for (let it = 0; it < AU_MASK_SMOOTHING.iterations; it++) {
    m = smoothVertexField(m, adj, 1, AU_MASK_SMOOTHING.lambda);
    for (let v = 0; v < V; v++) if (isExcluded(v)) m[v] = 0;
  }
  const out = new Float32Array(V);
  const { floor, sideHalfWidthMm: h } = AU_MASK_SMOOTHING;
  for (let v = 0; v < V; v++) {
    // Jaw AUs keep every jaw-skinned vertex inside the mask.
    let x = Math.max(mask.jaw && seed[v] === 1 ? Math.max(m[v], floor * 2) : m[v], 0);
    x = Math.min(1, Math.max(0, (x - floor) / (1 - floor)));
    if (side) {
      const t = Math.min(1, Math.max(0, ((side === 'L' ? p[3 * v] : -p[3 * v]) + h) / (2 * h)));
      x *= t * t * (3 - 2 * t);
    }
    out[v] = x;
  }
  return out;
}
