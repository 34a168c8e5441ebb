/**
 * A user's model as the package calls it. The augmented objectives evaluate the model at the whole
 * z = [θ, auxiliary]; a user's `forward`, `backward`, `jacobian` and `init` must see θ (and its
 * gradient) alone, of the model's own `parameterCount`, as for a user's objective
 * (objectives/user.ts).
 */
import type { Matrix } from 'ml-matrix';
import { ExactView } from '../modules/exact-view.js';
import { userFault } from '../modules/user-fault.js';
import type { Model, Rng } from '../types.js';

/**
 * The package's model for a validated user model: every method accepts θ and gradient vectors of
 * at least `parameterCount` entries and passes `subarray` views of exactly `parameterCount` (made
 * once per buffer: no copy, no allocation on the hot path). What the user's code throws comes back
 * as a USER_CODE_FAULT naming `source`, the method and the thrown message.
 *
 * @example
 * const model = adaptModel(await loadModuleExport(ref, 'problem.model') as Model, 'problem.model (export "linear" of /abs/m.mjs)');
 */
export function adaptModel(user: Model, source: string, field = 'problem.model'): Model {
  const P = user.parameterCount;
  // One view per argument role: forward and backward see the same θ object for the same z, so a
  // model that caches its activations by θ's identity keeps working.
  const theta = new ExactView(P, 'theta');
  const grad = new ExactView(P, 'grad');
  // init gets a fresh vector each time; its own view keeps it from evicting the hot path's buffers.
  const start = new ExactView(P, 'theta');
  const fault = (method: string, error: unknown) => userFault(source, method, error, field);
  return {
    inputSize: user.inputSize,
    outputSize: user.outputSize,
    parameterCount: P,
    init(rng: Rng, out: Float64Array): void {
      const t = start.of(out);
      try {
        user.init(rng, t);
      } catch (error) {
        throw fault('init(rng, theta)', error);
      }
    },
    forward(z: Float64Array, x: Float64Array, m: number, out: Float64Array): void {
      const t = theta.of(z);
      try {
        user.forward(t, x, m, out);
      } catch (error) {
        throw fault('forward(theta, x, m, out)', error);
      }
    },
    backward(z: Float64Array, x: Float64Array, m: number, dOut: Float64Array, gradOut: Float64Array): void {
      const t = theta.of(z);
      const g = grad.of(gradOut);
      try {
        user.backward(t, x, m, dOut, g);
      } catch (error) {
        throw fault('backward(theta, x, m, dOut, grad)', error);
      }
    },
    jacobian(z: Float64Array, xRow: Float64Array): Matrix {
      const t = theta.of(z);
      try {
        return user.jacobian(t, xRow);
      } catch (error) {
        throw fault('jacobian(theta, xRow)', error);
      }
    },
  };
}
