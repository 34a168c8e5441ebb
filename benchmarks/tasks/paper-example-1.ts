/** The paper's Example 1 (Kawaguchi & Kaelbling 2020): one parameter, one bad local minimum. */
import type { BenchTask } from './types.js';

export const paperExample1: BenchTask = {
  id: 'paper-example-1',
  title: 'Paper Example 1',
  description:
    "Kawaguchi–Kaelbling Example 1: f(θ) = 5(−0.3e^(−16(θ−0.2)²) − 0.7e^(−32(θ−0.8)²) + 0.5), x = 0, y = −1, " +
    'cubic hinge loss. Bad minimum θ* ≈ 0.2 with L = 8.0; L = 0 on [0.793, 0.806].',
  initialization: 'θ₀ ~ U[0, 1]',
  hasBadMinima: true,
  problem: () => ({
    model: { type: 'example1', init: { type: 'uniform', low: 0, high: 1 } },
    loss: { type: 'smoothed-hinge', power: 3 },
    data: { x: [0], y: [-1] },
  }),
  tolerance: 1e-4,
  augmentation: 'neuron',
  quick: { seeds: 20, maxEvaluations: 100_000 },
  scipyQuickSeeds: 10,
  full: { seeds: 200, maxEvaluations: 100_000 },
  monitorScoring: { rounds: 300, quickSeeds: 3, fullSeeds: 50 },
  reference: 'θ₀ < 0.4955 (about half of U[0, 1]) ends in the bad minimum under plain gradient descent with lr < 0.003476.',
};
