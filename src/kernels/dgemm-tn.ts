/**
 * C ← Aᵀ·B for contiguous row-major matrices: A is K×M, B is K×N and C is M×N, so
 * C[i, j] = Σ_k A[k, i]·B[k, j]. The summed index runs down the columns of both operands, as in a
 * sum over samples of per-sample outer products (Δᵀ·X with samples as rows), with no transposed
 * copy of either.
 *
 * Blocked 2 columns of A × 4 columns of B, as {@link dgemmNT} is: eight accumulators stay in
 * registers and each row k of the operands feeds eight multiply-adds. C must not overlap A or B.
 *
 * @param M - columns of A, rows of C
 * @param N - columns of B and C
 * @param K - rows of A and B (the summed dimension)
 * @param A - K×M, row-major, starting at offsetA
 * @param offsetA - index of A[0, 0]
 * @param B - K×N, row-major, starting at offsetB
 * @param offsetB - index of B[0, 0]
 * @param C - M×N output, row-major, starting at offsetC; overwritten
 * @param offsetC - index of C[0, 0]
 * @returns C
 *
 * @example
 * // Two samples (rows): deltas D (2×1) and inputs X (2×2); Dᵀ·X sums d_i·x_iᵀ.
 * const D = new Float64Array([1, 2]);
 * const X = new Float64Array([1, 2, 3, 4]);
 * const G = new Float64Array(2);
 * dgemmTN(1, 2, 2, D, 0, X, 0, G, 0); // G = [7, 10]
 */
export function dgemmTN(
  M: number,
  N: number,
  K: number,
  A: Float64Array,
  offsetA: number,
  B: Float64Array,
  offsetB: number,
  C: Float64Array,
  offsetC: number,
): Float64Array {
  let i = 0;
  for (; i + 1 < M; i += 2) {
    const c0 = offsetC + i * N;
    const c1 = c0 + N;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0, a = offsetA + i, b = offsetB + j; k < K; k++, a += M, b += N) {
        const x0 = A[a];
        const x1 = A[a + 1];
        const y0 = B[b];
        const y1 = B[b + 1];
        const y2 = B[b + 2];
        const y3 = B[b + 3];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      }
      C[c0 + j] = s00; C[c0 + j + 1] = s01; C[c0 + j + 2] = s02; C[c0 + j + 3] = s03;
      C[c1 + j] = s10; C[c1 + j + 1] = s11; C[c1 + j + 2] = s12; C[c1 + j + 3] = s13;
    }
    for (; j < N; j++) {
      let s0 = 0, s1 = 0;
      for (let k = 0, a = offsetA + i, b = offsetB + j; k < K; k++, a += M, b += N) {
        const y = B[b];
        s0 += A[a] * y;
        s1 += A[a + 1] * y;
      }
      C[c0 + j] = s0;
      C[c1 + j] = s1;
    }
  }
  if (i < M) {
    // The odd last column of A: still block B's columns, since M = 1 (one output) is common.
    const c0 = offsetC + i * N;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0, a = offsetA + i, b = offsetB + j; k < K; k++, a += M, b += N) {
        const x = A[a];
        s0 += x * B[b]; s1 += x * B[b + 1]; s2 += x * B[b + 2]; s3 += x * B[b + 3];
      }
      C[c0 + j] = s0; C[c0 + j + 1] = s1; C[c0 + j + 2] = s2; C[c0 + j + 3] = s3;
    }
    for (; j < N; j++) {
      let s = 0;
      for (let k = 0, a = offsetA + i, b = offsetB + j; k < K; k++, a += M, b += N) s += A[a] * B[b];
      C[c0 + j] = s;
    }
  }
  return C;
}
