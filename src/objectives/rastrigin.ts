/**
 * The Rastrigin function, a separable landscape with a lattice of local minima near the integers
 * and a single global minimum 0 at the origin.
 */
import type { ObjectiveFunction, Rng } from '../types.js';

/** The classic search domain is [−5.12, 5.12]^d. */
export const RASTRIGIN_DEFAULT_INIT_RANGE = 5.12;

/**
 * Builds L(x) = 10d + Σ_i (x_i² − 10 cos 2πx_i) with its analytic gradient
 * ∂L/∂x_i = 2x_i + 20π sin 2πx_i. `init` draws x uniformly on [−initRange, initRange]^d.
 * Arguments are trusted; use `createObjectiveFunction` to validate a spec.
 *
 * @example
 * const f = createRastrigin(2);
 * const grad = new Float64Array(2);
 * f.evaluate(Float64Array.of(1, 0), grad); // ≈ 1, and grad ≈ (2, 0): x = (1, 0) is not quite a minimum
 */
export function createRastrigin(dimension: number, initRange: number = RASTRIGIN_DEFAULT_INIT_RANGE): ObjectiveFunction {
  return {
    dimension,
    init(rng: Rng, out: Float64Array): void {
      for (let i = 0; i < dimension; i++) out[i] = (2 * rng() - 1) * initRange;
    },
    evaluate(theta: Float64Array, gradOut: Float64Array): number {
      let value = 0;
      for (let i = 0; i < dimension; i++) {
        const x = theta[i];
        const s = Math.sin(Math.PI * x);
        const c = Math.cos(Math.PI * x);
        // 10 − 10cos 2πx = 20 sin²πx: every term stays ≥ 0 and keeps full relative precision near
        // the minima, where the textbook form 10d + Σ(x² − 10cos) cancels to rounding noise.
        value += x * x + 20 * s * s;
        gradOut[i] = 2 * x + 40 * Math.PI * s * c;
      }
      return value;
    },
  };
}
