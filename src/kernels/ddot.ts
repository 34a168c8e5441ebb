/**
 * Returns the dot product Σ_k x[offsetX + k·strideX] · y[offsetY + k·strideY] for k < N.
 *
 * Strides may be negative (then the offset addresses the first element visited, as in stdlib's
 * `ndarray` variants). Returns 0 when N ≤ 0.
 *
 * @param N - number of indexed elements
 * @param x - first input array
 * @param strideX - index increment for x
 * @param offsetX - starting index for x
 * @param y - second input array
 * @param strideY - index increment for y
 * @param offsetY - starting index for y
 * @returns the dot product
 *
 * @example
 * const x = new Float64Array([1, 2, 3, 4]);
 * const y = new Float64Array([5, 6, 7, 8]);
 * ddot(4, x, 1, 0, y, 1, 0); // 70
 * ddot(2, x, 2, 1, y, -1, 3); // 2·8 + 4·7 = 44
 */
export function ddot(
  N: number,
  x: Float64Array,
  strideX: number,
  offsetX: number,
  y: Float64Array,
  strideY: number,
  offsetY: number,
): number {
  let sum = 0;
  if (strideX === 1 && strideY === 1) {
    // The unit-stride case is the one hot loops hit; plain index arithmetic lets V8 keep it tight.
    for (let k = 0; k < N; k++) sum += x[offsetX + k] * y[offsetY + k];
    return sum;
  }
  let ix = offsetX;
  let iy = offsetY;
  for (let k = 0; k < N; k++) {
    sum += x[ix] * y[iy];
    ix += strideX;
    iy += strideY;
  }
  return sum;
}
