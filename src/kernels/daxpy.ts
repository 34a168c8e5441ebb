/**
 * y ← alpha·x + y over N strided elements, in place.
 *
 * Does nothing when N ≤ 0 or alpha is 0 (as in reference BLAS).
 *
 * @param N - number of indexed elements
 * @param alpha - scalar multiplier for x
 * @param x - input array
 * @param strideX - index increment for x
 * @param offsetX - starting index for x
 * @param y - array updated in place
 * @param strideY - index increment for y
 * @param offsetY - starting index for y
 * @returns y
 *
 * @example
 * const x = new Float64Array([1, 2, 3]);
 * const y = new Float64Array([10, 20, 30, 40]);
 * daxpy(2, 2, x, 2, 0, y, 1, 2); // y = [10, 20, 32, 46]
 */
export function daxpy(
  N: number,
  alpha: number,
  x: Float64Array,
  strideX: number,
  offsetX: number,
  y: Float64Array,
  strideY: number,
  offsetY: number,
): Float64Array {
  if (N <= 0 || alpha === 0) return y;
  if (strideX === 1 && strideY === 1) {
    for (let k = 0; k < N; k++) y[offsetY + k] += alpha * x[offsetX + k];
    return y;
  }
  let ix = offsetX;
  let iy = offsetY;
  for (let k = 0; k < N; k++) {
    y[iy] += alpha * x[ix];
    ix += strideX;
    iy += strideY;
  }
  return y;
}
