/**
 * L-BFGS with bounds (projected L-BFGS, as L-BFGS-B): the constrained minimum on a face, every
 * iterate and trial in the box, honest evaluation counts, scale invariance, and the capped line
 * search it runs on.
 */
import { describe, expect, it } from 'vitest';
import { insideBounds, projectedGradient, type StepperBounds } from '../../src/optimizers/bounds.js';
import { createStepper } from '../../src/optimizers/create.js';
import { GradientDescent } from '../../src/optimizers/gd.js';
import { LBFGS } from '../../src/optimizers/lbfgs.js';
import { maxFeasibleStep, StrongWolfeLineSearch } from '../../src/optimizers/line-search.js';
import { resolveLocalOptions } from '../../src/optimizers/options.js';
import type { Differentiable } from '../../src/types.js';
import { createControl, runRound } from '../../src/walker/round.js';
import { seeded, uniform } from '../helpers/gradient-check.js';
import { lockstepScaled, quadratic, rosenbrock, unaugmented } from './problems.js';

const box = (lower: number[], upper: number[]): StepperBounds => ({ lower: Float64Array.from(lower), upper: Float64Array.from(upper) });

/** f with every evaluated point recorded. */
function recorded(f: Differentiable): Differentiable & { points: Float64Array[] } {
  const points: Float64Array[] = [];
  return { dimension: f.dimension, points, evaluate: (z, g) => (points.push(z.slice()), f.evaluate(z, g)) };
}

/**
 * f = (z₀ − 2)² + (z₀ − 2)(z₁ − 1) + (z₁ − 1)², unconstrained minimum (2, 1). On the box
 * [−1, 1] × [−1, 2] the minimum is on the face z₀ = 1: f(1, z₁) = 1 − (z₁ − 1) + (z₁ − 1)² is least
 * at z₁ = 1.5 (inside [−1, 2]), where ∂f/∂z₀ = 2(1 − 2) + 0.5 = −1.5 < 0 presses against the upper
 * bound: the KKT point (1, 1.5), f = 0.75. The projection of (2, 1), (1, 1), is not it.
 */
const coupled: Differentiable = {
  dimension: 2,
  evaluate(z, g) {
    const u = z[0] - 2;
    const v = z[1] - 1;
    if (g !== null) {
      g[0] = 2 * u + v;
      g[1] = u + 2 * v;
    }
    return u * u + u * v + v * v;
  },
};
const coupledBox = box([-1, -1], [1, 2]);

/**
 * Takes `steps` steps, checking z after each; returns whether the stepper reported convergence on
 * the way. It goes on past that report (f falling by ≤ 2.2e-9 of itself, scipy's factr test) down
 * to what doubles resolve, so that the end point can be compared with a hand-computed one.
 */
function run(stepper: LBFGS, f: Differentiable, z: Float64Array, steps: number, each?: (z: Float64Array) => void): boolean {
  let converged = false;
  for (let k = 0; k < steps; k++) {
    stepper.step(f, z);
    converged ||= stepper.converged;
    each?.(z);
  }
  return converged;
}

