/** Every stop reason, and what onProgress receives. */
import { describe, expect, it } from 'vitest';
import { optimize } from '../../src/index.js';
import type { Progress } from '../../src/index.js';
import { example1 } from '../fixtures/problems.js';

const local = { method: 'gd' as const, learningRate: 0.002, stepsPerRound: 100 };
const base = { threads: 0, walkers: 2, local, seed: 11 };

describe('stop reasons', () => {
  it("'certified' without any target: a walker in the global basin reaches a local minimum of L̃", async () => {
    const r = await optimize(example1(0.79, 0.8), { ...base, maxRounds: 200 });
    expect(r.stopReason).toBe('certified');
    expect(r.certified).toBe(true);
    expect(r.loss).toBe(0);
    // Theorem 1 (ii): at the certified point the neuron is switched off and L̃ = L.
    expect(Math.abs(r.aux.a[0])).toBeLessThanOrEqual(1e-4);
    expect(r.message).toMatch(/global minimum of L/);
  });

  it("'max-evaluations' never overspends the budget by more than a round's line searches", async () => {
    const r = await optimize(example1(0, 0.49), { ...base, augmentation: 'none', hopping: false, maxEvaluations: 1000 });
    expect(r.stopReason).toBe('max-evaluations');
    expect(r.evaluations).toBeLessThanOrEqual(1000);
    expect(r.evaluations).toBeGreaterThan(900);
  });

  it("'max-rounds'", async () => {
    // No certified stop: a hopped walker can land in the global basin and certify within 3 rounds.
    const r = await optimize(example1(0, 0.49), { ...base, stopWhenCertified: false, maxRounds: 3 });
    expect([r.stopReason, r.rounds, r.history.length]).toEqual(['max-rounds', 3, 3]);
  });

  it("'callback' when onProgress returns false, after a progress report per round", async () => {
    const seen: Progress[] = [];
    const r = await optimize(example1(0, 0.49), {
      ...base,
      stopWhenCertified: false,
      maxRounds: 100,
      onProgress: (p) => {
        seen.push(structuredClone(p));
        return p.round < 4;
      },
    });
    expect(r.stopReason).toBe('callback');
    expect(seen.map((p) => p.round)).toEqual([1, 2, 3, 4]);
    for (const p of seen) {
      expect(Object.keys(p).sort()).toEqual(['bestLoss', 'elapsedMs', 'evaluations', 'hops', 'round', 'verdicts']);
      expect(p.verdicts.descending + p.verdicts.converged + p.verdicts.stuck + p.verdicts.stalled).toBe(2);
    }
    expect(seen.at(-1)!.evaluations).toBe(r.evaluations);
  });
});
