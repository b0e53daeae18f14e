/** Σ_k a[o + k]·x[k] for k < n, four sums at a time (a row of a row-major float32 matrix times a float64 vector). */
export function dotOffset(a: Float32Array, o: number, x: Float64Array, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, k = 0;
  for (; k + 3 < n; k += 4) { s0 += a[o + k] * x[k]; s1 += a[o + k + 1] * x[k + 1]; s2 += a[o + k + 2] * x[k + 2]; s3 += a[o + k + 3] * x[k + 3]; }
  for (; k < n; k++) s0 += a[o + k] * x[k];
  return s0 + s1 + s2 + s3;
}
