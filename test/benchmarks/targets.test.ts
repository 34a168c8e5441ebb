/** The evaluations-against-multistart target: its verdict and the figures it prints. */
import { describe, expect, it } from 'vitest';
import type { MethodSummary } from '../../benchmarks/metrics/success.js';
import type { RunOutcome } from '../../benchmarks/runner/run-one.js';
import type { SpeedupMeasurement } from '../../benchmarks/runner/speedup.js';
import { evaluateTargets } from '../../benchmarks/report/targets.js';
import type { SideBySide } from '../../benchmarks/report/side-by-side.js';
import { selectTasks } from '../../benchmarks/tasks/index.js';

const summary = (method: MethodSummary['method'], medianEvaluationsToSuccess: number): MethodSummary => ({
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
      { summaries: [summary('hybrid', hybrid), summary('multistart', multistart)], runs: [], speedup: [], hardwareCeiling: null, reference: [], sideBySide: [], scipy: { ran: false, reason: 'not in this test' } },
      selectTasks(['gaussian-mixture-3class']),
    );
    const check = checks.find((c) => c.id === 'hybrid-evaluations-vs-multistart');
    expect(check).toMatchObject({ met, detail });
  });
});

const run = (task: string, method: 'hybrid' | 'multistart', seed: number, evaluations: number | null): RunOutcome => ({
  task,
  method,
  seed,
  success: evaluations !== null,
  bestLoss: evaluations === null ? 1 : 0,
  evaluations: evaluations ?? 1000,
  evaluationsPerWalker: (evaluations ?? 1000) / 4,
  rounds: 1,
  hops: 0,
  divergences: 0,
  numericalFaults: 0,
  stopReason: evaluations === null ? 'max-evaluations' : 'target',
  wallMs: 1,
});

describe('the paired comparison beside the medians', () => {
  it('compares seed by seed over the seeds both methods solved, on this task only', () => {
    const task = 'gaussian-mixture-3class';
    const hybrid = [100, 200, 260, 390, null];
    const multistart = [150, 200, 250, 400, 500];
    const runs = [
      ...hybrid.map((e, seed) => run(task, 'hybrid', seed, e)),
      ...multistart.map((e, seed) => run(task, 'multistart', seed, e)),
      run('xor-tanh', 'hybrid', 0, 1),
      run('xor-tanh', 'multistart', 0, 99),
    ];
    const checks = evaluateTargets(
      { summaries: [summary('hybrid', 230), summary('multistart', 250)], runs, speedup: [], hardwareCeiling: null, reference: [], sideBySide: [], scipy: { ran: false, reason: 'not in this test' } },
      selectTasks([task]),
    );
    // Differences −50, 0, 10, −10: two fewer, one equal, one more; median of (−10, 0) is −5.
    expect(checks.find((c) => c.id === 'hybrid-evaluations-vs-multistart')?.detail).toBe(
      'hybrid 230; multistart 250; on the 4 seeds both solved, the hybrid used fewer evaluations on 2, as many on 1, more on 1 (median difference -5)',
    );
  });
});

const speedup = (value: number): SpeedupMeasurement => ({
  task: 'xor-tanh',
  walkers: 4,
  rounds: 100,
  stepsPerRound: 100,
  repeats: 1,
  inProcess: [1000],
  threads1: [1000],
  threads2: [1000 * value],
  speedup: value,
});

describe('the speedup verdict and its printed figure agree', () => {
  it.each([
    [1.9515, true, '1.95×'],
    [1.8, true, '1.80×'],
    // Two decimals would print 1.80 beside a missed target.
    [1.7992, false, '1.799×'],
    [1.79999, false, '1.79999×'],
    [1.2264, false, '1.23×'],
  ])('speedup %d', (value, met, printed) => {
    const checks = evaluateTargets(
      { summaries: [], runs: [], speedup: [speedup(value)], hardwareCeiling: null, reference: [], sideBySide: [], scipy: { ran: false, reason: 'not in this test' } },
      selectTasks(['xor-tanh']),
    );
    const check = checks.find((c) => c.id === 'parallel-speedup');
    expect(check?.met).toBe(met);
    expect(check?.detail.startsWith(`${printed} (`)).toBe(true);
  });
});

describe('the deep-linear wall-time verdict and its printed ratio agree', () => {
  it.each([
    [120.04, false, 'ratio 1.2004'],
    [119.96, true, 'ratio 1.20'],
    [112, true, 'ratio 1.12'],
  ])('hybrid %d ms against plain 100 ms', (hybridMs, met, printed) => {
    const at = (method: MethodSummary['method'], ms: number): MethodSummary => ({ ...summary(method, 235), task: 'deep-linear', medianWallMsToSuccess: ms });
    const checks = evaluateTargets(
      { summaries: [at('hybrid', hybridMs), at('plain', 100)], runs: [], speedup: [], hardwareCeiling: null, reference: [], sideBySide: [], scipy: { ran: false, reason: 'not in this test' } },
      selectTasks(['deep-linear']),
    );
    const check = checks.find((c) => c.id === 'deep-linear-wall-time');
    expect(check?.met).toBe(met);
    expect(check?.detail.endsWith(printed)).toBe(true);
  });
});

