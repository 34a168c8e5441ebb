/**
 * Binary logistic loss, applied to each output independently.
 */
import type { Loss } from '../types.js';

/**
 * ℓ(q, y) = Σ_k softplus(q_k) − y_k q_k with y_k ∈ [0, 1], and ∂ℓ/∂q_k = σ(q_k) − y_k.
 *
 * softplus(q) − y·q is evaluated as (max(q, 0) − y·q) + log1p(exp(−|q|)): for a correct confident
 * prediction the first bracket is exactly 0 and the value keeps full relative precision. The
 * gradient is written as (1 − y) − σ(−q) for q ≥ 0 for the same reason.
 *
 * @example
 * const q = Float64Array.of(0), y = Float64Array.of(1), g = new Float64Array(1);
 * logisticLoss.evaluate(q, y, 1, 1, g); // Math.LN2, g = [-0.5]
 */
export const logisticLoss: Loss = {
  name: 'logistic',
  evaluate(q, y, m, dy, grad) {
    const n = m * dy;
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const qj = q[j];
      const yj = y[j];
      const e = Math.exp(-Math.abs(qj));
      sum += (qj > 0 ? qj : 0) - yj * qj + Math.log1p(e);
      if (grad !== null) {
        const tail = e / (1 + e); // σ(−|q|), the small side of the sigmoid
        grad[j] = qj >= 0 ? 1 - yj - tail : tail - yj;
      }
    }
    return sum;
  },
};
