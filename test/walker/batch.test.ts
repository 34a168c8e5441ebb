/**
 * Batches: the split of walkers over threads, and a batch's outcomes against the same rounds run
 * one by one.
 */
import { describe, expect, it } from 'vitest';
import { createObjective } from '../../src/augment/create.js';
import { resolveLocalOptions } from '../../src/optimizers/options.js';
import { prepareProblem } from '../../src/problem/prepare.js';
import { batchBounds, runBatch } from '../../src/walker/batch.js';
import { runRound } from '../../src/walker/round.js';
import type { RoundTask } from '../../src/walker/round.js';
import { example1 } from '../fixtures/problems.js';

describe('batchBounds', () => {
  it.each([
    [8, 2, [[0, 4], [4, 8]]],
    [8, 3, [[0, 3], [3, 6], [6, 8]]],
    [5, 2, [[0, 3], [3, 5]]],
    [3, 4, [[0, 1], [1, 2], [2, 3]]],
    [1, 1, [[0, 1]]],
    [0, 2, []],
  ])('%i walkers over %i threads', (count, parts, expected) => {
    expect(batchBounds(count, parts)).toEqual(expected);
  });
});

describe('runBatch', () => {
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
    const outcomes = await runBatch(await tasks(['gd', 'levenberg-marquardt', 'gd']));
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
});
