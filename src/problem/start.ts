/**
 * options.x0: where the walkers start. Validated against θ's length, the walker count and the
 * problem's bounds once the problem is prepared (the options alone do not know θ's length).
 */
import type { StepperBounds } from '../optimizers/bounds.js';
import { loop, parseOrThrow, refuse, type Refusal } from '../validation.js';

/** One point for every walker, or one point per walker. */
export type StartSpec = ArrayLike<number> | readonly ArrayLike<number>[];

/**
 * x0 for θ of this length, this many walkers and these bounds, as a schema: a loop over the
 * coordinates (θ may be long) giving each walker's start (a single point is shared by all).
 */
export function startSchema(dimension: number, walkers: number, bounds: StepperBounds | null) {
  return loop((x0: unknown): Float64Array[] | Refusal => {
    const expected = `a point (${dimension} finite numbers) or one point per walker (${walkers} of them)`;
    if (!isArrayLike(x0) || x0.length === 0) return refuse([], x0, expected);
    if (typeof x0[0] === 'number') {
      const point = readPoint(x0, [], dimension, bounds);
      return point instanceof Float64Array ? Array.from({ length: walkers }, () => point) : point;
    }
    if (!Array.isArray(x0)) return refuse([], x0, expected);
    if (x0.length !== walkers) return refuse([], x0, `one point per walker: ${walkers} points (options.walkers), or a single point for all`);
    const points: Float64Array[] = [];
    for (let i = 0; i < walkers; i++) {
      const point = readPoint(x0[i], [i], dimension, bounds);
      if (!(point instanceof Float64Array)) return point;
      points.push(point);
    }
    return points;
  });
}

function readPoint(value: unknown, at: number[], dimension: number, bounds: StepperBounds | null): Float64Array | Refusal {
  if (!isArrayLike(value) || value.length !== dimension) return refuse(at, value, `${dimension} numbers (θ's length)`);
  const point = new Float64Array(dimension);
  for (let j = 0; j < dimension; j++) {
    const v = value[j];
    if (typeof v !== 'number' || !Number.isFinite(v)) return refuse([...at, j], v, 'a finite number');
    if (bounds !== null && !(v >= bounds.lower[j] && v <= bounds.upper[j])) {
      return refuse([...at, j], v, `a point inside problem.bounds: [${bounds.lower[j]}, ${bounds.upper[j]}] for coordinate ${j}`);
    }
    point[j] = v;
  }
  return point;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * The start of each walker (index i), or null when x0 is not given. INVALID_INPUT names the field:
 * `options.x0[1][0]: expected a point inside problem.bounds[0] = [-5, 10], got 11`.
 *
 * @example
 * resolveStart([0.5, 0.5], 2, 4, null)!.length; // 4: every walker starts at (0.5, 0.5)
 * resolveStart([[0, 0], [1, 1]], 2, 2, null)![1]; // Float64Array [1, 1]
 */
export function resolveStart(x0: unknown, dimension: number, walkers: number, bounds: StepperBounds | null): Float64Array[] | null {
  return x0 === undefined ? null : parseOrThrow(startSchema(dimension, walkers, bounds), x0, 'options.x0');
}
