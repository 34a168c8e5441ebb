/**
 * The gradient of a value-only objective by central differences, with scipy's step rule
 * (`scipy.optimize.approx_derivative`, method '3-point', which `approx_fprime` wraps): a relative
 * step h_i = ε^(1/3)·max(1, |x_i|) with ε = 2^−52, and one-sided three-point differences where a central one would step outside the bounds. Every call
 * of the user's function stays inside the bounds.
 */
import type { StepperBounds } from '../optimizers/bounds.js';

const EPS = 2 ** -52;
/** scipy's relative step for '3-point': EPS**(1/3) ≈ 6.06e-6, optimal for an O(h²) rule. */
// EPS ** (1 / 3) as scipy computes it (pow), which differs from Math.cbrt(EPS) in the last bit.
export const RELATIVE_STEP = EPS ** (1 / 3);

/** f(x) for a point of exactly the objective's dimension. */
export type ValueFunction = (theta: Float64Array) => number;

/**
 * Value and gradient from values alone: 1 + 2n calls of `value` per evaluation (the value, then
 * two per coordinate), which is the cost the walkers count.
 *
 * @example
 * const d = new CentralDifferences(2, (x) => x[0] ** 2 + 3 * x[1], null);
 * const g = new Float64Array(2);
 * d.evaluate(Float64Array.of(1, 2), g); // 7, and g ≈ [2, 3]
 */
export class CentralDifferences {
  /** Calls of `value` one evaluation with a gradient makes. */
  readonly callsPerEvaluation: number;
  private readonly x: Float64Array;

  constructor(
    readonly dimension: number,
    private readonly value: ValueFunction,
    private readonly bounds: StepperBounds | null,
  ) {
    this.x = new Float64Array(dimension);
    this.callsPerEvaluation = 1 + 2 * dimension;
  }

  /** Returns f(θ) and writes the difference gradient into gradOut. Reads θ's first `dimension` entries. */
  evaluate(theta: Float64Array, gradOut: Float64Array): number {
    const { x, value, bounds, dimension: n } = this;
    for (let i = 0; i < n; i++) x[i] = theta[i];
    const f0 = value(x);
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      // scipy's _compute_absolute_step without a rel_step (not rounded to (x + h) − x: the divisor
      // below is the difference of the points actually evaluated, which absorbs the rounding).
      let h = RELATIVE_STEP * Math.max(1, Math.abs(xi));
      let oneSided = false;
      if (bounds !== null) {
        const below = xi - bounds.lower[i];
        const above = bounds.upper[i] - xi;
        if (!(below >= h && above >= h)) {
          // scipy's _adjust_scheme_to_bounds for a 2-sided scheme with one step.
          h = above >= below ? Math.min(h, 0.5 * above) : -Math.min(h, 0.5 * below);
          oneSided = true;
          const room = Math.min(above, below);
          if (Math.abs(h) <= room) {
            h = room;
            oneSided = false;
          }
        }
      }
      if (h === 0) {
        // low = high: the coordinate cannot move, so nothing descends along it.
        gradOut[i] = 0;
        continue;
      }
      if (oneSided) {
        x[i] = xi + h;
        const f1 = value(x);
        x[i] = xi + 2 * h;
        const f2 = value(x);
        gradOut[i] = (-3 * f0 + 4 * f1 - f2) / (x[i] - xi);
      } else {
        x[i] = xi - h;
        const f1 = value(x);
        const low = x[i];
        x[i] = xi + h;
        const f2 = value(x);
        gradOut[i] = (f2 - f1) / (x[i] - low);
      }
      x[i] = xi;
    }
    return f0;
  }
}
