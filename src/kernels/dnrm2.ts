/**
 * Returns the Euclidean norm ‖x‖₂ of N strided elements.
 *
 * Uses the scaled sum of squares of reference BLAS, so that neither overflow (entries near 1e200)
 * nor underflow (entries near 1e-200) spoils the result. Returns NaN if any entry is NaN, else
 * Infinity if any entry is infinite.
 *
 * @param N - number of indexed elements
 * @param x - input array
 * @param strideX - index increment
 * @param offsetX - starting index
 * @returns ‖x‖₂
 *
 * @example
 * const x = new Float64Array([0, 3, 0, 4]);
 * dnrm2(2, x, 2, 1); // 5
 */
export function dnrm2(N: number, x: Float64Array, strideX: number, offsetX: number): number {
  let scale = 0;
  let ssq = 1;
  let infinite = false;
  let ix = offsetX;
  for (let k = 0; k < N; k++) {
    const v = x[ix];
    ix += strideX;
    if (v !== 0) {
      const a = Math.abs(v);
      if (a !== a) return NaN;
      // Infinity/Infinity would turn the scaled sum into NaN; keep scanning only to catch a NaN.
      if (a === Infinity) {
        infinite = true;
        continue;
      }
      if (scale < a) {
        const r = scale / a;
        ssq = 1 + ssq * r * r;
        scale = a;
      } else {
        const r = a / scale;
        ssq += r * r;
      }
    }
  }
  return infinite ? Infinity : scale * Math.sqrt(ssq);
}
