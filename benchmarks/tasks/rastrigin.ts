/** Rastrigin in d dimensions: a lattice of local minima around the global minimum 0 at the origin. */
import type { BenchTask } from './types.js';

/** Half-width of the initialization box: the 3^d basins nearest the origin, as in docs/design.md §5. */
const INIT_RANGE = 1.5;

/**
 * @example
 * rastriginTask(2).id; // 'rastrigin-2'
 */
export function rastriginTask(dimension: number): BenchTask {
  return {
    id: `rastrigin-${dimension}`,
    title: `Rastrigin d = ${dimension}`,
    description: `Rastrigin Σ(x_i² + 10 − 10cos 2πx_i) in ${dimension} dimensions; local minima near every integer point.`,
    initialization: `x₀ ~ U[−${INIT_RANGE}, ${INIT_RANGE}]^${dimension}`,
    hasBadMinima: true,
    problem: () => ({ objective: { type: 'rastrigin', dimension, initRange: INIT_RANGE } }),
    tolerance: 1e-4,
    augmentation: 'scalar',
    quick: { seeds: dimension === 2 ? 20 : 10, maxEvaluations: 100_000 },
    full: { seeds: 200, maxEvaluations: 100_000 },
    monitorScoring: { rounds: 300, quickSeeds: 3, fullSeeds: 40 },
    reference: dimension === 2 ? 'About 89 % of plain gradient-descent runs (lr 2e-3, 5000 steps) end in a local minimum (docs/design.md §5).' : undefined,
  };
}
