import { describe, expect, it } from 'vitest';
import { NoBadMinimaError } from '../../src/errors.js';
import { StrongWolfeLineSearch } from '../../src/optimizers/line-search.js';
import { LBFGS, RELATIVE_DECREASE } from '../../src/optimizers/lbfgs.js';
import { createStream } from '../../src/rng.js';
import type { Differentiable } from '../../src/types.js';
import { lockstepScaled, rosenbrock } from './problems.js';

const C1 = 1e-3;
const C2 = 0.9;

describe('StrongWolfeLineSearch', () => {
  function search(f: Differentiable, x: Float64Array, d: Float64Array, t0: number, maxTrials = 20) {
    const n = x.length;
    const g = new Float64Array(n);
    const f0 = f.evaluate(x, g);
    let slope = 0;
    for (let i = 0; i < n; i++) slope += g[i] * d[i];
    const ls = new StrongWolfeLineSearch({ sufficientDecrease: C1, curvature: C2, maxTrials });
    const trial = new Float64Array(n);
    const trialGrad = new Float64Array(n);
    const status = ls.search(f, x, f0, slope, d, t0, trial, trialGrad);
    let slopeT = 0;
    for (let i = 0; i < n; i++) slopeT += trialGrad[i] * d[i];
    return { status, ls, f0, slope, trial, slopeT };
  }

  it('meets both strong Wolfe conditions along −∇f at random points of Rosenbrock', () => {
    const rng = createStream('wolfe', 0).next;
    for (let k = 0; k < 50; k++) {
      const x = Float64Array.of(-2 + 4 * rng(), -1 + 3 * rng());
      const g = new Float64Array(2);
      rosenbrock.evaluate(x, g);
      const d = Float64Array.from(g, (v) => -v);
      const { status, ls, f0, slope, trial, slopeT } = search(rosenbrock, x, d, 1);
      expect(status).toBe('wolfe');
      expect(ls.value).toBeLessThanOrEqual(f0 + C1 * ls.step * slope);
      expect(Math.abs(slopeT)).toBeLessThanOrEqual(C2 * Math.abs(slope));
      expect(rosenbrock.evaluate(trial, null)).toBe(ls.value);
    }
  });

  it('extrapolates past a step that is too short: (z − 100)² from 0 with t₀ = 1 along d = 1', () => {
    const f: Differentiable = {
      dimension: 1,
      evaluate(z, grad) {
        if (grad !== null) grad[0] = 2 * (z[0] - 100);
        return (z[0] - 100) ** 2;
      },
    };
    const { status, ls, slope, slopeT } = search(f, Float64Array.of(0), Float64Array.of(1), 1);
    expect(status).toBe('wolfe');
    // Backtracking from t = 1 could never go past 1; the curvature condition needs t ≥ 1.
    expect(ls.step).toBeGreaterThan(1);
    expect(Math.abs(slopeT)).toBeLessThanOrEqual(C2 * Math.abs(slope));
  });

  it('takes the trials dcsrch takes, worked by hand: (z − 100)² from 0 along d = 1, t₀ = 1 → t = 1, 5, 21', () => {
    // φ(0) = 10⁴, φ'(0) = −200. t = 1: φ = 9801, φ' = −198, too steep for |φ'| ≤ 0.9·200. dcstep's
    // third case (f fell, |φ'| fell): the cubic and the secant both put the minimizer at 100, and
    // the step is clipped to dcsrch's first extrapolation bound 1 + 4·1 = 5. t = 5: φ' = −190, the
    // same minimizer, clipped to 5 + 4·(5 − 1) = 21. t = 21: |φ'| = 158 ≤ 180, accepted.
    const trials: number[] = [];
    const f: Differentiable = {
      dimension: 1,
      evaluate(z, grad) {
        trials.push(z[0]);
        if (grad !== null) grad[0] = 2 * (z[0] - 100);
        return (z[0] - 100) ** 2;
      },
    };
    const x = Float64Array.of(0);
    const ls = new StrongWolfeLineSearch({ sufficientDecrease: C1, curvature: C2, maxTrials: 20 });
    const status = ls.search(f, x, 1e4, -200, Float64Array.of(1), 1, new Float64Array(1), new Float64Array(1));
    expect(status).toBe('wolfe');
    expect(trials).toEqual([1, 5, 21]);
    expect([ls.step, ls.value, ls.evaluations]).toEqual([21, 79 ** 2, 3]);
  });

  it("recovers from a non-finite trial by shrinking the step", () => {
    const f: Differentiable = {
      dimension: 1,
      evaluate(z, grad) {
        if (z[0] >= 0.5) return NaN;
        if (grad !== null) grad[0] = 2 * (z[0] - 0.3);
        return (z[0] - 0.3) ** 2;
      },
    };
    const { status, ls } = search(f, Float64Array.of(0), Float64Array.of(1), 1);
    expect(status).toBe('wolfe');
    // t = 1 and then 0.5 are not finite; halfway back again, t = 0.25 meets both conditions.
    expect(ls.step).toBe(0.25);
    expect(ls.value).toBeCloseTo(0.05 ** 2, 15);
    expect(ls.evaluations).toBe(3);
  });

  it('never evaluates a non-finite step twice: (z − 2)² defined below 0.5 only, from 0 with t₀ = 0.1 and c₂ = 0.1', () => {
    // t = 0.1 is too steep (|φ'| = 3.8 > 0.4); the secant points at 2, clipped to dcsrch's bound
    // 0.1 + 4·0.1 = 0.5, which is NaN: halfway back, 0.3. From there the secant points at 2 again,
    // clipped to [0.52, 1.1] and then to the cap 0.5: not 0.5 again but halfway to it, 0.4.
    const trials: number[] = [];
    const f: Differentiable = {
      dimension: 1,
      evaluate(z, grad) {
        trials.push(z[0]);
        if (z[0] >= 0.5) return NaN;
        if (grad !== null) grad[0] = 2 * (z[0] - 2);
        return (z[0] - 2) ** 2;
      },
    };
    const ls = new StrongWolfeLineSearch({ sufficientDecrease: C1, curvature: 0.1, maxTrials: 12 });
    const status = ls.search(f, Float64Array.of(0), 4, -4, Float64Array.of(1), 0.1, new Float64Array(1), new Float64Array(1));
    expect(trials.length).toBeGreaterThanOrEqual(4);
    [0.1, 0.5, 0.3, 0.4].forEach((t, k) => expect(trials[k]).toBeCloseTo(t, 15));
    expect(trials.filter((t) => t >= 0.5)).toEqual([0.5]);
    // No trial meets |φ'| ≤ 0.4 below 0.5: the search ends on the lowest trial it can reach.
    expect(status).not.toBe('wolfe');
    if (status !== 'failed') expect(ls.value).toBeLessThan(4);
  });

  it('treats a NUMERICAL_FAULT at a trial as a step too far', () => {
    const f: Differentiable = {
      dimension: 1,
      evaluate(z, grad) {
        if (z[0] >= 0.5) throw new NoBadMinimaError('NUMERICAL_FAULT', 'exponent overflow', 'test');
        if (grad !== null) grad[0] = 2 * (z[0] - 0.3);
        return (z[0] - 0.3) ** 2;
      },
    };
    const { status, ls } = search(f, Float64Array.of(0), Float64Array.of(1), 1);
    expect(status).toBe('wolfe');
    expect(ls.step).toBeLessThan(0.5);
  });

  it("'failed' when no trial lowers f (a gradient of the wrong sign), with the budget spent exactly", () => {
    const liar: Differentiable = {
      dimension: 1,
      evaluate(z, grad) {
        if (grad !== null) grad[0] = -2 * z[0];
        return z[0] * z[0];
      },
    };
    const { status, ls, f0 } = search(liar, Float64Array.of(1), Float64Array.of(1), 1, 6);
    expect(status).toBe('failed');
    expect(ls.evaluations).toBe(6);
    expect(ls.value).toBe(f0);
  });
});

