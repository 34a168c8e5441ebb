/**
 * Issue guarantee: the same seed gives bit-identical theta, loss and history with threads 0, 1 and
 * 2, and with threads left out (the adaptive executor, which moves to its pool mid-run when the
 * batches are slow enough).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { optimize } from '../../src/index.js';
import type { OptimizeOptions } from '../../src/index.js';
import { example1, xorTanh } from '../fixtures/problems.js';
import { expectSameResult } from '../helpers/runs.js';

const cases: [string, Parameters<typeof optimize>[0], OptimizeOptions][] = [
  ['XOR tanh, hybrid (certified early)', xorTanh, { walkers: 3, local: { method: 'gd', learningRate: 0.2, stepsPerRound: 50 }, maxRounds: 30, monitor: { patience: 2 } }],
  ['Example 1, hybrid with hops', example1(0, 0.49), { walkers: 4, local: { method: 'gd', learningRate: 0.002, stepsPerRound: 100 }, maxRounds: 20 }],
  ['Rastrigin 2-D, scalar, adam', { objective: { type: 'rastrigin', dimension: 2 } }, { walkers: 3, local: { method: 'adam', learningRate: 0.05, stepsPerRound: 40 }, maxRounds: 15 }],
];

describe('determinism across thread counts', () => {
  it.each(cases)('%s', async (_name, problem, options) => {
    const runs = [];
    for (const threads of [0, 1, 2, undefined]) runs.push(await optimize(problem, { ...options, threads, seed: 'determinism' }));
    const [base, ...others] = runs;
    // Each case must exercise what can go wrong across threads: hops, or a certified stop.
    expect(base.hops > 0 || base.stopReason === 'certified').toBe(true);
    for (const r of others) expectSameResult(r, base);
  });

  it('threads left out, on an objective slow enough to move to the pool mid-run: the same result as in-process', async () => {
    const module = fileURLToPath(new URL('../fixtures/modules/slow.mjs', import.meta.url));
    const problem = { objective: { module, export: 'slowRastrigin', args: { dimension: 6, msPerEvaluation: 1 } } };
    const options: OptimizeOptions = { walkers: 2, augmentation: 'scalar', maxEvaluations: 4000, seed: 'adaptive' };
    const inProcess = await optimize(problem, { ...options, threads: 0 });
    const adaptive = await optimize(problem, options);
    expect(inProcess.hops).toBeGreaterThan(0);
    expect(inProcess.threads).toBe(0);
    expect(adaptive.threads).toBe(2);
    expectSameResult(adaptive, inProcess);
  });

  it('a different seed gives a different run', async () => {
    const options: OptimizeOptions = { threads: 0, walkers: 2, local: { method: 'gd', learningRate: 0.2, stepsPerRound: 20 }, maxRounds: 3 };
    const a = await optimize(xorTanh, { ...options, seed: 1 });
    const b = await optimize(xorTanh, { ...options, seed: 2 });
    expect(Array.from(a.theta)).not.toEqual(Array.from(b.theta));
  });
});
