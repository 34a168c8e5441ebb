import { describe, expect, it } from 'vitest';
import { concludeTrial, freshHopState, proposeTheta, restoredHopState } from '../../src/hopping/basin-hopping.js';
import { metropolis } from '../../src/hopping/metropolis.js';
import { adaptStepSize } from '../../src/hopping/step-size.js';
import { freshMoveCounts } from '../../src/hopping/move-choice.js';
import type { HoppingOptions } from '../../src/options.js';

const options: Required<HoppingOptions> = {
  mode: 'displace',
  temperature: 1,
  stepSize: 0.5,
  targetAcceptRate: 0.5,
  factor: 0.9,
  interval: 2,
  auxScale: 0.01,
  restartAfter: 0,
  minImprovement: 0,
};

/** A stream that replays fixed numbers, so each decision is computed by hand. */
const replay = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length];
};

describe('metropolis', () => {
  it.each([
    // newLoss, oldLoss, T, u, accepted: exp(−(new − old)/T) ≥ u
    [1, 2, 1, 0.999, true],
    [2, 2, 0, 0.999, true],
    [3, 2, 1, Math.exp(-1) - 1e-12, true],
    [3, 2, 1, Math.exp(-1) + 1e-12, false],
    [3, 2, 2, Math.exp(-0.5) - 1e-12, true],
    [2.0001, 2, 0, 0, false],
    [NaN, 2, 1, 0, false],
  ])('L_new = %d, L_old = %d, T = %d, u = %d → %s', (newLoss, oldLoss, T, u, accepted) => {
    expect(metropolis(newLoss, oldLoss, T, () => u)).toBe(accepted);
  });
});

describe('adaptStepSize (scipy rule)', () => {
  const o = { interval: 10, targetAcceptRate: 0.5, factor: 0.9 };
  it.each([
    [{ trials: 10, accepts: 6 }, 0.5 / 0.9],
    [{ trials: 10, accepts: 5 }, 0.5 * 0.9],
    [{ trials: 20, accepts: 2 }, 0.5 * 0.9],
    [{ trials: 9, accepts: 9 }, 0.5],
    [{ trials: 0, accepts: 0 }, 0.5],
  ])('%o → %d', (counts, expected) => {
    expect(adaptStepSize(0.5, counts, o)).toBeCloseTo(expected, 15);
  });
});

