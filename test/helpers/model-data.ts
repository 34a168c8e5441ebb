/** Random data fitting a model's shapes and a loss's targets, for tests of objectives. */
import type { ModelProblem } from '../../src/problem/types.js';
import type { BuiltinModelSpec, LossSpec } from '../../src/types.js';
import { uniform } from './gradient-check.js';

/**
 * m samples: inputs U[−1, 1]; targets one-hot for cross-entropy, 0/1 for logistic, ±1 for the
 * smoothed hinge, U[−1, 1] otherwise.
 *
 * @example
 * const data = dataFor({ type: 'example1' }, 'squared', seeded('case')); // 5 rows of x and y
 */
export function dataFor(model: BuiltinModelSpec, loss: LossSpec, rng: () => number, m = 5): ModelProblem['data'] {
  const dx = model.type === 'example1' ? 1 : model.layers[0];
  const dy = model.type === 'example1' ? 1 : model.layers[model.layers.length - 1];
  const x = Array.from({ length: m }, () => Array.from({ length: dx }, () => uniform(rng, -1, 1)));
  const name = typeof loss === 'string' ? loss : loss.type;
  const y = Array.from({ length: m }, (_, i) => {
    if (name === 'cross-entropy') return Array.from({ length: dy }, (_, k) => (k === i % dy ? 1 : 0));
    if (name === 'logistic') return Array.from({ length: dy }, () => (rng() < 0.5 ? 0 : 1));
    if (name === 'smoothed-hinge') return Array.from({ length: dy }, () => (rng() < 0.5 ? -1 : 1));
    return Array.from({ length: dy }, () => uniform(rng, -1, 1));
  });
  return { x, y };
}
