import { describe, expect, it } from 'vitest';
import { runSafranShamirGd } from '../../benchmarks/reference/safran-shamir-protocol.js';
import { wilsonInterval } from '../../benchmarks/reference/wilson.js';

describe('Safran–Shamir plain-GD protocol', () => {
  it('depends on the seed alone', () => {
    const a = runSafranShamirGd(4, 4, 'same', { maxSteps: 3000, checkpoints: [0, 10, 100] });
    const b = runSafranShamirGd(4, 4, 'same', { maxSteps: 3000, checkpoints: [0, 10, 100] });
    expect(b).toEqual(a);
    const other = runSafranShamirGd(4, 4, 'other', { maxSteps: 3000, checkpoints: [0, 10, 100] });
    expect(other.lossAtCheckpoints[0]).not.toBe(a.lossAtCheckpoints[0]);
  });

  it('converges to the global minimum for k = n = 2, where no spurious minimum exists', () => {
    const run = runSafranShamirGd(2, 2, 'small');
    expect(run.converged).toBe(true);
    expect(run.gradientNorm).toBeLessThanOrEqual(1e-9);
    expect(run.spurious).toBe(false);
    expect(run.finalLoss).toBeLessThan(1e-12);
    expect(run.restarts).toBe(0);
  });

  it('halves the step and restarts from the same W₀ when an attempt diverges', () => {
    const run = runSafranShamirGd(3, 3, 'diverge', { learningRate: 1e4, maxSteps: 5000 });
    expect(run.restarts).toBeGreaterThan(0);
    expect(run.learningRate).toBe(1e4 / 2 ** run.restarts);
    expect(Number.isFinite(run.finalLoss)).toBe(true);
    expect(run.evaluations).toBeGreaterThan(run.steps);
  });

  it('reports the cap and fills checkpoints past the stop with the final objective', () => {
    const capped = runSafranShamirGd(6, 6, 'cap', { maxSteps: 50, checkpoints: [0, 50, 1000] });
    expect(capped.steps).toBe(50);
    expect(capped.converged).toBe(false);
    expect(capped.lossAtCheckpoints[0]).toBeGreaterThan(capped.lossAtCheckpoints[1]);
    expect(capped.lossAtCheckpoints[2]).toBe(capped.finalLoss);
  });
});

describe('wilsonInterval', () => {
  it('matches the closed form for 126 of 1000', () => {
    // p = 0.126, z² / n = 0.0038415: centre 0.12743, half-width 0.02058.
    const { low, high } = wilsonInterval(126, 1000);
    expect(low).toBeCloseTo(0.10685, 4);
    expect(high).toBeCloseTo(0.14801, 4);
  });

  it('stays inside [0, 1] at the extremes', () => {
    expect(wilsonInterval(0, 50).low).toBe(0);
    expect(wilsonInterval(0, 50).high).toBeGreaterThan(0);
    expect(wilsonInterval(50, 50).high).toBe(1);
  });
});
