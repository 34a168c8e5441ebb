/**
 * A thread's share of a round: walkers claimed from a shared counter, and each claimed walker's
 * outcome against the same round run alone.
 */
import { describe, expect, it } from 'vitest';
import { createObjective } from '../../src/augment/create.js';
import { resolveLocalOptions } from '../../src/optimizers/options.js';
import { prepareProblem } from '../../src/problem/prepare.js';
import { runClaimed } from '../../src/walker/batch.js';
import { runRound } from '../../src/walker/round.js';
import type { RoundTask } from '../../src/walker/round.js';
import { example1 } from '../fixtures/problems.js';

describe('runClaimed', () => {
  const problem = example1(0, 0.49);

  async function tasks(methods: Array<'gd' | 'levenberg-marquardt'>): Promise<RoundTask[]> {
    const prepared = await prepareProblem(problem);
    const obj = await createObjective(problem, { augmentation: 'neuron', lambda: 1 });
    return methods.map((method, i) => {
      const z = new Float64Array(obj.dimension);
      z[0] = 0.1 + 0.1 * i;
      z[1] = 0.01;
      return {
        problem: prepared,
        augmentation: 'neuron',
        lambda: 1,
        local: resolveLocalOptions({ method, learningRate: 0.002, stepsPerRound: 50 }),
        budget: 50,
        targetLoss: -Infinity,
        z,
        stepper: null,
        stop: null,
        deadline: Infinity,
      };
    });
  }

  it('gives each walker the outcome it gets alone, and one that throws does not stop the others', async () => {
    // Levenberg–Marquardt needs the squared loss: the middle walker's round throws INVALID_INPUT.
    const claimed = await runClaimed(await tasks(['gd', 'levenberg-marquardt', 'gd']), null);
    expect(claimed.map(([i]) => i)).toEqual([0, 1, 2]);
    const outcomes = claimed.map(([, o]) => o);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.code).toBe('INVALID_INPUT');

    const alone = await tasks(['gd', 'gd', 'gd']);
    for (const i of [0, 2]) {
      const expected = await runRound(alone[i]);
      const got = (outcomes[i] as PromiseFulfilledResult<Awaited<ReturnType<typeof runRound>>>).value;
      expect(Array.from(got.z)).toEqual(Array.from(expected.z));
      expect(got.evaluations).toBe(51);
      expect(got.stats).toEqual(expected.stats);
    }
  });

  it('two claimants on one counter run every walker exactly once, each as it runs alone', async () => {
    const all = await tasks(['gd', 'gd', 'gd', 'gd', 'gd']);
    const claim = new Int32Array(new SharedArrayBuffer(4));
    // Interleaved on one thread: each claimant awaits between walkers, so the other claims in between.
    const [first, second] = await Promise.all([runClaimed(all, claim), runClaimed(all, claim)]);
    const indices = [...first, ...second].map(([i]) => i).sort();
    expect(indices).toEqual([0, 1, 2, 3, 4]);
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBeGreaterThan(0);
    expect(Atomics.load(claim, 0)).toBeGreaterThanOrEqual(5);
    const alone = await tasks(['gd', 'gd', 'gd', 'gd', 'gd']);
    for (const [i, out] of [...first, ...second]) {
      const expected = await runRound(alone[i]);
      expect(Array.from((out as PromiseFulfilledResult<Awaited<ReturnType<typeof runRound>>>).value.z)).toEqual(Array.from(expected.z));
    }
  });
});
