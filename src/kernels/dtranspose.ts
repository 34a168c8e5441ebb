/**
 * B ← Aᵀ for a contiguous row-major M×N matrix A; B is N×M, row-major. B must not overlap A.
 *
 * It lets a product that would need strided reads (a sum over samples, a product with W rather
 * than Wᵀ) run as {@link dgemmNT} on contiguous rows; the copy costs O(M·N) against the product's
 * O(M·N·K).
 *
 * @param M - rows of A
 * @param N - columns of A
 * @param A - M×N input, starting at offsetA
 * @param offsetA - index of A[0, 0]
 * @param B - N×M output, starting at offsetB; overwritten
 * @param offsetB - index of B[0, 0]
 * @returns B
 *
 * @example
 * const A = new Float64Array([1, 2, 3, 4, 5, 6]); // 2×3
 * const B = new Float64Array(6);
 * dtranspose(2, 3, A, 0, B, 0); // B = [1, 4, 2, 5, 3, 6] (3×2)
 */
export function dtranspose(
  M: number,
  N: number,
  A: Float64Array,
  offsetA: number,
  B: Float64Array,
  offsetB: number,
): Float64Array {
  for (let i = 0; i < M; i++) {
    const a = offsetA + i * N;
    let b = offsetB + i;
    for (let j = 0; j < N; j++) {
      B[b] = A[a + j];
      b += M;
    }
  }
  return B;
}
