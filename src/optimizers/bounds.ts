import { invalid } from '../errors.js';

/**
 * Box constraints lower ≤ z ≤ upper for the local steppers: the projection onto the box and the
 * projected gradient, as L-BFGS-B and projected gradient descent use them. Allocation-free kernels
 * on Float64Arrays, since they run once per step.
 */

/**
 * Per-coordinate bounds of a stepper's z: ±Infinity where a coordinate is free (the auxiliary
 * parameters always are). A stepper built with bounds keeps z inside them after every step.
 */
export interface StepperBounds {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/**
 * z ← clip(z, lower, upper) in place, coordinate by coordinate. Returns whether anything moved.
 * A NaN stays NaN (the objective's finiteness check reports it), rather than being clipped to a
 * bound that would hide the fault.
 *
 * @example
 * const z = Float64Array.of(-2, 0.5, 9);
 * projectInto(z, Float64Array.of(-1, -1, -1), Float64Array.of(1, 1, 1)); // true; z = [-1, 0.5, 1]
 */
export function projectInto(z: Float64Array, lower: Float64Array, upper: Float64Array): boolean {
  let moved = false;
  for (let i = 0; i < z.length; i++) {
    const v = z[i];
    if (v < lower[i]) {
      z[i] = lower[i];
      moved = true;
    } else if (v > upper[i]) {
      z[i] = upper[i];
      moved = true;
    }
  }
  return moved;
}

/**
 * The projected gradient in place: at an active bound, the component of g that points out of the
 * box is set to 0 (z_i at lower_i with g_i > 0, so that −g would leave through the floor; z_i at
 * upper_i with g_i < 0). What remains is 0 exactly at a KKT point of the bounded problem, which
 * is what a stationarity test and momentum should see. Returns ‖projected g‖².
 *
 * @example
 * const g = Float64Array.of(2, -3, 1);
 * projectedGradient(Float64Array.of(0, 0.5, 1), g, Float64Array.of(0, 0, 0), Float64Array.of(1, 1, 1));
 * // g = [0, -3, 1]: the first coordinate sits on its floor and would descend through it; returns 10
 */
export function projectedGradient(z: Float64Array, g: Float64Array, lower: Float64Array, upper: Float64Array): number {
  let sq = 0;
  for (let i = 0; i < g.length; i++) {
    const gi = g[i];
    if ((gi > 0 && z[i] <= lower[i]) || (gi < 0 && z[i] >= upper[i])) g[i] = 0;
    else sq += gi * gi;
  }
  return sq;
}

/**
 * Whether every coordinate of z lies in its bounds (NaN does not).
 *
 * @example
 * insideBounds(Float64Array.of(0.5), Float64Array.of(0), Float64Array.of(1)); // true
 */
export function insideBounds(z: Float64Array, lower: Float64Array, upper: Float64Array): boolean {
  for (let i = 0; i < z.length; i++) if (!(z[i] >= lower[i] && z[i] <= upper[i])) return false;
  return true;
}

/**
 * Bounds of length `dimension` whose first `lower.length` entries are the given ones and whose
 * rest is free: θ's box extended over the auxiliary parameters of z = [θ, auxiliary].
 *
 * @example
 * extendBounds({ lower: Float64Array.of(0), upper: Float64Array.of(1) }, 3).upper; // [1, Infinity, Infinity]
 */
export function extendBounds(bounds: StepperBounds, dimension: number): StepperBounds {
  const lower = new Float64Array(dimension).fill(-Infinity);
  const upper = new Float64Array(dimension).fill(Infinity);
  lower.set(bounds.lower.subarray(0, dimension));
  upper.set(bounds.upper.subarray(0, dimension));
  return { lower, upper };
}

/** Whether two bounds hold the same numbers (the same box), not just the same objects. */
export function sameBounds(a: StepperBounds | null, b: StepperBounds | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.lower.length !== b.lower.length) return false;
  for (let i = 0; i < a.lower.length; i++) if (a.lower[i] !== b.lower[i] || a.upper[i] !== b.upper[i]) return false;
  return true;
}

/** Throws unless the bounds fit a stepper of this dimension; used by the bounded steppers' constructors. */
export function checkStepperBounds(bounds: StepperBounds | null | undefined, dimension: number): StepperBounds | null {
  if (bounds === undefined || bounds === null) return null;
  if (!(bounds.lower instanceof Float64Array) || !(bounds.upper instanceof Float64Array) || bounds.lower.length !== dimension || bounds.upper.length !== dimension) {
    invalid('bounds', bounds, `{ lower, upper }: Float64Arrays of length ${dimension} (the stepper's dimension)`);
  }
  for (let i = 0; i < dimension; i++) {
    if (!(bounds.lower[i] <= bounds.upper[i])) invalid(`bounds[${i}]`, [bounds.lower[i], bounds.upper[i]], 'lower ≤ upper');
  }
  return bounds;
}
