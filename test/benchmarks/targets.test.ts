/** The evaluations-against-multistart target: its verdict and the figures it prints. */
import { describe, expect, it } from 'vitest';
import type { MethodSummary } from '../../benchmarks/metrics/success.js';
import { evaluateTargets } from '../../benchmarks/report/targets.js';
import { selectTasks } from '../../benchmarks/tasks/index.js';

const summary = (method: string, medianEvaluationsToSuccess: number): MethodSummary => ({
  task: 'gaussian-mixture-3class',
  method,
  seeds: 100,
  successes: 100,
  successRate: 1,
  successLow: 0.963,
  successHigh: 1,
  medianEvaluationsToSuccess,
  p90EvaluationsToSuccess: medianEvaluationsToSuccess,
  medianEvaluationsPerWalkerToSuccess: medianEvaluationsToSuccess / 4,
  medianWallMsToSuccess: 1,
  medianWallMs: 1,
  p10WallMs: 1,
  p90WallMs: 1,
  evaluationsPerSecond: 1,
  medianHops: 0,
  numericalFaults: 0,
});

describe('hybrid evaluations against multistart', () => {
  it.each([
    [644, 643.5, false, 'hybrid 644; multistart 643.5'],
    [643.5, 643.5, true, 'hybrid 643.5; multistart 643.5'],
    [2348, 2290, false, 'hybrid 2,348; multistart 2,290'],
    [2793, 4744, true, 'hybrid 2,793; multistart 4,744'],
  ])('hybrid %d, multistart %d', (hybrid, multistart, met, detail) => {
    const checks = evaluateTargets(
      { summaries: [summary('hybrid', hybrid), summary('multistart', multistart)], speedup: [], hardwareCeiling: null, reference: [] },
      selectTasks(['gaussian-mixture-3class']),
    );
    const check = checks.find((c) => c.id === 'hybrid-evaluations-vs-multistart');
    expect(check).toMatchObject({ met, detail });
  });
});
