/**
 * The problem's `bounds`: one `[low, high]` pair for every coordinate of θ, or one pair per
 * coordinate. Validated once, in the main thread, into the Float64Arrays the steppers, the hops and
 * the initial draws clip against.
 */
import { invalid } from '../errors.js';
import type { StepperBounds } from '../optimizers/bounds.js';

/** `[low, high]` for all of θ, or `[[low, high], …]` with one pair per coordinate; ±Infinity allowed. */
export type BoundsSpec = readonly [number, number] | readonly (readonly [number, number])[];

const EXPECTED = '[low, high] for every coordinate, or [[low, high], …] with one pair per coordinate (±Infinity allowed)';

/**
 * Checks `spec` against θ's length and returns the box, or null when there is none. INVALID_INPUT
 * names the field: `problem.bounds[2]: expected low ≤ high, got [3,1]`.
 *
 * @example
 * resolveBounds([[-5, 10], [0, 15]], 2)!.upper; // Float64Array [10, 15]
 * resolveBounds([0, Infinity], 3)!.lower; // Float64Array [0, 0, 0]
 * resolveBounds(undefined, 3); // null
 */
export function resolveBounds(spec: unknown, dimension: number, field = 'problem.bounds'): StepperBounds | null {
  if (spec === undefined) return null;
  if (!Array.isArray(spec) || spec.length === 0) invalid(field, spec, EXPECTED);
  const lower = new Float64Array(dimension);
  const upper = new Float64Array(dimension);
  if (typeof spec[0] === 'number' || spec.length === 2 && !Array.isArray(spec[0])) {
    const [low, high] = pair(spec, field);
    lower.fill(low);
    upper.fill(high);
    return { lower, upper };
  }
  if (spec.length !== dimension) invalid(field, spec, `${dimension} pairs [low, high] (one per coordinate of θ), or a single pair for all`);
  for (let i = 0; i < dimension; i++) {
    const [low, high] = pair(spec[i], `${field}[${i}]`);
    lower[i] = low;
    upper[i] = high;
  }
  return { lower, upper };
}

function pair(value: unknown, field: string): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) invalid(field, value, 'a pair [low, high]');
  const [low, high] = value as unknown[];
  if (typeof low !== 'number' || Number.isNaN(low) || low === Infinity) invalid(`${field}[0]`, low, 'a number < Infinity (−Infinity for no lower bound)');
  if (typeof high !== 'number' || Number.isNaN(high) || high === -Infinity) invalid(`${field}[1]`, high, 'a number > −Infinity (Infinity for no upper bound)');
  if (!(low <= high)) invalid(field, value, 'low ≤ high');
  return [low, high];
}
