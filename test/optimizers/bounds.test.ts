/**
 * Box constraints for the steppers: the projection kernels, projected gd/nesterov/adam, projected
 * L-BFGS, and walker rounds under bounds.
 */
import { describe, expect, it } from 'vitest';
import { NoBadMinimaError } from '../../src/errors.js';
import { checkStepperBounds, extendBounds, insideBounds, projectedGradient, projectInto, sameBounds } from '../../src/optimizers/bounds.js';
import type { StepperBounds } from '../../src/optimizers/bounds.js';
import { createStepper } from '../../src/optimizers/create.js';
import { resolveLocalOptions } from '../../src/optimizers/options.js';
import type { Differentiable } from '../../src/types.js';
import { createControl, runRound } from '../../src/walker/round.js';
import { unaugmented } from './problems.js';

const box = (lower: number[], upper: number[]): StepperBounds => ({ lower: Float64Array.from(lower), upper: Float64Array.from(upper) });

/** f(z) = Σ (z_i − c_i)², with every evaluated point recorded. */
function shiftedSphere(center: number[]): Differentiable & { points: number[][] } {
  const points: number[][] = [];
  return {
    dimension: center.length,
    points,
    evaluate(z, grad) {
      points.push(Array.from(z));
      let v = 0;
      for (let i = 0; i < center.length; i++) {
        v += (z[i] - center[i]) ** 2;
        if (grad) grad[i] = 2 * (z[i] - center[i]);
      }
      return v;
    },
  };
}

describe('projection kernels', () => {
  it('projectInto clips each coordinate into its interval and reports whether it moved', () => {
    const b = box([-1, 0, -Infinity], [1, 2, 5]);
    const z = Float64Array.of(-3, 1, 7);
    expect(projectInto(z, b.lower, b.upper)).toBe(true);
    expect(Array.from(z)).toEqual([-1, 1, 5]);
    expect(projectInto(z, b.lower, b.upper)).toBe(false);
    const nan = Float64Array.of(NaN, 0, 0);
    projectInto(nan, b.lower, b.upper);
    expect(Number.isNaN(nan[0])).toBe(true);
  });

  it('projectedGradient drops exactly the components that point out of the box at active bounds', () => {
    const b = box([0, 0, 0, 0], [1, 1, 1, 1]);
    // On the floor with g > 0 (descent leaves through it): dropped; on the floor with g < 0: kept;
    // on the ceiling with g < 0: dropped; inside: kept.
    const z = Float64Array.of(0, 0, 1, 0.5);
    const g = Float64Array.of(2, -3, -4, 5);
    const sq = projectedGradient(z, g, b.lower, b.upper);
    expect(Array.from(g)).toEqual([0, -3, 0, 5]);
    expect(sq).toBe(9 + 25);
  });

  it('insideBounds, extendBounds and sameBounds', () => {
    const b = box([0], [1]);
    expect(insideBounds(Float64Array.of(1), b.lower, b.upper)).toBe(true);
    expect(insideBounds(Float64Array.of(1.0000001), b.lower, b.upper)).toBe(false);
    expect(insideBounds(Float64Array.of(NaN), b.lower, b.upper)).toBe(false);
    const e = extendBounds(b, 3);
    expect(Array.from(e.lower)).toEqual([0, -Infinity, -Infinity]);
    expect(Array.from(e.upper)).toEqual([1, Infinity, Infinity]);
    expect(sameBounds(e, extendBounds(box([0], [1]), 3))).toBe(true);
    expect(sameBounds(e, extendBounds(box([0], [2]), 3))).toBe(false);
    expect(sameBounds(null, e)).toBe(false);
  });

  it('checkStepperBounds refuses a box of the wrong length or with low > high', () => {
    expect(() => checkStepperBounds(box([0], [1]), 2)).toThrow(NoBadMinimaError);
    expect(() => checkStepperBounds(box([0, 2], [1, 1]), 2)).toThrow(/bounds\[1\]: expected lower ≤ upper/);
    expect(checkStepperBounds(undefined, 2)).toBeNull();
  });
});

