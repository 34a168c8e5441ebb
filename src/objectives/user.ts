/**
 * A user's objective as the package calls it. The augmented objectives hand every objective the
 * whole z = [θ, a, b] and its gradient; a user's `evaluate(theta, gradOut)` must see θ alone, of
 * its own `dimension`, or an objective written over `theta.length` (Rastrigin for any n) silently
 * optimizes a different function. Whatever form the user gave (a module's factory today), this is
 * the one place that wraps it.
 */
import { invalid } from '../errors.js';
import { ExactView } from '../modules/exact-view.js';
import { userFault } from '../modules/user-fault.js';
import type { ObjectiveFunction, Rng } from '../types.js';

/** What a user supplies: an objective of `dimension` variables; `init` draws a starting point. */
export interface UserObjective {
  readonly dimension: number;
  evaluate(theta: Float64Array, gradOut: Float64Array): number;
  init?(rng: Rng, out: Float64Array): void;
}

/**
 * The package's objective for `user`: `evaluate(z, grad)` and `init(rng, z)` accept vectors of at
 * least `dimension` entries and pass the user `subarray` views of exactly `dimension` (made once
 * per buffer, so the hot path neither copies nor allocates). What the user's code throws comes back
 * as a USER_CODE_FAULT naming `source` (e.g. `problem.objective (export "create" of /abs/f.mjs)`),
 * the method and the thrown message. `user.dimension` must already be validated; without `init`,
 * `init` throws INVALID_INPUT naming `field`.
 *
 * @example
 * const f = adaptObjective({ dimension: 2, evaluate: (t, g) => { g.fill(0); return t.length; } }, 'my objective');
 * f.evaluate(new Float64Array(4), new Float64Array(4)); // 2: the user saw θ of length 2
 */
export function adaptObjective(user: UserObjective, source: string, field = 'problem.objective'): ObjectiveFunction {
  const dimension = user.dimension;
  const theta = new ExactView(dimension, 'theta');
  const grad = new ExactView(dimension, 'gradOut');
  const start = new ExactView(dimension, 'out');
  return {
    dimension,
    init(rng: Rng, out: Float64Array): void {
      if (typeof user.init !== 'function') invalid(`${field}.init`, user.init, 'a function init(rng, out) that draws a starting point');
      const view = start.of(out);
      try {
        user.init(rng, view);
      } catch (error) {
        throw userFault(source, 'init(rng, out)', error, field);
      }
    },
    evaluate(z: Float64Array, gradOut: Float64Array): number {
      const t = theta.of(z);
      const g = grad.of(gradOut);
      try {
        return user.evaluate(t, g);
      } catch (error) {
        throw userFault(source, 'evaluate(theta, gradOut)', error, field);
      }
    },
  };
}
