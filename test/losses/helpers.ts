/**
 * Loss-specific check: the analytic gradient of Σℓ against central differences.
 */
import type { Loss } from '../../src/types.js';
import { numericGradientFixedStep, symmetricRelativeErrorL2 } from '../helpers/gradient-check.js';

/**
 * Central differences of Σℓ with respect to each q_j, compared with the analytic gradient as
 * ‖numeric − analytic‖ / max(‖numeric‖, ‖analytic‖).
 */
export function gradientRelativeError(loss: Loss, q: Float64Array, y: Float64Array, m: number, dy: number, h = 1e-5): number {
  const analytic = new Float64Array(q.length);
  loss.evaluate(q, y, m, dy, analytic);
  const numeric = numericGradientFixedStep((probe) => loss.evaluate(probe, y, m, dy, null), q, h);
  return symmetricRelativeErrorL2(analytic, numeric, 1e-300);
}