describe('projected L-BFGS', () => {
  it('ends on the box face at the hand-computed constrained minimum (1, 1.5), not at the projection of the free minimum', () => {
    const f = recorded(coupled);
    const stepper = new LBFGS(2, {}, coupledBox);
    const z = Float64Array.of(-0.5, -0.5);
    expect(run(stepper, f, z, 30, (zk) => expect(insideBounds(zk, coupledBox.lower, coupledBox.upper)).toBe(true))).toBe(true);
    expect(z[0]).toBe(1);
    expect(Math.abs(z[1] - 1.5)).toBeLessThan(1e-9);
    expect(Math.abs(stepper.lastValue - 0.75)).toBeLessThan(1e-15);
    // The full gradient there is (−1.5, 0): nonzero, but the projected one vanishes.
    expect(stepper.gradientNorm).toBeLessThan(1e-8);
    expect(f.points.every((p) => insideBounds(p, coupledBox.lower, coupledBox.upper))).toBe(true);
  });

  it('without bounds the same run goes to the free minimum (2, 1), outside the box (so the test above can fail)', () => {
    const stepper = new LBFGS(2);
    const z = Float64Array.of(-0.5, -0.5);
    run(stepper, coupled, z, 30);
    expect(Math.abs(z[0] - 2)).toBeLessThan(1e-8);
    expect(Math.abs(z[1] - 1)).toBeLessThan(1e-8);
  });

  it('createStepper hands it the bounds', () => {
    const stepper = createStepper(2, { method: 'lbfgs' }, 'options.local', coupledBox);
    expect(stepper).toBeInstanceOf(LBFGS);
    expect(stepper.bounds).toBe(coupledBox);
  });

  it('a start outside the box is projected first: the first evaluation is at P(z₀), and z is written back', () => {
    const f = recorded(coupled);
    const stepper = new LBFGS(2, {}, coupledBox);
    const z = Float64Array.of(5, -3);
    stepper.step(f, z);
    expect(Array.from(f.points[0])).toEqual([1, -1]);
    expect(insideBounds(z, coupledBox.lower, coupledBox.upper)).toBe(true);
  });

  it('random 5-d quadratics with the free minimum outside random boxes: every point evaluated is inside, the end is the KKT point projected gd finds', () => {
    const rng = seeded('projected-lbfgs');
    for (let trial = 0; trial < 10; trial++) {
      const q = quadratic(5, 50, `box-${trial}`);
      const lower: number[] = [];
      const upper: number[] = [];
      for (let i = 0; i < 5; i++) {
        const centre = uniform(rng, -0.2, 0.2);
        const half = uniform(rng, 0.02, 0.15);
        lower.push(centre - half);
        upper.push(i === 4 ? Infinity : centre + half);
      }
      const b = box(lower, upper);
      // The test means something only if some bound binds.
      expect(insideBounds(q.optimum, b.lower, b.upper)).toBe(false);
      const f = recorded(q);
      const stepper = new LBFGS(5, {}, b);
      const z = Float64Array.from(lower, (l, i) => (Number.isFinite(upper[i]) ? (l + upper[i]) / 2 : l + 1));
      // f ≈ 0.5 resolves ‖P_g‖ to about 1e-8.
      expect(run(stepper, f, z, 100)).toBe(true);
      expect(f.points.every((p) => insideBounds(p, b.lower, b.upper))).toBe(true);
      const g = new Float64Array(5);
      q.evaluate(z, g);
      expect(Math.sqrt(projectedGradient(z, g, b.lower, b.upper))).toBeLessThan(1e-6);
      // An independent reference: projected gradient descent at rate 1/λ_max, run to convergence.
      const reference = new GradientDescent(5, { learningRate: 1 / 50 }, b);
      const r = Float64Array.from(lower, (l, i) => (Number.isFinite(upper[i]) ? (l + upper[i]) / 2 : l + 1));
      for (let k = 0; k < 20_000; k++) reference.step(q, r);
      for (let i = 0; i < 5; i++) expect(Math.abs(z[i] - r[i])).toBeLessThan(1e-6);
      // Coordinates the reference leaves on a bound, lbfgs leaves exactly on it too.
      for (let i = 0; i < 5; i++) if (r[i] === lower[i] || r[i] === upper[i]) expect(z[i]).toBe(r[i]);
    }
  });

  it('counts its evaluations honestly: the steps return exactly the calls made', () => {
    let calls = 0;
    const counted: Differentiable = { dimension: 2, evaluate: (z, g) => (calls++, rosenbrock.evaluate(z, g)) };
    const b = box([-2, -2], [0.5, 2]);
    const stepper = new LBFGS(2, {}, b);
    const z = Float64Array.of(-1.2, 1);
    let returned = 0;
    for (let k = 0; k < 60; k++) returned += stepper.step(counted, z);
    expect(calls).toBeGreaterThan(60);
    expect(returned).toBe(calls);
  });

  it('in a walker round, every evaluation is inside and counted: r.evaluations = cost × calls', () => {
    const f = recorded(coupled);
    const obj = unaugmented(f);
    const local = resolveLocalOptions({ method: 'lbfgs' });
    const r = runRound(obj, { local, budget: 400, targetLoss: -Infinity, gradientTolerance: 1e-10, z: Float64Array.of(0, 0), stepper: null, thetaOnly: false, round: 1, control: createControl(), deadline: Infinity, bounds: coupledBox, cost: 5 });
    expect(r.localConverged).toBe(true);
    // f.points holds every call.
    expect(r.evaluations).toBe(5 * f.points.length);
    expect(f.points.every((p) => insideBounds(p, coupledBox.lower, coupledBox.upper))).toBe(true);
    // Ended by the relative decrease test (f within 2.2e-9 of itself), on the face exactly.
    expect(r.z[0]).toBe(1);
    expect(r.stats!.loss - 0.75).toBeLessThan(2e-9);
    expect(Math.abs(r.z[1] - 1.5)).toBeLessThan(1e-4);
    // The full gradient's first component is about −1.5 there; the statistics project it away.
    expect(r.stats!.gradNorm).toBeLessThan(1e-4);
  });

  it('does not depend on the scale of f with bounds either: 1024·f gives the same points bit for bit; Rosenbrock ends at (0.5, 0.25) on the face z₀ = 0.5', () => {
    // On z₀ = 0.5, f(0.5, y) = 0.25 + 100(y − 0.25)² is least at y = 0.25, where ∂f/∂z₀ = −1 < 0.
    const b = box([-2, -2], [0.5, 2]);
    const za = lockstepScaled(new LBFGS(2, {}, b), new LBFGS(2, {}, b), rosenbrock, [-1.2, 1], 60);
    expect(za[0]).toBe(0.5);
    expect(Math.abs(za[1] - 0.25)).toBeLessThan(1e-9);
  });

  it('its state round trip resumes bit for bit under bounds', () => {
    const b = box([-2, -2], [0.5, 2]);
    const a = new LBFGS(2, {}, b);
    const z = Float64Array.of(-1.2, 1);
    for (let k = 0; k < 5; k++) a.step(rosenbrock, z);
    const c = new LBFGS(2, {}, b);
    c.setState(JSON.parse(JSON.stringify(a.getState())));
    const zc = z.slice();
    for (let k = 0; k < 10; k++) {
      expect(c.step(rosenbrock, zc)).toBe(a.step(rosenbrock, z));
      expect(Array.from(zc)).toEqual(Array.from(z));
    }
  });
});

