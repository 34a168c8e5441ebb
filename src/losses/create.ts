/**
 * Builds a `Loss` from its serializable spec, so that worker threads can rebuild it.
 */
import type { Loss, LossSpec } from '../types.js';
import { crossEntropyLoss } from './cross-entropy.js';
import { logisticLoss } from './logistic.js';
import { smoothedHingeLoss } from './smoothed-hinge.js';
import { normalizeLossSpec } from './spec.js';
import { squaredLoss } from './squared.js';

export { toTargets } from './targets.js';

/**
 * Returns the loss a spec names. Throws INVALID_INPUT (field `loss`, `loss.type` or `loss.power`)
 * for an unknown name or a smoothed-hinge power that is not a finite number ≥ 2.
 *
 * @example
 * const loss = createLoss({ type: 'smoothed-hinge', power: 3 });
 * loss.evaluate(Float64Array.of(0), Float64Array.of(1), 1, 1, null); // 1
 */
export function createLoss(spec: LossSpec, field = 'loss'): Loss {
  const { type, power } = normalizeLossSpec(spec, field);
  switch (type) {
    case 'squared':
      return squaredLoss;
    case 'cross-entropy':
      return crossEntropyLoss;
    case 'logistic':
      return logisticLoss;
    case 'smoothed-hinge':
      return smoothedHingeLoss(power as number);
  }
}
