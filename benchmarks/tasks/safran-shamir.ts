/** The Safran–Shamir two-layer ReLU teacher–student population objective, n = k. */
import { SAFRAN_SHAMIR_PUBLISHED_SPURIOUS } from '../reference/safran-shamir-protocol.js';
import type { BenchTask } from './types.js';

/**
 * The task for one k. The objective is in closed form and has no data points, so the augmented
 * methods use the scalar augmentation.
 *
 * @example
 * safranShamirTask(8).id; // 'safran-shamir-k8'
 */
export function safranShamirTask(k: number): BenchTask {
  const published = SAFRAN_SHAMIR_PUBLISHED_SPURIOUS[k];
  return {
    id: `safran-shamir-k${k}`,
    title: `Safran–Shamir k = n = ${k}`,
    description:
      `Population objective ½E[(Σ_i relu(w_i·x) − Σ_j relu(x_j))²], x ~ N(0, I_${k}), student of ${k} ReLUs ` +
      'with output weights fixed at 1, in closed form (arc-cosine kernel).',
    initialization: `W₀ entries ~ N(0, 1/${k})`,
    hasBadMinima: true,
    problem: () => ({ objective: { type: 'safran-shamir', k } }),
    tolerance: 1e-3,
    augmentation: 'scalar',
    quick: { seeds: 5, maxEvaluations: 200_000 },
    full: { seeds: 100, maxEvaluations: 200_000 },
    // Local descent reaches these spurious minima slowly: verdicts come after 25–50 rounds, and
    // ground truth needs ten times that.
    monitorScoring: { rounds: 500, quickSeeds: 1, fullSeeds: 12 },
    reference:
      published === undefined
        ? undefined
        : `Safran & Shamir (2018): ${(100 * published).toFixed(1)} % of plain gradient-descent runs (step 0.1) end in a spurious minimum.`,
  };
}
