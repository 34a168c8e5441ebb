/**
 * y ← x over N strided elements.
 *
 * @param N - number of indexed elements
 * @param x - source array
 * @param strideX - index increment for x
 * @param offsetX - starting index for x
 * @param y - destination array
 * @param strideY - index increment for y
 * @param offsetY - starting index for y
 * @returns y
 *
 * @example
 * const x = new Float64Array([1, 2, 3, 4]);
 * const y = new Float64Array(3);
 * dcopy(2, x, 2, 0, y, -1, 2); // y = [0, 3, 1]
 */
export function dcopy(
  N: number,
  x: Float64Array,
  strideX: number,
  offsetX: number,
  y: Float64Array,
  strideY: number,
  offsetY: number,
): Float64Array {
  let ix = offsetX;
  let iy = offsetY;
  for (let k = 0; k < N; k++) {
    y[iy] = x[ix];
    ix += strideX;
    iy += strideY;
  }
  return y;
}
