/**
 * x ← alpha·x over N strided elements, in place.
 *
 * @param N - number of indexed elements
 * @param alpha - scalar multiplier
 * @param x - array scaled in place
 * @param strideX - index increment
 * @param offsetX - starting index
 * @returns x
 *
 * @example
 * const x = new Float64Array([1, 2, 3, 4]);
 * dscal(2, 10, x, 2, 1); // x = [1, 20, 3, 40]
 */
export function dscal(N: number, alpha: number, x: Float64Array, strideX: number, offsetX: number): Float64Array {
  let ix = offsetX;
  for (let k = 0; k < N; k++) {
    x[ix] *= alpha;
    ix += strideX;
  }
  return x;
}
