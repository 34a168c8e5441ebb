import { describe, expect, it } from 'vitest';

import { NoBadMinimaError } from '../../src/errors.js';
import { createStepper } from '../../src/optimizers/create.js';
import { Adam } from '../../src/optimizers/adam.js';
import { GradientDescent } from '../../src/optimizers/gd.js';
import { LBFGS } from '../../src/optimizers/lbfgs.js';
import { LevenbergMarquardt } from '../../src/optimizers/levenberg-marquardt.js';
import { Nesterov } from '../../src/optimizers/nesterov.js';
import { isLeastSquares, type LeastSquares } from '../../src/optimizers/stepper.js';
import type { Differentiable } from '../../src/types.js';
import { expectError } from '../helpers/errors.js';
import { exponentialCurve, quadratic, rosenbrock } from './problems.js';

/** f(z) = Σ c_i z_i², gradient 2c_i z_i. */
function separable(c: number[]): Differentiable {
  return {
    dimension: c.length,
    evaluate(z, grad) {
      let sum = 0;
      for (let i = 0; i < c.length; i++) {
        sum += c[i] * z[i] * z[i];
        if (grad !== null) grad[i] = 2 * c[i] * z[i];
      }
      return sum;
    },
  };
}

/** Counts evaluations of f and of its residuals. */
function counting<T extends Differentiable>(f: T): { f: T; count: () => number } {
  let calls = 0;
  const wrapped = Object.create(f) as T & Partial<LeastSquares>;
  wrapped.evaluate = (z, grad) => {
    calls++;
    return f.evaluate(z, grad);
  };
  if (isLeastSquares(f)) {
    wrapped.residuals = (z, out) => {
      calls++;
      f.residuals(z, out);
    };
  }
  return { f: wrapped, count: () => calls };
}

describe('first steps, computed by hand', () => {
  // f = z0² + 2·z1² at z = (1, 1): gradient (2, 4).
  const f = separable([1, 2]);

  it('gd: z − lr·g', () => {
    const z = Float64Array.of(1, 1);
    new GradientDescent(2, { learningRate: 0.1 }).step(f, z);
    expect(Array.from(z)).toEqual([1 - 0.2, 1 - 0.4]);
  });

  it('nesterov: two steps of v ← μv + g, z ← z − lr(g + μv)', () => {
    const stepper = new Nesterov(2, { learningRate: 0.1, momentum: 0.5 });
    const z = Float64Array.of(1, 1);
    stepper.step(f, z);
    // v = (2, 4); z = 1 − 0.1·(g + 0.5·v) = (0.7, 0.4)
    expect(z[0]).toBeCloseTo(0.7, 15);
    expect(z[1]).toBeCloseTo(0.4, 15);
    stepper.step(f, z);
    // g = (1.4, 1.6); v = 0.5·(2, 4) + g = (2.4, 3.6); z −= 0.1·(g + 0.5·v) = 0.1·(2.6, 3.4)
    expect(z[0]).toBeCloseTo(0.44, 15);
    expect(z[1]).toBeCloseTo(0.06, 15);
  });

  it('adam: the first step moves every coordinate by lr·g/(|g| + ε)', () => {
    const stepper = new Adam(2, { learningRate: 0.1, epsilon: 1e-8 });
    const z = Float64Array.of(1, 1);
    stepper.step(f, z);
    expect(z[0]).toBeCloseTo(1 - 0.1 * (2 / (2 + 1e-8)), 15);
    expect(z[1]).toBeCloseTo(1 - 0.1 * (4 / (4 + 1e-8)), 15);
    expect(stepper.getState().t).toBe(1);
  });

  it('lbfgs: the first step is steepest descent of length 1 (or shorter, by backtracking)', () => {
    const stepper = new LBFGS(2);
    const z = Float64Array.of(1, 1);
    const evaluations = stepper.step(f, z);
    // d = −g/‖g‖ = −(1, 2)/√5; t = 1 satisfies Armijo here.
    expect(evaluations).toBe(2);
    expect(z[0]).toBeCloseTo(1 - 1 / Math.sqrt(5), 15);
    expect(z[1]).toBeCloseTo(1 - 2 / Math.sqrt(5), 15);
    expect(stepper.lastValue).toBeCloseTo(f.evaluate(z, null), 15);
  });

  it('levenberg-marquardt: one step with tiny damping solves a linear least-squares problem (sign convention)', () => {
    const problem = quadratic(5, 10, 'lm-sign');
    const stepper = new LevenbergMarquardt(5, { damping: 1e-7 });
    const z = new Float64Array(5);
    stepper.step(problem.leastSquares, z);
    for (let i = 0; i < 5; i++) expect(z[i]).toBeCloseTo(problem.optimum[i], 5);
  });
});

