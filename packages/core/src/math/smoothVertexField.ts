/**
 * One-ring neighbour lists of a triangle mesh: for vertex v, `offsets[v]..offsets[v+1]` index
 * into `neighbours`.
 */
export function vertexNeighbours(numVertices: number, faces: ArrayLike<number>): { offsets: Uint32Array; neighbours: Uint32Array } {
  const sets: Set<number>[] = Array.from({ length: numVertices }, () => new Set<number>());
  for (let t = 0; t < faces.length; t += 3) {
    const a = faces[t], b = faces[t + 1], c = faces[t + 2];
    sets[a].add(b).add(c);
    sets[b].add(a).add(c);
    sets[c].add(a).add(b);
  }
  const offsets = new Uint32Array(numVertices + 1);
  for (let v = 0; v < numVertices; v++) offsets[v + 1] = offsets[v] + sets[v].size;
  const neighbours = new Uint32Array(offsets[numVertices]);
  for (let v = 0; v < numVertices; v++) neighbours.set([...sets[v]].sort((p, q) => p - q), offsets[v]);
  return { offsets, neighbours };
}

/**
 * Smooth a per-vertex scalar field by `iterations` of umbrella (one-ring mean) averaging with
 * step `lambda` (0..1). Used for the smoothed borders of AU vertex masks (Kuang et al., supp. §1)
 * and the jaw skinning falloff. Returns a new array.
 */
export function smoothVertexField(
  field: ArrayLike<number>,
  adjacency: { offsets: Uint32Array; neighbours: Uint32Array },
  iterations: number,
  lambda = 0.5,
): Float64Array {
  let cur = Float64Array.from(field);
  let next = new Float64Array(cur.length);
  const { offsets, neighbours } = adjacency;
  for (let it = 0; it < iterations; it++) {
    for (let v = 0; v < cur.length; v++) {
      const a = offsets[v], b = offsets[v + 1];
      if (a === b) { next[v] = cur[v]; continue; }
      let s = 0;
      for (let k = a; k < b; k++) s += cur[neighbours[k]];
      next[v] = (1 - lambda) * cur[v] + lambda * (s / (b - a));
    }
    [cur, next] = [next, cur];
  }
  return cur;
}
