/**
 * O(1) size checks at the entry of forward/backward: a short typed array would otherwise read as
 * undefined and turn silently into NaN deep inside a hot loop.
 */
import { invalid } from '../errors.js';

/** The sizes a batch call needs. */
export interface Sizes {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly parameterCount: number;
}

/**
 * Throws INVALID_INPUT unless m is a non-negative integer and θ, x and the per-sample output
 * buffer (out or dOut) are long enough for m samples.
 *
 * @example
 * checkBatch(model, theta, x, 4, out, 'out');
 * // throws e.g.: x: expected at least m·inputSize = 8 values, got a Float64Array of length 6
 */
export function checkBatch(
  sizes: Sizes,
  theta: Float64Array,
  x: Float64Array,
  m: number,
  perSample: Float64Array,
  perSampleName: string,
): void {
  if (!Number.isSafeInteger(m) || m < 0) invalid('m', m, 'a non-negative integer');
  checkTheta(sizes, theta);
  if (x.length < m * sizes.inputSize) invalid('x', x, `at least m·inputSize = ${m * sizes.inputSize} values`);
  if (perSample.length < m * sizes.outputSize) {
    invalid(perSampleName, perSample, `at least m·outputSize = ${m * sizes.outputSize} values`);
  }
}

/**
 * Throws INVALID_INPUT unless θ (or a gradient buffer, then named `name`) holds at least
 * parameterCount values.
 *
 * @example
 * checkTheta({ inputSize: 2, outputSize: 1, parameterCount: 9 }, new Float64Array(3));
 * // throws: theta: expected at least parameterCount = 9 values, got a Float64Array of length 3
 */
export function checkTheta(sizes: Sizes, theta: Float64Array, name = 'theta'): void {
  if (theta.length < sizes.parameterCount) invalid(name, theta, `at least parameterCount = ${sizes.parameterCount} values`);
}
