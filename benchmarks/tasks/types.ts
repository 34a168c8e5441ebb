/**
 * What a benchmark task is: a problem whose global minimum value is 0, a success tolerance, the
 * augmentation the augmented methods use, and the budgets of the quick and full suites.
 */
import type { Problem } from '../../src/index.js';

/** Settings that differ between the quick suite (`npm run bench`) and the full one (`--full`). */
export interface SuiteSettings {
  /** Seeds 0 … seeds−1 are the task's default seed set. */
  seeds: number;
  /** Budget of gradient evaluations summed over walkers, the same for every method. */
  maxEvaluations: number;
}

/** The long, hop-free runs that score the divergence monitor against ground truth. */
export interface MonitorScoring {
  /** Rounds of each scoring run (no target, no hops): the "long budget". */
  rounds: number;
  quickSeeds: number;
  fullSeeds: number;
}

export interface BenchTask {
  /** Stable identifier used on the command line and in the results JSON. */
  id: string;
  /** One line for tables and plots. */
  title: string;
  /** What the task is and where its figures come from. */
  description: string;
  /** How θ₀ is drawn, in words (the problem's spec holds the exact distribution). */
  initialization: string;
  /** Whether the task has bad (non-global) local minima; the ≥ 98 % target applies only to these. */
  hasBadMinima: boolean;
  /** Builds the problem. Deterministic: synthetic data come from a fixed data seed. */
  problem(): Problem;
  /** A run succeeds when its best L(θ) ≤ tolerance; the global minimum is 0 on every task. */
  tolerance: number;
  /**
   * The augmentation the augmented methods use (the package's default for the problem's kind on
   * every task; kept here because it defines those methods). Every other option — local method,
   * round length, walkers, λ, hopping, monitor — is the package's default on every task.
   */
  augmentation: 'neuron' | 'scalar';
  quick: SuiteSettings;
  /** Seeds of scipy's basinhopping in the quick suite when fewer than quick.seeds (it costs more per run there). */
  scipyQuickSeeds?: number;
  full: SuiteSettings;
  monitorScoring: MonitorScoring;
  /** Published or measured figures for plain gradient descent, quoted in the report. */
  reference?: string;
}
