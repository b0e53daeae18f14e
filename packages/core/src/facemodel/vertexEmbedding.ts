import type { LandmarkEmbedding } from './FaceModel.ts';

/**
 * Embed mesh vertices as landmarks: for each vertex, a face that contains it and the barycentric
 * coordinates that select it (1 at its corner). Throws if a vertex is in no face.
 */
export function vertexEmbedding(vertices: ArrayLike<number>, faces: Uint32Array): LandmarkEmbedding {
  const firstFace = new Map<number, [number, number]>();
  for (let f = faces.length / 3 - 1; f >= 0; f--) for (let k = 0; k < 3; k++) firstFace.set(faces[3 * f + k], [f, k]);
  const L = vertices.length;
  const faceIdx = new Uint32Array(L);
  const bary = new Float32Array(L * 3);
  for (let l = 0; l < L; l++) {
    const hit = firstFace.get(vertices[l]);
    if (!hit) throw new Error(`vertex ${vertices[l]} is in no face`);
    faceIdx[l] = hit[0];
    bary[3 * l + hit[1]] = 1;
  }
  return { faceIdx, bary };
}
