/**
 * What a benchmark task is: a problem whose global minimum value is 0, a success tolerance, the
 * settings every method shares on it, and the budgets of the quick and full suites.
 */
import type { HoppingOptions, LocalOptions, MonitorOptions, Problem } from '../../src/index.js';

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
  /** The augmentation the augmented methods use. */
  augmentation: 'neuron' | 'scalar';
  /** λ of λ‖a‖². */
  lambda: number;
  /** The local stepper every method uses, with the round length K. */
  local: LocalOptions & { stepsPerRound: number };
  walkers: number;
  /** Basin-hopping options shared by `basin-hopping` and `hybrid` (multistart only sets mode). */
  hopping: HoppingOptions;
  /** Monitor thresholds shared by every method (the package defaults unless set). */
  monitor?: MonitorOptions;
  quick: SuiteSettings;
  full: SuiteSettings;
  monitorScoring: MonitorScoring;
  /** Published or measured figures for plain gradient descent, quoted in the report. */
  reference?: string;
}