describe('L-BFGS with the strong Wolfe search', () => {
  it('does not depend on the scale of f: 1024·f gives the same points bit for bit', () => {
    lockstepScaled(new LBFGS(2), new LBFGS(2), rosenbrock, [-1.2, 1], 40);
  });

  it('solves Rosenbrock from (−1.2, 1) in fewer evaluations than the Armijo search needed (about 1.2 per step)', () => {
    const stepper = new LBFGS(2);
    const z = Float64Array.of(-1.2, 1);
    let evaluations = 0;
    let steps = 0;
    while (evaluations < 200 && !(stepper.lastValue < 1e-14)) {
      evaluations += stepper.step(rosenbrock, z);
      steps++;
    }
    expect(stepper.lastValue).toBeLessThan(1e-14);
    expect(evaluations / steps).toBeLessThan(1.5);
  });

  it('reports convergence once f stops falling by more than RELATIVE_DECREASE of itself', () => {
    // f = (z − 1)² + 1: its minimum value is 1, so the relative test (not an absolute one) ends it.
    const f: Differentiable = {
      dimension: 1,
      evaluate(z, grad) {
        if (grad !== null) grad[0] = 2 * (z[0] - 1);
        return (z[0] - 1) ** 2 + 1;
      },
    };
    const stepper = new LBFGS(1);
    const z = Float64Array.of(5);
    let previous = f.evaluate(z, null);
    let k = 0;
    for (; k < 100 && !stepper.converged; k++) {
      stepper.step(f, z);
      const now = stepper.lastValue;
      // While not converged, every step fell by more than the relative tolerance.
      if (!stepper.converged) expect(previous - now).toBeGreaterThan(RELATIVE_DECREASE * Math.max(Math.abs(previous), Math.abs(now)));
      previous = now;
    }
    expect(stepper.converged).toBe(true);
    expect(Math.abs(z[0] - 1)).toBeLessThan(1e-4);
    // The flag survives a state round trip.
    const restored = new LBFGS(1);
    restored.setState(JSON.parse(JSON.stringify(stepper.getState())));
    expect(restored.converged).toBe(true);
  });
});