describe('the line search capped at the box', () => {
  const far: Differentiable = {
    dimension: 1,
    evaluate(z, grad) {
      if (grad !== null) grad[0] = 2 * (z[0] - 100);
      return (z[0] - 100) ** 2;
    },
  };

  it('maxFeasibleStep is the first breakpoint along d', () => {
    const b = box([-1, -1, -Infinity], [1, 1, Infinity]);
    expect(maxFeasibleStep(Float64Array.of(0, 0.5, 0), Float64Array.of(2, -1, 5), b)).toBe(0.5);
    expect(maxFeasibleStep(Float64Array.of(0, 0.5, 0), Float64Array.of(0, 0.25, 5), b)).toBe(2);
    expect(maxFeasibleStep(Float64Array.of(0, 0, 0), Float64Array.of(0, 0, 1), b)).toBe(Infinity);
  });

  it("stops on the face with status 'boundary' when f still falls there, the trial exactly on the bound", () => {
    // From x = 0.1 along d = 0.3 the face z = 1 is at t = 0.9/0.3, where 0.1 + t·0.3 rounds below 1.
    expect(0.1 + ((1 - 0.1) / 0.3) * 0.3).toBeLessThan(1);
    const b = box([-1], [1]);
    const x = Float64Array.of(0.1);
    const d = Float64Array.of(0.3);
    const g = new Float64Array(1);
    const f0 = far.evaluate(x, g);
    const ls = new StrongWolfeLineSearch({ sufficientDecrease: 1e-3, curvature: 0.9, maxTrials: 20 });
    const trial = new Float64Array(1);
    const trialGrad = new Float64Array(1);
    const tMax = maxFeasibleStep(x, d, b);
    const status = ls.search(far, x, f0, g[0] * d[0], d, 1, trial, trialGrad, tMax, b);
    expect(status).toBe('boundary');
    expect(ls.step).toBe(tMax);
    expect(trial[0]).toBe(1);
    expect(ls.value).toBe((1 - 100) ** 2);
    // Without the cap it extrapolates past the face (the test above can fail).
    expect(ls.search(far, x, f0, g[0] * d[0], d, 1, trial, trialGrad)).toBe('wolfe');
    expect(trial[0]).toBeGreaterThan(1);
  });

  it('a minimum inside the cap is found by the strong Wolfe search as without a box', () => {
    const b = box([-1000], [1000]);
    const x = Float64Array.of(0);
    const d = Float64Array.of(1);
    const g = new Float64Array(1);
    const f0 = far.evaluate(x, g);
    const boxed = new StrongWolfeLineSearch({ sufficientDecrease: 1e-3, curvature: 0.9, maxTrials: 20 });
    const free = new StrongWolfeLineSearch({ sufficientDecrease: 1e-3, curvature: 0.9, maxTrials: 20 });
    const t1 = new Float64Array(1);
    const t2 = new Float64Array(1);
    const statusBoxed = boxed.search(far, x, f0, g[0], d, 1, t1, new Float64Array(1), maxFeasibleStep(x, d, b), b);
    const statusFree = free.search(far, x, f0, g[0], d, 1, t2, new Float64Array(1));
    expect(statusBoxed).toBe('wolfe');
    expect(statusFree).toBe('wolfe');
    expect(boxed.step).toBe(free.step);
    expect(t1[0]).toBe(t2[0]);
    expect(boxed.evaluations).toBe(free.evaluations);
  });
});
