/** Objective-specific checks: analytic gradients and central differences of an ObjectiveFunction. */
import type { ObjectiveFunction } from '../../src/types.js';
import { numericGradientFixedStep } from '../helpers/gradient-check.js';

/** Central differences of f at theta, one coordinate at a time (f evaluated with a scratch gradient buffer). */
export function centralDifference(f: ObjectiveFunction, theta: Float64Array, h: number): Float64Array {
  const scratch = new Float64Array(f.dimension);
  return numericGradientFixedStep((point) => f.evaluate(point, scratch), theta, h);
}

/** The analytic gradient, computed into a buffer pre-filled with NaN to prove it is overwritten. */
export function analyticGradient(f: ObjectiveFunction, theta: Float64Array): { value: number; grad: Float64Array } {
  const grad = new Float64Array(f.dimension).fill(Number.NaN);
  const value = f.evaluate(theta, grad);
  return { value, grad };
}
