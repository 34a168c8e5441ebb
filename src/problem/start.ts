/**
 * options.x0: where the walkers start. Validated against θ's length, the walker count and the
 * problem's bounds once the problem is prepared (the options alone do not know θ's length).
 */
import { invalid } from '../errors.js';
import type { StepperBounds } from '../optimizers/bounds.js';

/** One point for every walker, or one point per walker. */
export type StartSpec = ArrayLike<number> | readonly ArrayLike<number>[];

/**
 * The start of each walker (index i), or null when x0 is not given. INVALID_INPUT names the field:
 * `options.x0[1][0]: expected a point inside problem.bounds[0] = [-5, 10], got 11`.
 *
 * @example
 * resolveStart([0.5, 0.5], 2, 4, null)!.length; // 4: every walker starts at (0.5, 0.5)
 * resolveStart([[0, 0], [1, 1]], 2, 2, null)![1]; // Float64Array [1, 1]
 */
export function resolveStart(x0: unknown, dimension: number, walkers: number, bounds: StepperBounds | null): Float64Array[] | null {
  if (x0 === undefined) return null;
  const expected = `a point (${dimension} finite numbers) or one point per walker (${walkers} of them)`;
  if (!isArrayLike(x0) || x0.length === 0) invalid('options.x0', x0, expected);
  const first = (x0 as ArrayLike<unknown>)[0];
  if (typeof first === 'number') {
    const point = checkPoint(x0, 'options.x0', dimension, bounds);
    return Array.from({ length: walkers }, () => point);
  }
  if (!Array.isArray(x0)) invalid('options.x0', x0, expected);
  if (x0.length !== walkers) invalid('options.x0', x0, `one point per walker: ${walkers} points (options.walkers), or a single point for all`);
  return x0.map((p, i) => checkPoint(p, `options.x0[${i}]`, dimension, bounds));
}

function checkPoint(value: unknown, field: string, dimension: number, bounds: StepperBounds | null): Float64Array {
  if (!isArrayLike(value) || value.length !== dimension) invalid(field, value, `${dimension} numbers (θ's length)`);
  const point = new Float64Array(dimension);
  for (let j = 0; j < dimension; j++) {
    const v = (value as ArrayLike<unknown>)[j];
    if (typeof v !== 'number' || !Number.isFinite(v)) invalid(`${field}[${j}]`, v, 'a finite number');
    if (bounds !== null && !(v >= bounds.lower[j] && v <= bounds.upper[j])) {
      invalid(`${field}[${j}]`, v, `a point inside problem.bounds: [${bounds.lower[j]}, ${bounds.upper[j]}] for coordinate ${j}`);
    }
    point[j] = v;
  }
  return point;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}