describe('bounded steppers', () => {
  // The unconstrained minimum (3, −2, 0.5) lies outside the box in its first two coordinates, so
  // the bounded minimum is its projection (1, −1, 0.5).
  const center = [3, -2, 0.5];
  const b = box([-1, -1, -1], [1, 1, 1]);

  it.each([
    ['gd', { learningRate: 0.1 }],
    ['nesterov', { learningRate: 0.05, momentum: 0.9 }],
    ['adam', { learningRate: 0.05 }],
  ] as const)('%s stays in the box and converges to the projected minimum', (method, options) => {
    const f = shiftedSphere(center);
    const stepper = createStepper(3, { method, ...options }, 'options.local', b);
    expect(stepper.bounds).toBe(b);
    const z = Float64Array.of(-0.9, 0.9, -0.9);
    for (let k = 0; k < 2000; k++) {
      stepper.step(f, z);
      expect(insideBounds(z, b.lower, b.upper)).toBe(true);
    }
    expect(f.points.every((p) => insideBounds(Float64Array.from(p), b.lower, b.upper))).toBe(true);
    expect(z[0]).toBe(1);
    expect(z[1]).toBe(-1);
    expect(Math.abs(z[2] - 0.5)).toBeLessThan(1e-6);
  });

  it('without bounds the same gd run leaves the box (so the test above can fail)', () => {
    const f = shiftedSphere(center);
    const stepper = createStepper(3, { method: 'gd', learningRate: 0.1 });
    const z = Float64Array.of(-0.9, 0.9, -0.9);
    for (let k = 0; k < 200; k++) stepper.step(f, z);
    expect(insideBounds(z, b.lower, b.upper)).toBe(false);
  });

  it('nesterov drops the velocity a wall stopped: it leaves the wall at once when the gradient turns', () => {
    let c = 5;
    const f: Differentiable = { dimension: 1, evaluate: (z, g) => { if (g) g[0] = 2 * (z[0] - c); return (z[0] - c) ** 2; } };
    const stepper = createStepper(1, { method: 'nesterov', learningRate: 0.05, momentum: 0.9 }, 'options.local', box([-1], [1]));
    const z = Float64Array.of(0);
    for (let k = 0; k < 100; k++) stepper.step(f, z);
    expect(z[0]).toBe(1);
    c = -5;
    stepper.step(f, z);
    // With velocity kept, the accumulated push towards +5 would pin z on the wall for many steps.
    expect(z[0]).toBeLessThan(1);
  });

  it('lbfgs keeps z and every trial point in the box itself', () => {
    const f = shiftedSphere(center);
    const stepper = createStepper(3, { method: 'lbfgs' }, 'options.local', b);
    expect(stepper.bounds).toBe(b);
    const z = Float64Array.of(-0.9, 0.9, -0.9);
    for (let k = 0; k < 20; k++) stepper.step(f, z);
    expect(f.points.every((p) => insideBounds(Float64Array.from(p), b.lower, b.upper))).toBe(true);
    expect(z[0]).toBe(1);
    expect(z[1]).toBe(-1);
    expect(Math.abs(z[2] - 0.5)).toBeLessThan(1e-9);
  });
});

describe('walker rounds with bounds', () => {
  it.each(['lbfgs', 'gd'] as const)('%s: every evaluation and the end point lie in the box; the projected gradient is 0 at the wall minimum', (method) => {
    const f = shiftedSphere([3, -2, 0.5]);
    const b = box([-1, -1, -1], [1, 1, 1]);
    const local = resolveLocalOptions({ method, learningRate: 0.1 });
    const r = runRound(unaugmented(f), { local, budget: 400, targetLoss: -Infinity, gradientTolerance: -Infinity, z: Float64Array.of(0, 0, 0), stepper: null, thetaOnly: false, round: 1, control: createControl(), deadline: Infinity, bounds: b });
    expect(f.points.length).toBeGreaterThan(3);
    expect(f.points.every((p) => insideBounds(Float64Array.from(p), b.lower, b.upper))).toBe(true);
    expect(r.z[0]).toBe(1);
    expect(r.z[1]).toBe(-1);
    expect(Math.abs(r.z[2] - 0.5)).toBeLessThan(1e-6);
    // ∇f = (−4, 6, ~0) there: nonzero, but all of it points out of the box.
    expect(r.stats!.gradNorm).toBeLessThan(1e-5);
  });

  it('a gradient by differences costs its calls: cost × stepper evaluations, plus cost for the end statistics', () => {
    const f = shiftedSphere([0.5]);
    const local = resolveLocalOptions({ method: 'gd', learningRate: 0.1 });
    const r = runRound(unaugmented(f), { local, budget: 9, targetLoss: -Infinity, gradientTolerance: -Infinity, z: Float64Array.of(0), stepper: null, thetaOnly: false, round: 1, control: createControl(), deadline: Infinity, cost: 3 });
    // Steps of cost 3 until 9 is reached: 3 steps, then the end evaluation.
    expect(r.evaluations).toBe(12);
    expect(f.points.length).toBe(4);
  });
});
