/**
 * runRound reuses one stepper per thread and options object (round.ts): a round must still be a pure
 * function of its inputs, whatever other walkers' rounds ran on the same stepper before it.
 */
import { describe, expect, it } from 'vitest';
import { augment } from '../../src/augment/create.js';
import { resolveOptions } from '../../src/options.js';
import { instantiate } from '../../src/problem/instantiate.js';
import { prepareProblem } from '../../src/problem/prepare.js';
import { createStream } from '../../src/rng.js';
import { createControl, roundSteps, runRound } from '../../src/walker/round.js';
import type { RoundInput, RoundResult } from '../../src/walker/round.js';
import { xorTanh } from '../fixtures/problems.js';

const plain = (r: RoundResult) => ({ z: Array.from(r.z), stepper: r.stepper, evaluations: r.evaluations, stats: r.stats });

describe('runRound on a shared stepper', () => {
  it.each(['gd', 'nesterov', 'adam', 'lbfgs', 'levenberg-marquardt'] as const)('%s: a round gives the same result before and after other walkers’ rounds', async (method) => {
    const o = resolveOptions({ local: { method, learningRate: method === 'adam' ? 0.01 : 0.1, stepsPerRound: 20 } }, 'model');
    const obj = augment(await instantiate(await prepareProblem(xorTanh)), o.augmentation, o.lambda);
    const start = (seed: string) => {
      const z = new Float64Array(obj.dimension);
      obj.init(createStream(seed, 0).next, z, 0.01);
      return z;
    };
    const input = (z: Float64Array, stepper: RoundResult['stepper'], thetaOnly = false): RoundInput => ({
      local: o.local, budget: 20, targetLoss: -Infinity, gradientTolerance: -Infinity, z, stepper, thetaOnly, round: 1, control: createControl(), deadline: Infinity,
    });
    // Walker A's second round, from its first round's state, run first on a fresh thread-local stepper…
    const a1 = runRound(obj, input(start('a'), null));
    const a2 = plain(runRound(obj, input(a1.z, a1.stepper)));
    // …and again after walker B's rounds have left the stepper in a different state.
    const b1 = runRound(obj, input(start('b'), null));
    runRound(obj, input(b1.z, b1.stepper, true));
    expect(plain(runRound(obj, input(a1.z, a1.stepper)))).toEqual(a2);
    // A fresh start after B's rounds equals A's own fresh start.
    expect(plain(runRound(obj, input(start('a'), null)))).toEqual(plain(a1));
    // 20 steps' evaluations and one for the end statistics, except where the stepper ended on the
    // point it evaluated last (L-BFGS's accepted trial): the statistics reuse that evaluation.
    expect(a2.evaluations).toBe(method === 'lbfgs' ? 20 : 21);
  });
});

describe('runRound with the auxiliary resting', () => {
  it.each(['gd', 'nesterov', 'adam', 'lbfgs'] as const)('%s: steps through the neuron’s shortcut and gives what the full evaluation gives', async (method) => {
    const o = resolveOptions({ local: { method, learningRate: method === 'adam' ? 0.01 : 0.1, stepsPerRound: 20 } }, 'model');
    const fast = augment(await instantiate(await prepareProblem(xorTanh)), o.augmentation, o.lambda);
    const full = augment(await instantiate(await prepareProblem(xorTanh)), o.augmentation, o.lambda);
    // The same objective without the shortcut: θ-only steps then zero the full gradient's auxiliary part.
    Object.defineProperty(full, 'evaluateResting', { value: undefined });
    let shortcutCalls = 0;
    const evaluateResting = fast.evaluateResting!.bind(fast);
    fast.evaluateResting = (z, g) => {
      shortcutCalls++;
      return evaluateResting(z, g);
    };
    const z = new Float64Array(fast.dimension);
    fast.init(createStream('resting', 0).next, z, 0.01);
    fast.restAux(z);
    const input = (): RoundInput => ({
      local: o.local, budget: 20, targetLoss: -Infinity, gradientTolerance: -Infinity, z, stepper: null, thetaOnly: true, round: 1, control: createControl(), deadline: Infinity,
    });
    const gotFull = runRound(fast, input());
    const got = plain(gotFull);
    expect(shortcutCalls).toBeGreaterThanOrEqual(20);
    const reference = runRound(full, input());
    // The same point, state, statistics and count. The end statistics reuse the steps' last
    // evaluation where L-BFGS ended on it, with the shortcut (completeResting fills in the
    // auxiliary's gradient and the residual) as without it.
    expect(got).toEqual(plain(reference));
    expect(gotFull.evaluations).toBe(method === 'lbfgs' ? 20 : 21);
    expect(got.z.slice(fast.thetaSize).every((v) => v === 0)).toBe(true);
    expect(got.z.slice(0, fast.thetaSize)).not.toEqual(Array.from(z.slice(0, fast.thetaSize)));
  });
});

describe('roundSteps sliced by yields', () => {
  it.each(['lbfgs', 'gd'] as const)('%s: another walker evaluating the same objective at every yield changes nothing, the count included', async (method) => {
    const o = resolveOptions({ local: { method, learningRate: 0.1, stepsPerRound: 20 } }, 'model');
    const obj = augment(await instantiate(await prepareProblem(xorTanh)), o.augmentation, o.lambda);
    const start = (seed: string) => {
      const z = new Float64Array(obj.dimension);
      obj.init(createStream(seed, 0).next, z, 0.01);
      obj.restAux(z);
      return z;
    };
    const input = (z: Float64Array, budget: number): RoundInput => ({
      local: o.local, budget, targetLoss: -Infinity, gradientTolerance: -Infinity, z, stepper: null, thetaOnly: true, round: 1, control: createControl(), deadline: Infinity,
    });
    // Budgets from 1 to 40: a round then ends at every offset from its last yield, right after one
    // included (the end statistics then come after a yield, with no step in between).
    let endedOnYield = 0;
    for (let budget = 1; budget <= 40; budget++) {
      const alone = plain(runRound(obj, input(start('a'), budget)));
      // sliceMs 0: a yield at every poll. At each, walker B's evaluations overwrite the objective's
      // internals and stats (its resting shortcut included), as an in-process run's other walkers do.
      const other = start('b');
      const otherGrad = new Float64Array(obj.dimension);
      const steps = roundSteps(obj, input(start('a'), budget), 0);
      let yields = 0;
      let next = steps.next();
      while (!next.done) {
        yields++;
        obj.evaluate(other, otherGrad);
        obj.evaluateResting!(other, otherGrad);
        next = steps.next();
        if (next.done) endedOnYield++;
      }
      expect(yields).toBeGreaterThan(0);
      expect(plain(next.value), `budget ${budget}`).toEqual(alone);
    }
    expect(endedOnYield).toBeGreaterThan(0);
  });
});
