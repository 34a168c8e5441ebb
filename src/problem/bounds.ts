/**
 * The problem's `bounds`: one `[low, high]` pair for every coordinate of θ, or one pair per
 * coordinate. Validated once, in the main thread, into the Float64Arrays the steppers, the hops and
 * the initial draws clip against.
 */
import type { StepperBounds } from '../optimizers/bounds.js';
import { loop, parseOrThrow, refuse, type Refusal } from '../validation.js';

/** `[low, high]` for all of θ, or `[[low, high], …]` with one pair per coordinate; ±Infinity allowed. */
export type BoundsSpec = readonly [number, number] | readonly (readonly [number, number])[];

const EXPECTED = '[low, high] for every coordinate, or [[low, high], …] with one pair per coordinate (±Infinity allowed)';

/**
 * The box for θ of this length, as a schema: a loop over the pairs (θ may be long), each refusal
 * naming the entry, `[2]: expected low ≤ high, got [3,1]`.
 */
export function boundsSchema(dimension: number) {
  return loop((spec: unknown): StepperBounds | Refusal => {
    if (!Array.isArray(spec) || spec.length === 0) return refuse([], spec, EXPECTED);
    const lower = new Float64Array(dimension);
    const upper = new Float64Array(dimension);
    if (typeof spec[0] === 'number' || (spec.length === 2 && !Array.isArray(spec[0]))) {
      const refusal = pairRefusal(spec, []);
      if (refusal !== undefined) return refusal;
      lower.fill(spec[0] as number);
      upper.fill(spec[1] as number);
      return { lower, upper };
    }
    if (spec.length !== dimension) return refuse([], spec, `${dimension} pairs [low, high] (one per coordinate of θ), or a single pair for all`);
    for (let i = 0; i < dimension; i++) {
      const refusal = pairRefusal(spec[i], [i]);
      if (refusal !== undefined) return refusal;
      lower[i] = (spec[i] as number[])[0];
      upper[i] = (spec[i] as number[])[1];
    }
    return { lower, upper };
  });
}

function pairRefusal(value: unknown, at: number[]): Refusal | undefined {
  if (!Array.isArray(value) || value.length !== 2) return refuse(at, value, 'a pair [low, high]');
  const [low, high] = value as unknown[];
  if (typeof low !== 'number' || Number.isNaN(low) || low === Infinity) return refuse([...at, 0], low, 'a number < Infinity (−Infinity for no lower bound)');
  if (typeof high !== 'number' || Number.isNaN(high) || high === -Infinity) return refuse([...at, 1], high, 'a number > −Infinity (Infinity for no upper bound)');
  if (!(low <= high)) return refuse(at, value, 'low ≤ high');
  return undefined;
}

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
  return spec === undefined ? null : parseOrThrow(boundsSchema(dimension), spec, field);
}