describe('the side-by-side targets against scipy basinhopping', () => {
  const row = (ours: { success: number; evals: number; wall: number; certified: number }, scipy: { success: number; evals: number; wall: number }): SideBySide => {
    const o = { seeds: 10, successes: ours.success, successRate: ours.success / 10, medianEvaluationsToSuccess: ours.evals, medianEvaluations: ours.evals, medianWallMs: ours.wall };
    const p = { seeds: 10, successes: scipy.success, successRate: scipy.success / 10, medianEvaluationsToSuccess: scipy.evals, medianEvaluations: scipy.evals, medianWallMs: scipy.wall };
    return {
      task: 'xor-tanh',
      toTarget: { ours: o, scipy: { ...p, medianFirstHitEvaluations: scipy.evals - 1, successesWithinDefaultNiter: scipy.success } },
      noTarget: { ours: { ...o, certified: ours.certified, stopReasons: { certified: ours.certified, 'max-evaluations': 10 - ours.certified } }, scipy: p },
      ratios: { successRate: o.successRate / p.successRate, medianEvaluationsToTarget: ours.evals / scipy.evals, noTargetSuccessRate: o.successRate / p.successRate, noTargetMedianEvaluations: ours.evals / scipy.evals, medianWallMs: ours.wall / scipy.wall },
    };
  };
  const checks = (r: SideBySide | null, scipy: { ran: true } | { ran: false; reason: string } = { ran: true }) =>
    evaluateTargets({ summaries: [], runs: [], speedup: [], hardwareCeiling: null, reference: [], sideBySide: r ? [r] : [], scipy }, selectTasks(['xor-tanh']));
  const verdict = (all: ReturnType<typeof checks>, id: string) => all.find((c) => c.id === id);

  it('meets them when the hybrid is as good and cheap enough, and misses each with its figures otherwise', () => {
    const good = checks(row({ success: 10, evals: 100, wall: 1, certified: 10 }, { success: 9, evals: 600, wall: 2 }));
    for (const id of ['scipy-success', 'scipy-evaluations-to-target', 'no-target-certified', 'no-target-success-vs-scipy-defaults', 'no-target-evaluations-vs-scipy-defaults', 'scipy-wall-time']) {
      expect(verdict(good, id)?.met, id).toBe(true);
    }
    const bad = checks(row({ success: 8, evals: 1001, wall: 3, certified: 9 }, { success: 9, evals: 1000, wall: 2 }));
    expect(verdict(bad, 'scipy-success')).toMatchObject({ met: false, detail: 'hybrid 8/10 = 80.0 %; scipy 9/10 = 90.0 %' });
    // 1.001 must not print as 1.00 beside a miss.
    expect(verdict(bad, 'scipy-evaluations-to-target')).toMatchObject({ met: false, detail: 'hybrid 1,001; scipy 1,000 (first evaluation ≤ tolerance: 999); ratio 1.001×' });
    expect(verdict(bad, 'no-target-certified')).toMatchObject({ met: false, detail: '9/10 = 90.0 % certified; stops: certified 9, max-evaluations 1' });
    expect(verdict(bad, 'no-target-evaluations-vs-scipy-defaults')).toMatchObject({ met: false, detail: 'hybrid 1,001; scipy 1,000; ratio 1.00×' });
    expect(verdict(bad, 'scipy-wall-time')).toMatchObject({ met: false, detail: 'hybrid 3.0 ms; scipy 2.0 ms; ratio 1.50×' });
  });

  it('reports "not measured" with the reason when scipy did not run', () => {
    const r = row({ success: 10, evals: 100, wall: 1, certified: 10 }, { success: 9, evals: 600, wall: 2 });
    const noScipy = checks({ ...r, toTarget: { ...r.toTarget, scipy: null }, noTarget: { ...r.noTarget, scipy: null } }, { ran: false, reason: 'no Python with numpy and scipy' });
    expect(verdict(noScipy, 'scipy-success')).toMatchObject({ met: null, detail: 'scipy not run: no Python with numpy and scipy' });
    expect(verdict(noScipy, 'no-target-certified')?.met).toBe(true);
  });
});

describe('evaluations to the target when a side never succeeded', () => {
  const side = (successes: number, evals: number | null) => ({ seeds: 3, successes, successRate: successes / 3, medianEvaluationsToSuccess: evals, medianEvaluations: 100, medianWallMs: 1 });
  const check = (ours: number | null, scipy: number | null) => {
    const row: SideBySide = {
      task: 'rastrigin-2',
      toTarget: { ours: side(ours === null ? 0 : 3, ours), scipy: { ...side(scipy === null ? 0 : 3, scipy), medianFirstHitEvaluations: scipy, successesWithinDefaultNiter: 0 } },
      noTarget: { ours: null, scipy: null },
      ratios: { successRate: null, medianEvaluationsToTarget: ours !== null && scipy !== null ? ours / scipy : null, noTargetSuccessRate: null, noTargetMedianEvaluations: null, medianWallMs: 1 },
    };
    return evaluateTargets({ summaries: [], runs: [], speedup: [], hardwareCeiling: null, reference: [], sideBySide: [row], scipy: { ran: true } }, selectTasks(['rastrigin-2'])).find((c) => c.id === 'scipy-evaluations-to-target');
  };
  it('is a miss when only scipy succeeded, and not measured when neither did', () => {
    expect(check(null, 402)).toMatchObject({ met: false, detail: 'hybrid no success; scipy 402 (first evaluation ≤ tolerance: 402); ratio –' });
    expect(check(null, null)?.met).toBeNull();
    expect(check(400, 402)?.met).toBe(true);
  });
});
