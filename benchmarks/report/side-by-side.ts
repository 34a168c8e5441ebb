/**
 * Our hybrid beside scipy.optimize.basinhopping on each task, from the runs of the same suite run:
 * to the target (our target-mode runs against scipy's callback-stopped runs) and without one (our
 * no-target runs against scipy's defaults, niter = 100).
 */
import { median } from '../metrics/stats.js';
import type { ScipyRun } from '../peer/scipy.js';
import type { RunOutcome } from '../runner/run-one.js';

/** One side of one comparison; medians are null when there is nothing to take them over. */
export interface SideFigures {
  seeds: number;
  successes: number;
  successRate: number;
  /** Over the successful seeds: evaluations to the target (to-target) or to the stop (no target). */
  medianEvaluationsToSuccess: number | null;
  /** Over every seed: evaluations until the run stopped. */
  medianEvaluations: number | null;
  /** Over every seed. */
  medianWallMs: number | null;
}

export interface SideBySide {
  task: string;
  /** Our hybrid, target mode, against scipy to-target. */
  toTarget: { ours: SideFigures | null; scipy: (SideFigures & { medianFirstHitEvaluations: number | null; successesWithinDefaultNiter: number }) | null };
  /** Our hybrid without a target against scipy's defaults. */
  noTarget: { ours: (SideFigures & { certified: number; stopReasons: Record<string, number> }) | null; scipy: SideFigures | null };
  /** ours / scipy; null where either side is missing or the denominator is 0. */
  ratios: { successRate: number | null; medianEvaluationsToTarget: number | null; noTargetSuccessRate: number | null; noTargetMedianEvaluations: number | null; medianWallMs: number | null };
}

const orNull = (x: number): number | null => (Number.isFinite(x) ? x : null);
const div = (a: number | null | undefined, b: number | null | undefined): number | null => (a == null || b == null || b === 0 ? null : a / b);

function figures(runs: readonly { success: boolean; evaluations: number; wallMs: number }[]): SideFigures | null {
  if (runs.length === 0) return null;
  const successes = runs.filter((r) => r.success);
  return {
    seeds: runs.length,
    successes: successes.length,
    successRate: successes.length / runs.length,
    medianEvaluationsToSuccess: orNull(median(successes.map((r) => r.evaluations))),
    medianEvaluations: orNull(median(runs.map((r) => r.evaluations))),
    medianWallMs: orNull(median(runs.map((r) => r.wallMs))),
  };
}

/** scipy's default niter, for the share of to-target successes that came within it. */
export const SCIPY_DEFAULT_NITER = 100;

/**
 * The side-by-side figures of one task.
 *
 * @example
 * const row = sideBySide('xor-tanh', results.runs, results.noTargetRuns, scipyRuns);
 * row.ratios.medianEvaluationsToTarget; // e.g. 1.4: ours took 1.4× scipy's evaluations
 */
export function sideBySide(task: string, runs: readonly RunOutcome[], noTargetRuns: readonly RunOutcome[], scipy: readonly ScipyRun[] | null): SideBySide {
  // Medians over different seed sets are not comparable (the quick suite may give scipy fewer
  // seeds than ours), so our side keeps only the seeds scipy ran when it ran on this task.
  const scipySeeds = new Set((scipy ?? []).filter((r) => r.task === task).map((r) => r.seed));
  const sameSeeds = (r: RunOutcome): boolean => scipySeeds.size === 0 || scipySeeds.has(r.seed);
  const ours = figures(runs.filter((r) => r.task === task && r.method === 'hybrid' && sameSeeds(r)));
  const oursFreeRuns = noTargetRuns.filter((r) => r.task === task && r.method === 'hybrid' && sameSeeds(r));
  const free = figures(oursFreeRuns);
  const stopReasons: Record<string, number> = {};
  for (const r of oursFreeRuns) stopReasons[r.stopReason] = (stopReasons[r.stopReason] ?? 0) + 1;
  const scipyTarget = (scipy ?? []).filter((r) => r.task === task && r.mode === 'to-target');
  const scipyFree = (scipy ?? []).filter((r) => r.task === task && r.mode === 'defaults');
  const target = figures(scipyTarget);
  const toTarget = {
    ours,
    scipy: target && {
      ...target,
      medianFirstHitEvaluations: orNull(median(scipyTarget.flatMap((r) => (r.firstHitEvaluations === null ? [] : [r.firstHitEvaluations])))),
      successesWithinDefaultNiter: scipyTarget.filter((r) => r.success && r.hops <= SCIPY_DEFAULT_NITER).length,
    },
  };
  const noTarget = { ours: free && { ...free, certified: stopReasons.certified ?? 0, stopReasons }, scipy: figures(scipyFree) };
  return {
    task,
    toTarget,
    noTarget,
    ratios: {
      successRate: div(ours?.successRate, target?.successRate),
      medianEvaluationsToTarget: div(ours?.medianEvaluationsToSuccess, target?.medianEvaluationsToSuccess),
      noTargetSuccessRate: div(free?.successRate, noTarget.scipy?.successRate),
      noTargetMedianEvaluations: div(free?.medianEvaluations, noTarget.scipy?.medianEvaluations),
      medianWallMs: div(ours?.medianWallMs, target?.medianWallMs),
    },
  };
}
