/**
 * The smoothed hinge max(0, 1 − y·q)^p of the paper's Example 1 (p = 3).
 */
import type { Loss } from '../types.js';

/** A smoothed hinge loss; `power` is the exponent p. */
export interface SmoothedHingeLoss extends Loss {
  readonly power: number;
}

/**
 * ℓ(q, y) = Σ_k max(0, 1 − y_k q_k)^p for targets y_k = ±1, with
 * ∂ℓ/∂q_k = −p·y_k·max(0, 1 − y_k q_k)^(p−1). p ≥ 2 keeps the gradient continuous.
 * `power` is trusted here; `createLoss` validates it. The value grows like |q|^p, so a large p
 * overflows sooner (p = 3 at |q| = 1e3 gives about 1e9).
 *
 * @example
 * const loss = smoothedHingeLoss(3);
 * const q = Float64Array.of(0.5), y = Float64Array.of(-1), g = new Float64Array(1);
 * loss.evaluate(q, y, 1, 1, g); // 1.5³ = 3.375, g = [3·1.5² ] = [6.75]
 */
export function smoothedHingeLoss(power: number): SmoothedHingeLoss {
  const p = power;
  const pMinus1 = power - 1;
  return {
    name: 'smoothed-hinge',
    power,
    evaluate(q, y, m, dy, grad) {
      const n = m * dy;
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const yj = y[j];
        const h = 1 - yj * q[j];
        if (h > 0) {
          const hp1 = Math.pow(h, pMinus1);
          sum += hp1 * h;
          if (grad !== null) grad[j] = -p * yj * hp1;
        } else if (grad !== null) {
          grad[j] = 0;
        }
      }
      return sum;
    },
  };
}
