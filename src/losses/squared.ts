/**
 * The squared loss without the ½, as in the paper's Examples 3 and 5.
 */
import type { Loss } from '../types.js';

/**
 * ℓ(q, y) = Σ_k (q_k − y_k)², with ∂ℓ/∂q_k = 2(q_k − y_k).
 *
 * @example
 * const q = Float64Array.of(1, 2), y = Float64Array.of(0, 0), g = new Float64Array(2);
 * squaredLoss.evaluate(q, y, 1, 2, g); // 5, g = [2, 4]
 */
export const squaredLoss: Loss = {
  name: 'squared',
  evaluate(q, y, m, dy, grad) {
    const n = m * dy;
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const r = q[j] - y[j];
      sum += r * r;
      if (grad !== null) grad[j] = 2 * r;
    }
    return sum;
  },
};
