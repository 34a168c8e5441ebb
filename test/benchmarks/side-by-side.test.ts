import { describe, expect, it } from 'vitest';
import type { ScipyRun } from '../../benchmarks/peer/scipy.js';
import { sideBySide } from '../../benchmarks/report/side-by-side.js';
import type { RunOutcome } from '../../benchmarks/runner/run-one.js';

const ours = (seed: number, evaluations: number, wallMs = 1): RunOutcome => ({
  task: 'xor-tanh', method: 'hybrid', seed, success: true, bestLoss: 0, evaluations, evaluationsPerWalker: evaluations,
  rounds: 1, hops: 0, divergences: 0, numericalFaults: 0, stopReason: 'target', wallMs,
});
const scipy = (seed: number, evaluations: number): ScipyRun => ({
  task: 'xor-tanh', seed, mode: 'to-target', success: true, bestLoss: 0, evaluations, firstHitEvaluations: evaluations, hops: 1, stop: 'target', wallMs: 2,
});

describe('sideBySide', () => {
  it('compares on the seeds both sides ran: our seeds that scipy did not run are left out', () => {
    // Ours on seeds 0–4 (10, 20, 30, 40, 50), scipy on seeds 0–2 only (20, 20, 20):
    // over all five seeds our median would be 30 (1.5×); over seeds 0–2 it is 20 (1.0×).
    const runs = [10, 20, 30, 40, 50].map((e, seed) => ours(seed, e));
    const row = sideBySide('xor-tanh', runs, [], [0, 1, 2].map((seed) => scipy(seed, 20)));
    expect(row.toTarget.ours?.seeds).toBe(3);
    expect(row.toTarget.ours?.medianEvaluationsToSuccess).toBe(20);
    expect(row.ratios.medianEvaluationsToTarget).toBe(1);
  });

  it('keeps every seed of ours when scipy did not run', () => {
    const runs = [10, 20, 30, 40, 50].map((e, seed) => ours(seed, e));
    const row = sideBySide('xor-tanh', runs, [], null);
    expect(row.toTarget.ours?.seeds).toBe(5);
    expect(row.toTarget.ours?.medianEvaluationsToSuccess).toBe(30);
    expect(row.ratios.medianEvaluationsToTarget).toBeNull();
  });
});