describe('concludeTrial and proposeTheta', () => {
  it('accepts the first minimum, then applies Metropolis and adapts the step every interval', () => {
    const state = freshHopState(0.5);
    expect(concludeTrial(state, Float64Array.of(1, 2), 5, replay(0.99), options)).toBe(true);
    const counts = { lastMove: null, moves: freshMoveCounts(), priorEvaluations: 1 };
    expect(state).toEqual({ acceptedTheta: [1, 2], acceptedLoss: 5, stepSize: 0.5, trials: 0, accepts: 0, bestLoss: 5, sinceImprovement: 0, lowestLoss: 5, ...counts });
    // Worse by 1 at T = 1: accepted iff e^(−1) ≈ 0.368 ≥ u.
    expect(concludeTrial(state, Float64Array.of(3, 4), 6, replay(0.9), options)).toBe(false);
    expect(state.acceptedTheta).toEqual([1, 2]);
    expect(state.stepSize).toBe(0.5);
    expect(concludeTrial(state, Float64Array.of(5, 6), 4, replay(0.9), options)).toBe(true);
    // Two trials, one accepted: rate 0.5 is not above the target, so the step shrinks.
    expect(state).toEqual({ acceptedTheta: [5, 6], acceptedLoss: 4, stepSize: 0.5 * 0.9, trials: 2, accepts: 1, bestLoss: 4, sinceImprovement: 0, lowestLoss: 4, ...counts });
  });

  it("'adaptive' takes the move with the higher rate of wins per evaluation, and tunes the step on displacements only", () => {
    const o = { ...options, mode: 'adaptive' as const, interval: 1 };
    const state = freshHopState(0.5);
    const theta = new Float64Array(1);
    const init = (_rng: unknown, t: Float64Array) => t.fill(9);
    // The first search: 40 evaluations, the prior. θ = 2 and L = 3 accepted as they are.
    concludeTrial(state, Float64Array.of(2), 3, replay(0), o, 40);
    expect(state.priorEvaluations).toBe(40);
    // Nothing tried: rates 1/40 each, the tie goes to a displacement (u = 0.5: θ = 2 exactly).
    proposeTheta(state, theta, replay(0.5), o, init);
    expect([state.lastMove, theta[0]]).toEqual(['displace', 2]);
    // The displacement fails (L = 3.5 is no new lowest) after 30 evaluations, accepted (u = 0 ≤ e^−0.5):
    // trials 1, accepts 1, rate 1 > 0.5, so the step grows.
    concludeTrial(state, Float64Array.of(2.4), 3.5, replay(0), o, 30);
    expect(state.moves.displace).toEqual({ trials: 1, wins: 0, evaluations: 30 });
    expect([state.trials, state.accepts, state.stepSize]).toEqual([1, 1, 0.5 / 0.9]);
    // restart 1/40 > displace 1/70.
    proposeTheta(state, theta, replay(0.5), o, init);
    expect([state.lastMove, theta[0]]).toEqual(['restart', 9]);
    // The fresh start wins (L = 1 < 3) in 20: counted for 'restart', the step size untouched.
    expect(concludeTrial(state, Float64Array.of(9), 1, replay(0), o, 20)).toBe(true);
    expect(state.moves.restart).toEqual({ trials: 1, wins: 1, evaluations: 20 });
    expect([state.trials, state.accepts, state.stepSize, state.lowestLoss, state.acceptedTheta]).toEqual([1, 1, 0.5 / 0.9, 1, [9]]);
    // restart 2/60 > displace 1/70 again.
    proposeTheta(state, theta, replay(0.5), o, init);
    expect(state.lastMove).toBe('restart');
    // A failed restart of 100: restart 2/160 < displace 1/70.
    concludeTrial(state, Float64Array.of(9), 2, replay(0.99), o, 100);
    proposeTheta(state, theta, replay(0.5), o, init);
    expect([state.lastMove, theta[0]]).toEqual(['displace', 9]);
    expect(state.moves).toEqual({ displace: { trials: 1, wins: 0, evaluations: 30 }, restart: { trials: 2, wins: 1, evaluations: 120 } });
    // …and a failed displacement of 100: displace 1/170 < restart 2/160.
    concludeTrial(state, Float64Array.of(9), 2, replay(0.99), o, 100);
    proposeTheta(state, theta, replay(0.5), o, init);
    expect(state.lastMove).toBe('restart');
  });

  it('resumes a hop state written before the move counts existed', () => {
    const old = restoredHopState({ acceptedTheta: [1], acceptedLoss: 2, stepSize: 0.5, trials: 3, accepts: 1, bestLoss: 2, sinceImprovement: 0 } as unknown as ReturnType<typeof freshHopState>);
    expect(old).toMatchObject({ lowestLoss: null, lastMove: null, moves: freshMoveCounts(), priorEvaluations: null });
    const theta = new Float64Array(1);
    proposeTheta(old, theta, replay(0.5), { ...options, mode: 'adaptive' }, () => {
      throw new Error('a tie displaces');
    });
    expect(theta[0]).toBe(1);
    concludeTrial(old, Float64Array.of(1), 1.5, replay(0), options, 7);
    expect(old.moves.displace).toEqual({ trials: 1, wins: 1, evaluations: 7 });
  });

  it('displaces uniformly in [−s, s] from the accepted minimum, or restarts from init', () => {
    const state = freshHopState(0.5);
    state.acceptedTheta = [1, -1];
    const theta = new Float64Array(2);
    proposeTheta(state, theta, replay(0, 0.75), options, () => {
      throw new Error('displace must not call init');
    });
    expect(Array.from(theta)).toEqual([0.5, -0.75]);
    proposeTheta(state, theta, replay(0.25), { ...options, mode: 'restart' }, (_rng, t) => t.fill(7));
    expect(Array.from(theta)).toEqual([7, 7]);
  });

  it('restarts a displacing walker after restartAfter trials without a new best, and forgets its minimum', () => {
    const o = { ...options, restartAfter: 2 };
    const state = freshHopState(0.5);
    concludeTrial(state, Float64Array.of(0), 3, replay(0), o);
    concludeTrial(state, Float64Array.of(1), 4, replay(0), o);
    expect(state.sinceImprovement).toBe(1);
    const theta = new Float64Array(1);
    proposeTheta(state, theta, replay(0.5), o, (_rng, t) => t.fill(9));
    // One trial without improvement: still a displacement from the accepted minimum (θ = 1).
    expect(theta[0]).toBe(1);
    concludeTrial(state, Float64Array.of(2), 5, replay(0), o);
    proposeTheta(state, theta, replay(0.5), o, (_rng, t) => t.fill(9));
    expect(theta[0]).toBe(9);
    expect(state).toMatchObject({ acceptedTheta: null, acceptedLoss: null, bestLoss: null, sinceImprovement: 0 });
  });

  it.each([
    // best, trial loss, minImprovement, counts as a new best: loss < best·(1 − minImprovement)
    [0.02993, 0.02992, 1e-3, false],
    [0.02993, 0.02992, 0, true],
    [0.03, 0.0299, 1e-3, true],
    [1, 0.9995, 1e-3, false],
    [1, 0.998, 1e-3, true],
    [1, 0.5, 0.5, false],
  ])('best %d, then %d with minImprovement %d: new best %s', (best, loss, minImprovement, fresh) => {
    const o = { ...options, minImprovement };
    const state = freshHopState(0.5);
    concludeTrial(state, Float64Array.of(0), best, replay(0), o);
    concludeTrial(state, Float64Array.of(1), loss, replay(0), o);
    expect(state.sinceImprovement).toBe(fresh ? 0 : 1);
    expect(state.bestLoss).toBe(fresh ? loss : best);
  });

  it('restarts a walker whose minima creep lower by less than minImprovement', () => {
    const o = { ...options, restartAfter: 2, minImprovement: 1e-3 };
    const state = freshHopState(0.5);
    for (const loss of [0.02994, 0.02993, 0.02992]) concludeTrial(state, Float64Array.of(1), loss, replay(0), o);
    const theta = new Float64Array(1);
    proposeTheta(state, theta, replay(0.5), o, (_rng, t) => t.fill(9));
    expect(theta[0]).toBe(9);
  });
});
