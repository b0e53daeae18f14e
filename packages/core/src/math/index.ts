export { rodrigues, RODRIGUES_EPS } from './rodrigues.ts';
export { smoothVertexField, vertexNeighbours } from './smoothVertexField.ts';
