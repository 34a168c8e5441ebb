/**
 * C ← A·B for contiguous row-major matrices: A is M×K, B is K×N and C is M×N. Unblocked: it is
 * meant for the small products of weight matrices (a few hundred entries), where
 * {@link dgemmNT}'s blocking buys nothing and a transposed copy would cost as much as the product.
 * C must not overlap A or B.
 *
 * @param M - rows of A and C
 * @param N - columns of B and C
 * @param K - columns of A, rows of B (the summed dimension)
 * @param A - M×K, row-major, starting at offsetA
 * @param offsetA - index of A[0, 0]
 * @param B - K×N, row-major, starting at offsetB
 * @param offsetB - index of B[0, 0]
 * @param C - M×N output, row-major, starting at offsetC; overwritten
 * @param offsetC - index of C[0, 0]
 * @returns C
 *
 * @example
 * const A = new Float64Array([1, 2, 3, 4]); // [[1, 2], [3, 4]]
 * const B = new Float64Array([5, 6, 7, 8]); // [[5, 6], [7, 8]]
 * const C = new Float64Array(4);
 * dgemmNN(2, 2, 2, A, 0, B, 0, C, 0); // C = [19, 22, 43, 50]
 */
export function dgemmNN(
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
  for (let i = 0; i < M; i++) {
    const a = offsetA + i * K;
    const c = offsetC + i * N;
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0, b = offsetB + j; k < K; k++, b += N) s += A[a + k] * B[b];
      C[c + j] = s;
    }
  }
  return C;
}
