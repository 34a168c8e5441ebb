import { describe, expect, it } from 'vitest';
import type { RoundRecord } from '../../src/index.js';
import { findStall, scoreMonitor, splitSearches } from '../../benchmarks/metrics/monitor-score.js';
import { median, quantile } from '../../benchmarks/metrics/stats.js';
import { successCurve, summarizeMethod } from '../../benchmarks/metrics/success.js';
import type { RunOutcome } from '../../benchmarks/runner/run-one.js';

type W = RoundRecord['walkers'][number];
const walker = (walker: number, loss: number, verdict: W['verdict'] = 'descending', hopped = false): W => ({
  walker,
  verdict,
  loss,
  augmentedLoss: loss / 2,
  aNorm: 0.1,
  auxNorm: 1,
  auxOutput: 0.1,
  gradNorm: 1,
  hopped,
  searchEvaluations: 0,
} as W);

/** A history of `rounds` rounds where `rows(r)` gives the walkers' records of round r (1-based). */
function history(rounds: number, rows: (r: number) => W[]): RoundRecord[] {
  return Array.from({ length: rounds }, (_, i) => ({ round: i + 1, evaluations: 0, bestLoss: 0, verdicts: {} as never, hops: 0, walkers: rows(i + 1) }));
}

describe('monitor scoring', () => {
  it('finds the first round after which L(θ) stays within 0.1 %', () => {
    expect(findStall([5, 3, 2.9999, 2.9999])).toBe(2);
    expect(findStall([8, 8, 8])).toBe(1);
    expect(findStall([3, 2, 1])).toBeNull();
  });

  it('labels a stuck search, a converging one, a false alarm and an undetermined one', () => {
    const h = history(40, (r) => [
      // Stuck from round 2, flagged at round 3: latency one round of K steps.
      walker(0, r === 1 ? 9 : 8, r >= 3 ? 'stuck' : 'descending'),
      // Reaches the tolerance at round 5.
      walker(1, r >= 5 ? 1e-5 : 1 / r),
      // Flagged at round 2, reaches the tolerance later: a false positive.
      walker(2, r >= 30 ? 0 : 2, r === 2 ? 'stuck' : 'descending'),
      // Flagged at round 10 of a 40-round run: not 10× as long, so undetermined.
      walker(3, 4, r >= 10 ? 'stuck' : 'descending'),
    ]);
    const searches = splitSearches(h, 1e-3, 100, 40);
    expect(searches.map((s) => s.truth)).toEqual(['stuck', 'converging', 'converging', 'undetermined']);
    expect(searches[0]).toMatchObject({ flaggedRound: 3, stallRound: 2, latencySteps: 100 });
    const score = scoreMonitor(searches);
    expect(score).toMatchObject({ searches: 4, trulyStuck: 1, converging: 2, undetermined: 1, flagged: 2, truePositives: 1, falsePositives: 1, falseNegatives: 0 });
    expect(score.precision).toBe(0.5);
    expect(score.recall).toBe(1);
    expect(score.medianLatencySteps).toBe(100);
  });

  it('starts a new search after a fault or a hop', () => {
    const h = history(6, (r) => [walker(0, 5, r === 3 ? 'fault' : 'descending', r === 5)]);
    const searches = splitSearches(h, 1e-3, 10, 6);
    expect(searches.map((s) => [s.startRound, s.rounds])).toEqual([
      [0, 2],
      [3, 2],
      [5, 1],
    ]);
  });
});

describe('success metrics', () => {
  const outcome = (seed: number, success: boolean, evaluations: number): RunOutcome => ({
    task: 't',
    method: 'hybrid',
    seed,
    success,
    bestLoss: success ? 0 : 1,
    evaluations,
    evaluationsPerWalker: evaluations / 4,
    rounds: 1,
    hops: seed,
    divergences: 0,
    numericalFaults: 0,
    stopReason: success ? 'target' : 'max-evaluations',
    wallMs: 10 * (seed + 1),
  });
  const runs = [outcome(0, true, 100), outcome(1, true, 300), outcome(2, false, 1000), outcome(3, true, 300)];

  it('summarizes rate, Wilson interval and medians over the successful seeds', () => {
    const s = summarizeMethod(runs);
    expect(s).toMatchObject({ seeds: 4, successes: 3, successRate: 0.75, medianEvaluationsToSuccess: 300, medianEvaluationsPerWalkerToSuccess: 75 });
    expect(s.successLow).toBeLessThan(0.75);
    expect(s.successHigh).toBeGreaterThan(0.75);
    expect(s.medianWallMsToSuccess).toBe(20);
    expect(s.evaluationsPerSecond).toBeCloseTo(1700 / 0.1, 6);
  });

  it('draws the success curve as the distribution of evaluations to success, up to the budget', () => {
    expect(successCurve(runs, 1000)).toEqual([
      { evaluations: 100, rate: 0.25 },
      { evaluations: 300, rate: 0.75 },
      { evaluations: 1000, rate: 0.75 },
    ]);
  });

  it('takes type-7 quantiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
  });
});
