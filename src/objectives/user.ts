/**
 * The one adapter between what a user hands over as an objective (a function, an object with
 * evaluate(), or what a module's factory returns) and the ObjectiveFunction the walkers evaluate.
 * Every user objective, in-process or loaded in a worker, goes through `userObjective()`, so
 * whatever a user objective is promised (the bounds on its starting points, the gradient by
 * differences) is decided here. The length of the θ it sees is not: every objective, built-in or
 * not, gets views of θ alone from modules/theta-alone.ts.
 */
import { describeValue, NoBadMinimaError } from '../errors.js';
import type { StepperBounds } from '../optimizers/bounds.js';
import { projectInto } from '../optimizers/bounds.js';
import type { ObjectiveFunction, Rng } from '../types.js';
import { CentralDifferences } from './differences.js';

/** An objective as a function: returns L(θ) and writes ∇L(θ) into gradOut (or, with `gradient: false`, takes θ alone). */
export type ObjectiveFn = (theta: Float64Array, gradOut: Float64Array) => number;

/** An objective as an object: `dimension` (or the problem's), evaluate, and an optional init. */
export interface UserObjective {
  readonly dimension?: number;
  /** Returns L(θ) and writes ∇L(θ) into gradOut; with the problem's `gradient: false`, takes θ alone. */
  evaluate(theta: Float64Array, gradOut: Float64Array): number;
  /** Writes a starting point into out. @default see {@link defaultInit} */
  init?(rng: Rng, out: Float64Array): void;
}

export interface UserObjectiveSettings {
  /** The problem's `dimension`, where it gives one. */
  dimension?: number;
  /** false: the user's evaluate takes θ alone and the gradient comes from central differences. */
  gradient: boolean;
  /** θ's box, or null. */
  bounds: StepperBounds | null;
  /** Where the objective sits in the user's input, for error messages. */
  field: string;
  /** How fault messages name the objective. @default `${field} (function objective)` or `${field} (object objective)` */
  source?: string;
}

/** The adapted objective, with what one value-and-gradient evaluation costs in calls of the user's code. */
export interface AdaptedObjective extends ObjectiveFunction {
  readonly callsPerEvaluation: number;
  /** How fault messages name it: 'problem.objective (export "f" of /abs/f.mjs)', 'problem.objective (function objective)', … */
  readonly source: string;
}

/**
 * Adapts a user objective. `dimension` comes from the object or from the problem (both: they must
 * agree). The starting point is the user's init clipped into the bounds, or {@link defaultInit}.
 * With `gradient: false`, ∇L comes from {@link CentralDifferences} (1 + 2·dimension calls each).
 * Throws INVALID_INPUT naming the field.
 *
 * @example
 * const f = userObjective((x, g) => { g[0] = 2 * x[0]; return x[0] ** 2; }, { dimension: 1, gradient: true, bounds: null, field: 'problem.objective' });
 * f.dimension; // 1
 */
export function userObjective(source: ObjectiveFn | UserObjective, settings: UserObjectiveSettings): AdaptedObjective {
  const { field, bounds } = settings;
  const isFunction = typeof source === 'function';
  const own = isFunction ? undefined : source.dimension;
  const given = settings.dimension;
  if (given !== undefined && !isDimension(given)) fail('problem.dimension', given, 'an integer ≥ 1');
  if (own !== undefined && !isDimension(own)) fail(`${field}.dimension`, own, 'an integer ≥ 1');
  if (own !== undefined && given !== undefined && own !== given) fail('problem.dimension', given, `${own}, the objective's own dimension (or leave it out)`);
  const dimension = own ?? given;
  if (dimension === undefined) {
    fail('problem.dimension', given, isFunction ? 'an integer ≥ 1: a function objective needs the problem to say its dimension ({ objective: f, dimension: 10 })' : `an integer ≥ 1, here or as ${field}.dimension`);
  }
  if (!isFunction && typeof source.evaluate !== 'function') fail(`${field}.evaluate`, source.evaluate, 'a function (theta, gradOut) => number');
  if (!isFunction && source.init !== undefined && typeof source.init !== 'function') fail(`${field}.init`, source.init, 'a function (rng, out) => void, or nothing for the default init');

  // Called as it is: the views of θ alone are made once, around every objective, where the
  // resolved problem is built (modules/theta-alone.ts), not here as well.
  let evaluate: (theta: Float64Array, gradOut: Float64Array) => number = isFunction ? source : (theta, gradOut) => source.evaluate(theta, gradOut);
  let callsPerEvaluation = 1;
  if (!settings.gradient) {
    // Called with θ alone (and as a method, so that an object's evaluate keeps its `this`).
    const value = isFunction ? (theta: Float64Array) => (source as (t: Float64Array) => number)(theta) : (theta: Float64Array) => (source as { evaluate(t: Float64Array): number }).evaluate(theta);
    const differences = new CentralDifferences(dimension, value, bounds);
    evaluate = (theta, gradOut) => differences.evaluate(theta, gradOut);
    callsPerEvaluation = differences.callsPerEvaluation;
  }

  const userInit = isFunction ? undefined : source.init;
  const init =
    userInit === undefined
      ? (rng: Rng, out: Float64Array) => defaultInit(rng, out, dimension, bounds)
      : (rng: Rng, out: Float64Array) => {
          userInit.call(source, rng, out);
          if (bounds !== null) projectInto(out.subarray(0, dimension), bounds.lower, bounds.upper);
        };
  return { dimension, init, evaluate, callsPerEvaluation, source: settings.source ?? `${field} (${isFunction ? 'function' : 'object'} objective)` };
}

/**
 * The starting point of an objective without an init, one uniform draw per coordinate: U[low, high]
 * where both bounds are finite, U[−1, 1] where neither is, low + U[0, 2] or high − U[0, 2] where
 * only one is (so that a one-sided box such as [0, ∞) is not started on its wall half the time).
 *
 * @example
 * const out = new Float64Array(2);
 * defaultInit(Math.random, out, 2, null); // each entry in [−1, 1)
 */
export function defaultInit(rng: Rng, out: Float64Array, dimension: number, bounds: StepperBounds | null): void {
  for (let i = 0; i < dimension; i++) {
    const u = rng();
    const low = bounds === null ? -Infinity : bounds.lower[i];
    const high = bounds === null ? Infinity : bounds.upper[i];
    const lowFinite = Number.isFinite(low);
    const highFinite = Number.isFinite(high);
    if (lowFinite && highFinite) out[i] = Math.min(high, low + u * (high - low));
    else if (lowFinite) out[i] = low + 2 * u;
    else if (highFinite) out[i] = high - 2 * u;
    else out[i] = 2 * u - 1;
  }
}

function isDimension(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

function fail(field: string, value: unknown, expected: string): never {
  throw new NoBadMinimaError('INVALID_INPUT', `${field}: expected ${expected}, got ${describeValue(value)}`, field, { value });
}
