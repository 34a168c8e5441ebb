/**
 * The argument check every `step` makes: a wrong length would otherwise read past the buffers
 * silently (typed arrays return undefined, which becomes NaN).
 */
import { invalid } from '../errors.js';
import type { Differentiable } from '../types.js';

/**
 * Throws INVALID_INPUT unless f and z both have the stepper's dimension.
 *
 * @example
 * checkStepArguments(3, f, new Float64Array(3));
 */
export function checkStepArguments(dimension: number, f: Differentiable, z: Float64Array): void {
  if (z.length !== dimension) invalid('z', z, `a Float64Array of length ${dimension} (the stepper's dimension)`);
  if (f.dimension !== dimension) invalid('f.dimension', f.dimension, `${dimension} (the stepper's dimension)`);
}

/**
 * Throws INVALID_INPUT unless `dimension` is an integer ≥ 1.
 *
 * @example
 * checkDimension(0); // throws: dimension: expected an integer >= 1, got 0
 */
export function checkDimension(dimension: number, field = 'dimension'): void {
  if (!Number.isInteger(dimension) || dimension < 1) invalid(field, dimension, 'an integer >= 1');
}
