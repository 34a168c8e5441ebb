/**
 * C ← A·Bᵀ (+ bias on every row), for contiguous row-major matrices: A is M×K, B is N×K and C is
 * M×N, so C[i, j] = bias[j] + Σ_k A[i, k]·B[j, k].
 *
 * Both operands are read along their rows, so every inner loop is a dot product over contiguous
 * memory. A layer's forward pass X·Wᵀ + b has exactly this shape when W is stored out×in, and so
 * do the weight gradient Dᵀ·X and the back-propagated delta D·W once their operands are
 * transposed (see {@link dtranspose}).
 *
 * The loop is blocked 2 rows × 4 columns so that eight accumulators stay in registers and every
 * load feeds two or four multiply-adds; that runs about three times faster than one dot product per
 * entry. C must not overlap A, B or bias.
 *
 * @param M - rows of A and C
 * @param N - rows of B, columns of C
 * @param K - columns of A and B (the summed dimension)
 * @param A - M×K, row-major, starting at offsetA
 * @param offsetA - index of A[0, 0]
 * @param B - N×K, row-major, starting at offsetB
 * @param offsetB - index of B[0, 0]
 * @param bias - length-N vector added to every row of C, or null for none
 * @param offsetBias - index of bias[0] (ignored when bias is null)
 * @param C - M×N output, row-major, starting at offsetC; overwritten
 * @param offsetC - index of C[0, 0]
 * @returns C
 *
 * @example
 * // X (2 samples × 3 inputs) times Wᵀ (W is 2 outputs × 3 inputs) plus b.
 * const X = new Float64Array([1, 2, 3, 4, 5, 6]);
 * const W = new Float64Array([1, 0, -1, 0.5, 0.5, 0.5]);
 * const b = new Float64Array([10, 20]);
 * const Z = new Float64Array(4);
 * dgemmNT(2, 2, 3, X, 0, W, 0, b, 0, Z, 0); // Z = [8, 23, 8, 27.5]
 */
export function dgemmNT(
  M: number,
  N: number,
  K: number,
  A: Float64Array,
  offsetA: number,
  B: Float64Array,
  offsetB: number,
  bias: Float64Array | null,
  offsetBias: number,
  C: Float64Array,
  offsetC: number,
): Float64Array {
  let i = 0;
  for (; i + 1 < M; i += 2) {
    const a0 = offsetA + i * K;
    const a1 = a0 + K;
    const c0 = offsetC + i * N;
    const c1 = c0 + N;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      const b0 = offsetB + j * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = A[a0 + k];
        const x1 = A[a1 + k];
        const y0 = B[b0 + k];
        const y1 = B[b1 + k];
        const y2 = B[b2 + k];
        const y3 = B[b3 + k];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      }
      if (bias !== null) {
        const q = offsetBias + j;
        const d0 = bias[q], d1 = bias[q + 1], d2 = bias[q + 2], d3 = bias[q + 3];
        s00 += d0; s01 += d1; s02 += d2; s03 += d3;
        s10 += d0; s11 += d1; s12 += d2; s13 += d3;
      }
      C[c0 + j] = s00; C[c0 + j + 1] = s01; C[c0 + j + 2] = s02; C[c0 + j + 3] = s03;
      C[c1 + j] = s10; C[c1 + j + 1] = s11; C[c1 + j + 2] = s12; C[c1 + j + 3] = s13;
    }
    for (; j < N; j++) {
      const b0 = offsetB + j * K;
      let s0 = 0, s1 = 0;
      for (let k = 0; k < K; k++) {
        const y = B[b0 + k];
        s0 += A[a0 + k] * y;
        s1 += A[a1 + k] * y;
      }
      if (bias !== null) {
        const d = bias[offsetBias + j];
        s0 += d;
        s1 += d;
      }
      C[c0 + j] = s0;
      C[c1 + j] = s1;
    }
  }
  if (i < M) {
    // The odd last row: still block the columns, because a one-row product (M = 1) is common, e.g.
    // the weight gradient of a single-output layer.
    const a0 = offsetA + i * K;
    const c0 = offsetC + i * N;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      const b0 = offsetB + j * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < K; k++) {
        const x = A[a0 + k];
        s0 += x * B[b0 + k]; s1 += x * B[b1 + k]; s2 += x * B[b2 + k]; s3 += x * B[b3 + k];
      }
      if (bias !== null) {
        const q = offsetBias + j;
        s0 += bias[q]; s1 += bias[q + 1]; s2 += bias[q + 2]; s3 += bias[q + 3];
      }
      C[c0 + j] = s0; C[c0 + j + 1] = s1; C[c0 + j + 2] = s2; C[c0 + j + 3] = s3;
    }
    for (; j < N; j++) {
      const b0 = offsetB + j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[a0 + k] * B[b0 + k];
      C[c0 + j] = bias === null ? s : s + bias[offsetBias + j];
    }
  }
  return C;
}
