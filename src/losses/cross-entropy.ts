/**
 * Softmax cross-entropy over the dy outputs of each sample.
 */
import type { Loss } from '../types.js';

/**
 * ℓ(q, y) = logsumexp(q) − Σ_k y_k q_k, with ∂ℓ/∂q = softmax(q) − y. `y` is one-hot or a row of
 * class probabilities.
 *
 * The value is accumulated as Σ_k y_k·(logsumexp(q) − q_k) + (1 − Σ_k y_k)·logsumexp(q): each
 * logsumexp(q) − q_k = (max − q_k) + log Σ exp(q − max) is a sum of non-negative terms, so a
 * confident correct prediction (q_k ≈ 1e3 above the rest) gives a tiny loss instead of the
 * difference of two large numbers.
 *
 * @example
 * const q = Float64Array.of(0, 0), y = Float64Array.of(1, 0), g = new Float64Array(2);
 * crossEntropyLoss.evaluate(q, y, 1, 2, g); // Math.LN2, g = [-0.5, 0.5]
 */
export const crossEntropyLoss: Loss = {
  name: 'cross-entropy',
  evaluate(q, y, m, dy, grad) {
    let total = 0;
    for (let i = 0, row = 0; i < m; i++, row += dy) {
      let max = -Infinity;
      for (let k = 0; k < dy; k++) if (q[row + k] > max) max = q[row + k];
      let s = 0;
      for (let k = 0; k < dy; k++) {
        const e = Math.exp(q[row + k] - max);
        s += e;
        if (grad !== null) grad[row + k] = e;
      }
      const logS = Math.log(s);
      let value = 0;
      let mass = 0;
      for (let k = 0; k < dy; k++) {
        const yk = y[row + k];
        mass += yk;
        // 0·(large) must stay 0 so that a one-hot row ignores the other classes exactly.
        if (yk !== 0) value += yk * (max - q[row + k] + logS);
      }
      const rest = 1 - mass;
      if (rest !== 0) value += rest * (max + logS);
      total += value;
      if (grad !== null) {
        const scale = 1 / s;
        for (let k = 0; k < dy; k++) grad[row + k] = grad[row + k] * scale - y[row + k];
      }
    }
    return total;
  },
};
