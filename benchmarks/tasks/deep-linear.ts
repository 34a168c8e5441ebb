/** A deep linear network fitted to a linear teacher: every local minimum is global (Kawaguchi 2016). */
import type { BenchTask } from './types.js';
import { gaussianRows } from './random.js';

const LAYERS = [8, 8, 8, 8, 2];
// Enough samples that a run's time is spent in evaluations, not in per-call set-up.
const SAMPLES = 1000;
const DATA_SEED = 'deep-linear/data/v1';

/** x_i ~ N(0, I_8), y_i = A·x_i with A ~ N(0, 1/8): realizable, so the global minimum is 0. */
export function deepLinearData(): { x: number[][]; y: number[][] } {
  const dx = LAYERS[0];
  const dy = LAYERS[LAYERS.length - 1];
  const x = gaussianRows(DATA_SEED, SAMPLES, dx);
  const A = gaussianRows(`${DATA_SEED}/teacher`, dy, dx).map((row) => row.map((v) => v / Math.sqrt(dx)));
  const y = x.map((row) => A.map((a) => a.reduce((s, v, j) => s + v * row[j], 0)));
  return { x, y };
}

export const deepLinear: BenchTask = {
  id: 'deep-linear',
  title: 'Deep linear 8-8-8-8-2',
  description:
    `Deep linear network ${LAYERS.join('-')} (no biases) fitted by the mean squared loss to ${SAMPLES} samples of a ` +
    'linear teacher. No bad local minimum exists: the hybrid must not cost more than plain descent on L.',
  initialization: 'Glorot-uniform weights',
  hasBadMinima: false,
  problem: () => ({ model: { type: 'deep-linear', layers: LAYERS, init: 'glorot' }, loss: 'squared', data: deepLinearData() }),
  tolerance: 1e-4,
  augmentation: 'neuron',
  quick: { seeds: 10, maxEvaluations: 100_000 },
  // scipy's defaults take 20–60 s per seed here (45 000–63 000 evaluations of 1000 samples, measured
  // on the shared 2-core machine): one seed in the quick suite keeps its peer short.
  scipyQuickSeeds: 1,
  full: { seeds: 100, maxEvaluations: 100_000 },
  monitorScoring: { rounds: 100, quickSeeds: 1, fullSeeds: 10 },
};
