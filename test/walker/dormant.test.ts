/**
 * The dormant auxiliary: while it rests at its neutral point the walker's θ follows plain gradient
 * descent on L exactly; when θ stalls the auxiliary is switched on at a = 0 and descended with θ.
 */
import { describe, expect, it } from 'vitest';
import { optimize } from '../../src/index.js';
import type { OptimizeOptions, Problem } from '../../src/index.js';
import { resolveOptions } from '../../src/options.js';
import { example1, xorTanh } from '../fixtures/problems.js';

const rounds = (problem: Problem, options: OptimizeOptions, n: number) =>
  optimize(problem, { threads: 0, walkers: 2, hopping: false, stopWhenCertified: false, seed: 'dormant', maxRounds: n, ...options });

describe("auxiliary: 'dormant'", () => {
  it.each([
    ['neuron, XOR tanh', xorTanh, { local: { method: 'gd', learningRate: 0.2, stepsPerRound: 50 } }, 3],
    // Rastrigin walkers reach a local minimum within the first round (and the auxiliary wakes after it).
    ['scalar, Rastrigin 2-D', { objective: { type: 'rastrigin', dimension: 2 } }, { local: { method: 'gd', learningRate: 2e-3, stepsPerRound: 50 } }, 1],
  ] as [string, Problem, OptimizeOptions, number][])('%s: θ follows gradient descent on L bit for bit while the auxiliary rests', async (_name, problem, options, n) => {
    const plain = await rounds(problem, { ...options, augmentation: 'none' }, n);
    const dormant = await rounds(problem, options, n);
    // The auxiliary rested through these rounds: a = 0 (neuron) or a·e^b = 1 (scalar) at the best point.
    expect(dormant.history.slice(0, -1).every((h) => h.walkers.every((w) => w.verdict === 'descending'))).toBe(true);
    expect(Array.from(dormant.theta)).toEqual(Array.from(plain.theta));
    expect(dormant.history.map((h) => h.walkers.map((w) => w.loss))).toEqual(plain.history.map((h) => h.walkers.map((w) => w.loss)));
    const rest = 'objective' in problem ? [1, 0] : [0, 0, 0, 0];
    expect([...dormant.aux.a, ...dormant.aux.b, ...dormant.aux.W]).toEqual(rest);
    // 'joint' descends the auxiliary from the first step: θ's path differs.
    const joint = await rounds(problem, { ...options, auxiliary: 'joint' }, n);
    expect(Array.from(joint.theta)).not.toEqual(Array.from(plain.theta));
  });

  it('wakes the auxiliary when θ stalls in the bad basin of Example 1; it then carries the fit and runs off', async () => {
    const states: { walkers: { auxActive: boolean }[] }[] = [];
    const r = await rounds(example1(0, 0.49), { local: { method: 'gd', learningRate: 0.002, stepsPerRound: 100 }, checkpointEvery: 1, onCheckpoint: (c) => states.push(c as never) }, 30);
    const w0 = r.history.map((h) => h.walkers[0]);
    // Round 1 ran with a resting (a = 0) and ended with θ at the bad minimum: 'stuck', and the unit wakes.
    expect(w0[0].aNorm).toBe(0);
    expect(w0[0].verdict).toBe('stuck');
    expect(states.every((s) => s.walkers[0].auxActive)).toBe(true);
    // From then on a is descended: it moves off 0, and the unit takes the fit over while L(θ) stays bad.
    expect(w0.slice(1).every((w) => w.aNorm > 0)).toBe(true);
    const last = w0[w0.length - 1];
    expect(last.loss).toBeGreaterThan(7.99);
    expect(last.augmentedLoss).toBeLessThan(0.5 * last.loss);
  });

  it('is refused for anything but dormant or joint, naming the field', () => {
    expect(() => resolveOptions({ auxiliary: 'sleepy' as never }, 'model')).toThrow("options.auxiliary: expected 'dormant' or 'joint', got \"sleepy\"");
    expect(resolveOptions({}, 'model').auxiliary).toBe('dormant');
  });
});
