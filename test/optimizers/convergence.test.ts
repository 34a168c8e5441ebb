import { describe, expect, it } from 'vitest';

import { createStepper } from '../../src/optimizers/create.js';
import type { LocalOptions } from '../../src/optimizers/options.js';
import type { Differentiable } from '../../src/types.js';
import { exponentialCurve, quadratic, rosenbrock } from './problems.js';

describe('every stepper minimizes a convex quadratic (dimension 20, condition number 100) to 1e-10', () => {
  const problem = quadratic(20, 100, 'convergence-quadratic');

  const cases: Array<{ name: string; options: LocalOptions; steps: number; leastSquares?: boolean }> = [
    // 2/(λmin + λmax) is the best fixed step: the error contracts by (κ−1)/(κ+1) per step.
    { name: 'gd', options: { method: 'gd', learningRate: 2 / 101 }, steps: 1000 },
    // lr = 1/L and μ = (√κ − 1)/(√κ + 1): the accelerated rate 1 − 1/√κ.
    { name: 'nesterov', options: { method: 'nesterov', learningRate: 0.01, momentum: 9 / 11 }, steps: 400 },
    // With a fixed step Adam reaches 1e-10 in a few hundred steps, then cycles once v̂ has decayed;
    // an epsilon that dominates √v̂ near the optimum turns the tail into momentum descent.
    { name: 'adam', options: { method: 'adam', learningRate: 0.01, epsilon: 0.1 }, steps: 2000 },
    { name: 'lbfgs', options: { method: 'lbfgs', history: 10 }, steps: 120 },
    // Levenberg–Marquardt sees r = A^{1/2}z − A^{-1/2}b, whose Σr² is 2·(f − f*).
    { name: 'levenberg-marquardt', options: { method: 'levenberg-marquardt' }, steps: 10, leastSquares: true },
  ];

  it.each(cases)('$name', ({ options, steps, leastSquares }) => {
    const stepper = createStepper(problem.dimension, options);
    const f: Differentiable = leastSquares ? problem.leastSquares : problem;
    const z = new Float64Array(problem.dimension);
    const gap0 = problem.gap(z);
    let evaluations = 0;
    for (let k = 0; k < steps; k++) evaluations += stepper.step(f, z);
    expect(gap0).toBeGreaterThan(1);
    expect(problem.gap(z)).toBeLessThanOrEqual(1e-10);
    expect(Number.isFinite(stepper.lastValue)).toBe(true);
    expect(evaluations).toBeGreaterThanOrEqual(steps);
  });

  it('counts one evaluation per step for the first-order methods and two for Levenberg–Marquardt', () => {
    for (const method of ['gd', 'nesterov', 'adam'] as const) {
      const stepper = createStepper(20, { method });
      expect(stepper.step(problem, new Float64Array(20))).toBe(1);
    }
    expect(createStepper(20, { method: 'levenberg-marquardt' }).step(problem.leastSquares, new Float64Array(20))).toBe(2);
  });

  it('reports f before the move for gd (lastValue = f(z) where it evaluated)', () => {
    const stepper = createStepper(20, { method: 'gd' });
    const z = new Float64Array(20);
    stepper.step(problem, z);
    expect(stepper.lastValue).toBe(0);
  });
});

describe('L-BFGS on Rosenbrock from (−1.2, 1)', () => {
  it('reaches (1, 1) to 1e-8', () => {
    const stepper = createStepper(2, { method: 'lbfgs' });
    const z = Float64Array.of(-1.2, 1);
    let evaluations = 0;
    for (let k = 0; k < 200 && !(stepper.lastValue <= 1e-24); k++) evaluations += stepper.step(rosenbrock, z);
    expect(Math.abs(z[0] - 1)).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(z[1] - 1)).toBeLessThanOrEqual(1e-8);
    expect(rosenbrock.evaluate(z, null)).toBeLessThanOrEqual(1e-16);
    // A line search that mostly accepts t = 1 keeps the cost near one evaluation per iteration.
    expect(evaluations).toBeLessThan(100);
  });

  it.each([1, 3, 20])('converges with history %i', (history) => {
    const stepper = createStepper(2, { method: 'lbfgs', history });
    const z = Float64Array.of(-1.2, 1);
    for (let k = 0; k < 2000 && !(stepper.lastValue <= 1e-24); k++) stepper.step(rosenbrock, z);
    expect(Math.abs(z[0] - 1) + Math.abs(z[1] - 1)).toBeLessThanOrEqual(1e-8);
  });
});

describe('Levenberg–Marquardt recovers y = p0·exp(−p1·t) + p2 from noise-free samples', () => {
  const cases: Array<{ truth: number[]; start: number[]; count: number }> = [
    { truth: [2.5, 0.8, 0.3], start: [1, 0.3, 0], count: 30 },
    { truth: [-1, 2, 5], start: [1, 1, 0], count: 20 },
    { truth: [10, 0.1, -3], start: [1, 1, 1], count: 50 },
  ];

  it.each(cases)('truth $truth from $start', ({ truth, start, count }) => {
    const f = exponentialCurve(truth, count);
    const stepper = createStepper(3, { method: 'levenberg-marquardt' });
    const p = Float64Array.from(start);
    let previous = Infinity;
    for (let k = 0; k < 100; k++) {
      stepper.step(f, p);
      // The library keeps the better point, so F never rises.
      expect(stepper.lastValue).toBeLessThanOrEqual(previous);
      previous = stepper.lastValue;
    }
    truth.forEach((value, i) => expect(Math.abs(p[i] - value)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(value))));
    expect(stepper.lastValue).toBeLessThanOrEqual(1e-20);
  });
});
