/** Per task and method: the success rate with its Wilson interval, and the costs of succeeding. */
import { wilsonInterval } from '../reference/wilson.js';
import type { RunOutcome } from '../runner/run-one.js';
import type { MethodId } from '../methods.js';
import { median, quantile, sum } from './stats.js';

export interface MethodSummary {
  task: string;
  method: MethodId;
  seeds: number;
  successes: number;
  successRate: number;
  /** 95 % Wilson score interval of the success rate. */
  successLow: number;
  successHigh: number;
  /** Over the successful seeds: total evaluations (summed over walkers) until L(θ) ≤ tolerance. */
  medianEvaluationsToSuccess: number;
  p90EvaluationsToSuccess: number;
  /** The same per walker: total evaluations / walkers. */
  medianEvaluationsPerWalkerToSuccess: number;
  /** Over the successful seeds, milliseconds. */
  medianWallMsToSuccess: number;
  /** Over every seed, milliseconds. */
  medianWallMs: number;
  p10WallMs: number;
  p90WallMs: number;
  /** Gradient evaluations per second over every seed of the method (total / total wall time). */
  evaluationsPerSecond: number;
  medianHops: number;
  numericalFaults: number;
}

/**
 * Summarizes the outcomes of one task and method (all seeds).
 *
 * @example
 * summarizeMethod(outcomes.filter((o) => o.task === 'xor-tanh' && o.method === 'hybrid'));
 */
export function summarizeMethod(outcomes: readonly RunOutcome[]): MethodSummary {
  if (outcomes.length === 0) throw new Error('summarizeMethod: no outcomes');
  const won = outcomes.filter((o) => o.success);
  const { low, high } = wilsonInterval(won.length, outcomes.length);
  const wall = outcomes.map((o) => o.wallMs);
  return {
    task: outcomes[0].task,
    method: outcomes[0].method,
    seeds: outcomes.length,
    successes: won.length,
    successRate: won.length / outcomes.length,
    successLow: low,
    successHigh: high,
    medianEvaluationsToSuccess: median(won.map((o) => o.evaluations)),
    p90EvaluationsToSuccess: quantile(won.map((o) => o.evaluations), 0.9),
    medianEvaluationsPerWalkerToSuccess: median(won.map((o) => o.evaluationsPerWalker)),
    medianWallMsToSuccess: median(won.map((o) => o.wallMs)),
    medianWallMs: median(wall),
    p10WallMs: quantile(wall, 0.1),
    p90WallMs: quantile(wall, 0.9),
    evaluationsPerSecond: sum(outcomes.map((o) => o.evaluations)) / (sum(wall) / 1000),
    medianHops: median(outcomes.map((o) => o.hops)),
    numericalFaults: sum(outcomes.map((o) => o.numericalFaults)),
  };
}

/**
 * The success rate reached by each evaluation count: the fraction of seeds that succeeded with at
 * most e evaluations, at every e where the curve steps, from 0 up to the budget.
 *
 * @example
 * successCurve(outcomes, 100_000); // [{ evaluations: 404, rate: 0.05 }, …, { evaluations: 100000, rate: 0.98 }]
 */
export function successCurve(outcomes: readonly RunOutcome[], budget: number): { evaluations: number; rate: number }[] {
  const n = outcomes.length;
  const steps = outcomes.filter((o) => o.success).map((o) => o.evaluations).sort((a, b) => a - b);
  const curve: { evaluations: number; rate: number }[] = [];
  steps.forEach((e, i) => {
    if (i + 1 < steps.length && steps[i + 1] === e) return;
    curve.push({ evaluations: e, rate: (i + 1) / n });
  });
  const final = steps.length / n;
  if (curve.length === 0 || curve[curve.length - 1].evaluations < budget) curve.push({ evaluations: budget, rate: final });
  return curve;
}
