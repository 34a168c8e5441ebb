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
 * confident correct prediction (q_k ≈ 1e3 above the rest) gives a tiny loss, with full relative
 * precision, instead of the difference of two large numbers.
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
      let top = row;
      for (let k = 1; k < dy; k++) if (q[row + k] > q[top]) top = row + k;
      const max = q[top];
      // Σ exp(q − max) = 1 + rest; log1p(rest) keeps a tiny loss like e^-40 that log(1 + rest) rounds to 0.
      let rest = 0;
      for (let k = 0; k < dy; k++) {
        const e = row + k === top ? 1 : Math.exp(q[row + k] - max);
        if (row + k !== top) rest += e;
        if (grad !== null) grad[row + k] = e;
      }
      const s = 1 + rest;
      const logS = Math.log1p(rest);
      let value = 0;
      let mass = 0;
      for (let k = 0; k < dy; k++) {
        const yk = y[row + k];
        mass += yk;
        // 0·(large) must stay 0 so that a one-hot row ignores the other classes exactly.
        if (yk !== 0) value += yk * (max - q[row + k] + logS);
      }
      const missing = 1 - mass;
      if (missing !== 0) value += missing * (max + logS);
      total += value;
      if (grad !== null) {
        const scale = 1 / s;
        for (let k = 0; k < dy; k++) grad[row + k] = grad[row + k] * scale - y[row + k];
      }
    }
    return total;
  },
};
