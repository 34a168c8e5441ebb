/**
 * y ← bias + A·x for a contiguous row-major M×N matrix A: y[i] = bias[i] + Σ_j A[i, j]·x[j].
 *
 * One dot product per row over contiguous memory: this is a dense layer on one sample with W
 * stored out×in. For many samples at once prefer {@link dgemmNT}, which is about three times
 * faster per flop. y must not overlap A, x or bias.
 *
 * @param M - rows of A, length of y
 * @param N - columns of A, length of x
 * @param A - M×N, row-major, starting at offsetA
 * @param offsetA - index of A[0, 0]
 * @param x - input vector, starting at offsetX
 * @param offsetX - index of x[0]
 * @param bias - length-M vector, or null for none
 * @param offsetBias - index of bias[0] (ignored when bias is null)
 * @param y - output vector, starting at offsetY; overwritten
 * @param offsetY - index of y[0]
 * @returns y
 *
 * @example
 * const W = new Float64Array([1, 2, 3, 4, 5, 6]); // 2×3
 * const x = new Float64Array([1, 0, -1]);
 * const b = new Float64Array([0.5, -0.5]);
 * const y = new Float64Array(2);
 * dgemvRows(2, 3, W, 0, x, 0, b, 0, y, 0); // y = [-1.5, -2.5]
 */
export function dgemvRows(
  M: number,
  N: number,
  A: Float64Array,
  offsetA: number,
  x: Float64Array,
  offsetX: number,
  bias: Float64Array | null,
  offsetBias: number,
  y: Float64Array,
  offsetY: number,
): Float64Array {
  for (let i = 0; i < M; i++) {
    const a = offsetA + i * N;
    let s = bias === null ? 0 : bias[offsetBias + i];
    for (let j = 0; j < N; j++) s += A[a + j] * x[offsetX + j];
    y[offsetY + i] = s;
  }
  return y;
}