describe('lastValue and evaluation counts', () => {
  it('are NaN before the first step', () => {
    for (const method of ['gd', 'nesterov', 'adam', 'lbfgs', 'levenberg-marquardt'] as const) {
      expect(createStepper(2, { method }).lastValue).toBeNaN();
    }
  });

  it.each(['gd', 'nesterov', 'adam', 'lbfgs'] as const)('%s returns exactly the evaluations it made', (method) => {
    const { f, count } = counting(rosenbrock);
    const stepper = createStepper(2, { method, learningRate: 1e-4 });
    const z = Float64Array.of(-1.2, 1);
    let reported = 0;
    for (let k = 0; k < 30; k++) reported += stepper.step(f, z);
    expect(reported).toBe(count());
  });

  it('levenberg-marquardt evaluates the residuals twice per step and never calls evaluate', () => {
    const curve = exponentialCurve([2.5, 0.8, 0.3], 30);
    const { f, count } = counting(curve);
    const stepper = createStepper(3, { method: 'levenberg-marquardt' });
    const p = Float64Array.of(1, 0.3, 0);
    let reported = 0;
    for (let k = 0; k < 5; k++) reported += stepper.step(f, p);
    expect(reported).toBe(10);
    expect(count()).toBe(10);
    expect(stepper.lastValue).toBeCloseTo(curve.evaluate(p, null), 12);
  });
});

describe('L-BFGS safeguards', () => {
  it('re-evaluates when z was moved between steps (a basin hop)', () => {
    const stepper = new LBFGS(2);
    const z = Float64Array.of(-1.2, 1);
    stepper.step(rosenbrock, z);
    const cached = stepper.step(rosenbrock, z);
    z[0] += 0.1;
    const moved = stepper.step(rosenbrock, z);
    expect(moved).toBeGreaterThan(1);
    expect(moved).toBeGreaterThanOrEqual(cached);
  });

  it('skips pairs with non-positive curvature', () => {
    // f = −z² from z = 1 along d = 1: every trial passes Armijo but never the curvature condition
    // (|φ'| grows), so dcsrch extrapolates (t = 1, 5, 25, …, five-fold) until it stops at its largest
    // step t = 1e10 with f still falling, and takes it: z = 1 + 1e10, where sᵀy = t·(φ'(t) − φ'(0))
    // = 1e10·(−2e10) < 0, so the pair is not stored.
    const concave: Differentiable = {
      dimension: 1,
      evaluate(z, grad) {
        if (grad !== null) grad[0] = -2 * z[0];
        return -z[0] * z[0];
      },
    };
    const stepper = new LBFGS(1);
    const z = Float64Array.of(1);
    const evaluations = stepper.step(concave, z);
    expect(z[0]).toBe(1 + 1e10);
    expect(evaluations).toBeLessThanOrEqual(1 + 20);
    expect(stepper.getState().count).toBe(0);
  });

  it('falls back to steepest descent when the stored curvature gives an ascent direction', () => {
    const stepper = new LBFGS(2, { history: 1 });
    const z = Float64Array.of(1, 1);
    const f = separable([1, 2]);
    const g = [2, 4];
    // A corrupt pair with sᵀy = −1 makes H negative definite.
    stepper.setState({
      ...stepper.getState(),
      count: 1,
      head: 0,
      s: [1, 0],
      y: [-1, 0],
      rho: [-1],
      hasPoint: true,
      x: [1, 1],
      g,
      fx: 3,
    });
    stepper.step(f, z);
    expect(z[0]).toBeCloseTo(1 - 2 / Math.sqrt(20), 15);
    expect(z[1]).toBeCloseTo(1 - 4 / Math.sqrt(20), 15);
    expect(f.evaluate(z, null)).toBeLessThan(3);
  });

  it('stays put and drops its history when the line search fails', () => {
    // A wrong gradient sign: every trial along "−g" goes uphill.
    const liar: Differentiable = {
      dimension: 1,
      evaluate(z, grad) {
        if (grad !== null) grad[0] = -2 * z[0];
        return z[0] * z[0];
      },
    };
    const stepper = new LBFGS(1, { maxLineSearch: 7 });
    const z = Float64Array.of(1);
    const evaluations = stepper.step(liar, z);
    expect(evaluations).toBe(8);
    expect(z[0]).toBe(1);
    expect(stepper.lastValue).toBe(1);
    expect(stepper.getState().count).toBe(0);
  });

  it('does not move, or produce NaN, at a stationary point', () => {
    const stepper = new LBFGS(2);
    const z = Float64Array.of(0, 0);
    expect(stepper.step(separable([1, 1]), z)).toBe(1);
    // Still one evaluation, so that a loop spending a budget of evaluations terminates.
    expect(stepper.step(separable([1, 1]), z)).toBe(1);
    expect(Array.from(z)).toEqual([0, 0]);
    expect(stepper.lastValue).toBe(0);
  });

  it('keeps at most `history` pairs', () => {
    const problem = quadratic(20, 100, 'lbfgs-history');
    const stepper = new LBFGS(20, { history: 3 });
    const z = new Float64Array(20);
    for (let k = 0; k < 10; k++) stepper.step(problem, z);
    expect(stepper.getState().count).toBe(3);
  });
});

