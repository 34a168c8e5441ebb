/**
 * Bounded problems through optimize() with the default options (the default local method is
 * lbfgs, which keeps θ in the box itself, see optimizers/lbfgs.ts): Branin and Michalewicz on their
 * boxes reach their known minima, a minimum on a face is certified there, every call stays in the
 * box and is counted, and threads 0 and 2 agree.
 */
import { describe, expect, it } from 'vitest';
import { optimize } from '../../src/index.js';
import type { OptimizeOptions, Problem } from '../../src/index.js';
// @ts-expect-error: a plain-JavaScript fixture module, as a user ships it.
import { braninShifted } from '../fixtures/modules/user-objectives.mjs';
// @ts-expect-error: a plain-JavaScript fixture module.
import { michalewicz } from '../fixtures/modules/bounded-objectives.mjs';
import { numericGradient, relativeError, seeded, uniform } from '../helpers/gradient-check.js';
import { expectSameResult } from '../helpers/runs.js';

type Evaluate = (x: Float64Array, g?: Float64Array) => number;
const boundedObjectives = new URL('../fixtures/modules/bounded-objectives.mjs', import.meta.url).href;
const BRANIN_BOX: [number, number][] = [[-5, 10], [0, 15]];
/** Branin's three minimizers on its box. */
const BRANIN_MINIMIZERS = [[-Math.PI, 12.275], [Math.PI, 2.275], [3 * Math.PI, 2.475]];
const MICHALEWICZ_BOX: [number, number] = [0, Math.PI];
const inBox = (theta: ArrayLike<number>, box: [number, number][]) => Array.from(theta).every((v, i) => v >= box[i][0] && v <= box[i][1]);

describe('the Michalewicz fixture', () => {
  it('its hand-derived gradient matches central differences', () => {
    const { evaluate } = michalewicz() as { evaluate: Evaluate };
    const rng = seeded('michalewicz');
    // Where the terms are not flat: below 1.2 the first is under 1e-7 (sin(x²/π)²⁰), and its
    // differences would measure round-off of the constant offset alone.
    for (let k = 0; k < 20; k++) {
      const x = Float64Array.of(uniform(rng, 1.2, 3), uniform(rng, 1.2, 3));
      const g = new Float64Array(2);
      evaluate(x, g);
      const scratch = new Float64Array(2);
      expect(relativeError(g, numericGradient((p) => evaluate(p, scratch), x, 1e-6))).toBeLessThan(1e-6);
    }
  });
});

describe('bounded problems with the default options', () => {
  it.each([0, 1, 2, 3, 4])('Branin − its minimum, gradient: false, seed %i: certified at one of its three minimizers, every call inside and counted', async (seed) => {
    const { evaluate } = braninShifted() as { evaluate: Evaluate };
    let calls = 0;
    const f = (x: Float64Array) => {
      calls++;
      // braninShifted throws outside the box, which would show as a fault.
      return evaluate(x);
    };
    const r = await optimize({ objective: f, dimension: 2, gradient: false, bounds: BRANIN_BOX }, { seed });
    expect(r.faults.worker).toBe(0);
    expect(r.stopReason).toBe('certified');
    expect(r.loss).toBeLessThan(1e-8);
    expect(inBox(r.theta, BRANIN_BOX)).toBe(true);
    const nearest = Math.min(...BRANIN_MINIMIZERS.map(([a, b]) => Math.hypot(r.theta[0] - a, r.theta[1] - b)));
    expect(nearest).toBeLessThan(1e-4);
    expect(r.evaluations).toBe(calls);
  });

  it.each([0, 1, 2, 3, 4])('Michalewicz − its minimum on [0, π]², seed %i: certified at (2.20291, π/2)', async (seed) => {
    const { evaluate } = michalewicz() as { evaluate: Evaluate };
    let calls = 0;
    const f = (x: Float64Array, g: Float64Array) => (calls++, evaluate(x, g));
    const r = await optimize({ objective: f, dimension: 2, bounds: MICHALEWICZ_BOX }, { seed });
    expect(r.faults.worker).toBe(0);
    expect(r.stopReason).toBe('certified');
    expect(r.loss).toBeLessThan(1e-8);
    expect(Math.abs(r.theta[0] - 2.202905523)).toBeLessThan(1e-4);
    expect(Math.abs(r.theta[1] - Math.PI / 2)).toBeLessThan(1e-4);
    expect(r.evaluations).toBe(calls);
  });

  it('a minimum on the box face is certified there: Σ(θ − c)² − 5 on [−1, 1]³ with c = (3, −2, 0.5) ends at (1, −1, 0.5), on the face exactly', async () => {
    // The box's closest point to c is (1, −1, 0.5), at squared distance 4 + 1 = 5: min L = 0 there.
    const c = [3, -2, 0.5];
    const outside: number[][] = [];
    const f = (x: Float64Array, g: Float64Array) => {
      if (!inBox(x.subarray(0, 3), [[-1, 1], [-1, 1], [-1, 1]])) outside.push(Array.from(x));
      let v = -5;
      for (let i = 0; i < 3; i++) {
        v += (x[i] - c[i]) ** 2;
        g[i] = 2 * (x[i] - c[i]);
      }
      return v;
    };
    const r = await optimize({ objective: f, dimension: 3, bounds: [-1, 1] }, { seed: 7 });
    expect(outside).toEqual([]);
    expect(r.stopReason).toBe('certified');
    expect(r.theta[0]).toBe(1);
    expect(r.theta[1]).toBe(-1);
    expect(Math.abs(r.theta[2] - 0.5)).toBeLessThan(1e-6);
  });

  it('threads 0 and 2 give the same result for a bounded module objective with the default local method', async () => {
    const problem: Problem = { objective: { module: boundedObjectives, export: 'michalewicz' }, bounds: MICHALEWICZ_BOX };
    const options: OptimizeOptions = { walkers: 3, seed: 'bounded-threads' };
    const zero = await optimize(problem, { ...options, threads: 0 });
    const two = await optimize(problem, { ...options, threads: 2 });
    expect(zero.rounds).toBeGreaterThan(1);
    expectSameResult(two, zero);
    expect(two.faults).toEqual(zero.faults);
    expect(zero.faults.worker).toBe(0);
    expect(inBox(zero.theta, [MICHALEWICZ_BOX, MICHALEWICZ_BOX])).toBe(true);
  });
});