describe('Levenberg–Marquardt specifics', () => {
  it('requires a least-squares objective', () => {
    const stepper = new LevenbergMarquardt(2);
    expectError(() => stepper.step(rosenbrock, Float64Array.of(0, 0)), 'INVALID_INPUT', 'options.local.method', 'needs a least-squares objective');
  });

  it('divides the damping on improvement and multiplies it otherwise, within [1e-7, 1e7]', () => {
    const curve = exponentialCurve([2.5, 0.8, 0.3], 30);
    const stepper = new LevenbergMarquardt(3, { damping: 1, dampingStepDown: 4, dampingStepUp: 10 });
    const p = Float64Array.of(1, 0.3, 0);
    stepper.step(curve, p);
    expect(stepper.currentDamping).toBe(0.25);
    // At the exact solution no step can improve.
    const exact = Float64Array.of(2.5, 0.8, 0.3);
    const fresh = new LevenbergMarquardt(3, { damping: 1e6 });
    fresh.step(curve, exact);
    expect(fresh.currentDamping).toBe(1e7);
    fresh.step(curve, exact);
    expect(fresh.currentDamping).toBe(1e7);
    expect(Array.from(exact)).toEqual([2.5, 0.8, 0.3]);
    // A Gauss–Newton step on a linear problem always improves; the damping stays at its floor.
    const linear = quadratic(4, 10, 'lm-floor');
    const low = new LevenbergMarquardt(4, { damping: 1e-7 });
    low.step(linear.leastSquares, new Float64Array(4));
    expect(low.currentDamping).toBe(1e-7);
  });

  it('works with a single residual (the library needs two points; the stepper pads)', () => {
    const single: LeastSquares = {
      dimension: 2,
      residualCount: 1,
      residuals(z, out) {
        out[0] = z[0] + 2 * z[1] - 3;
      },
      residualGradient(_z, _j, out) {
        out[0] = 1;
        out[1] = 2;
      },
      evaluate(z, grad) {
        const r = z[0] + 2 * z[1] - 3;
        if (grad !== null) {
          grad[0] = 2 * r;
          grad[1] = 4 * r;
        }
        return r * r;
      },
    };
    const stepper = new LevenbergMarquardt(2);
    const z = Float64Array.of(0, 0);
    for (let k = 0; k < 20; k++) stepper.step(single, z);
    expect(z[0] + 2 * z[1]).toBeCloseTo(3, 12);
  });
});

describe('argument checks', () => {
  it('rejects a z or f of the wrong dimension', () => {
    const stepper = createStepper(3, { method: 'gd' });
    expectError(() => stepper.step(separable([1, 1, 1]), new Float64Array(2)), 'INVALID_INPUT', 'z', 'length 3');
    expectError(() => stepper.step(separable([1, 1]), new Float64Array(3)), 'INVALID_INPUT', 'f.dimension', 'got 2');
  });

  it('rejects a bad dimension at construction', () => {
    for (const dimension of [0, -1, 1.5, NaN]) {
      expectError(() => createStepper(dimension, { method: 'adam' }), 'INVALID_INPUT', 'dimension', 'expected an integer >= 1');
    }
  });

  it('validates options in the constructors too', () => {
    expect(() => new Adam(2, { beta2: 1 })).toThrow(NoBadMinimaError);
    expect(() => new Adam(2, { beta2: 1 })).toThrow('options.local.beta2: expected a number in [0, 1), got 1');
  });
});
