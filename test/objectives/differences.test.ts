/** The gradient by central differences (scipy's '3-point' rule), against analytic gradients. */
import { describe, expect, it } from 'vitest';
import { CentralDifferences, RELATIVE_STEP } from '../../src/objectives/differences.js';
import { createRastrigin } from '../../src/objectives/rastrigin.js';
import { seeded } from '../helpers/gradient-check.js';
// @ts-expect-error: a plain-JavaScript fixture module, as a user ships it.
import { rosenbrock as rosenbrockModule } from '../fixtures/modules/user-objectives.mjs';

/** Rosenbrock in d dimensions with its analytic gradient. */
function rosenbrock(x: Float64Array, g: Float64Array | null): number {
  let v = 0;
  if (g) g.fill(0);
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    v += 100 * a * a + b * b;
    if (g) {
      g[i] += -400 * x[i] * a - 2 * b;
      g[i + 1] += 200 * a;
    }
  }
  return v;
}

function relativeError(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / Math.max(den, 1e-300));
}

describe('CentralDifferences', () => {
  it('matches the analytic gradient of Rosenbrock and Rastrigin at seeded random points', () => {
    const rng = seeded('differences');
    const rastrigin = createRastrigin(6);
    for (let trial = 0; trial < 20; trial++) {
      const x = Float64Array.from({ length: 6 }, () => 4 * rng() - 2);
      const analytic = new Float64Array(6);
      const value = rosenbrock(x, analytic);
      const byDifferences = new Float64Array(6);
      const d = new CentralDifferences(6, (t) => rosenbrock(t, null), null);
      expect(d.evaluate(x, byDifferences)).toBe(value);
      // The O(h²) rule's error at h ≈ 6e-6·max(1, |x|) is about 1e-10 relative here.
      expect(relativeError(byDifferences, analytic)).toBeLessThan(1e-8);

      const ra = new Float64Array(6);
      rastrigin.evaluate(x, ra);
      const rd = new Float64Array(6);
      new CentralDifferences(6, (t) => rastrigin.evaluate(t, new Float64Array(6)), null).evaluate(x, rd);
      expect(relativeError(rd, ra)).toBeLessThan(1e-8);
    }
  });

  it('checks the fixture module’s hand-derived Rosenbrock gradient (used by the optimize and CLI tests)', () => {
    const o = rosenbrockModule({ d: 5 }) as { evaluate(x: Float64Array, g: Float64Array): number };
    const rng = seeded('fixture');
    for (let trial = 0; trial < 10; trial++) {
      const x = Float64Array.from({ length: 5 }, () => 3 * rng() - 1.5);
      const analytic = new Float64Array(5);
      o.evaluate(x, analytic);
      const byDifferences = new Float64Array(5);
      new CentralDifferences(5, (t) => o.evaluate(t, new Float64Array(5)), null).evaluate(x, byDifferences);
      expect(relativeError(byDifferences, analytic)).toBeLessThan(1e-8);
    }
  });

  it('steps x_i ± h with scipy’s h = ε^(1/3)·max(1, |x_i|), calls f 1 + 2n times, and leaves θ as it was', () => {
    const calls: number[][] = [];
    const x = Float64Array.of(0.25, -40, 3);
    const d = new CentralDifferences(3, (t) => {
      calls.push(Array.from(t));
      return t[0] + 2 * t[1] - t[2];
    }, null);
    const g = new Float64Array(3);
    d.evaluate(x, g);
    expect(calls.length).toBe(d.callsPerEvaluation);
    expect(d.callsPerEvaluation).toBe(7);
    expect(calls[0]).toEqual([0.25, -40, 3]);
    for (let i = 0; i < 3; i++) {
      const h = RELATIVE_STEP * Math.max(1, Math.abs(x[i]));
      const [minus, plus] = [calls[1 + 2 * i], calls[2 + 2 * i]];
      expect(minus[i]).toBe(x[i] - h);
      expect(plus[i]).toBe(x[i] + h);
      // Only coordinate i moves.
      for (let j = 0; j < 3; j++) if (j !== i) expect(minus[j]).toBe(x[j]);
    }
    expect(Array.from(x)).toEqual([0.25, -40, 3]);
    expect(g[0]).toBeCloseTo(1, 8);
    expect(g[1]).toBeCloseTo(2, 8);
    expect(g[2]).toBeCloseTo(-1, 8);
    expect(RELATIVE_STEP).toBe((2 ** -52) ** (1 / 3));
  });

  it('at and near a bound: one-sided three-point differences, no call outside the box, still second order', () => {
    const lower = Float64Array.of(0, -1, 1);
    const upper = Float64Array.of(1, 2e-6 - 1, 1);
    const outside: number[][] = [];
    const f = (t: Float64Array): number => {
      for (let i = 0; i < 3; i++) if (t[i] < lower[i] || t[i] > upper[i]) outside.push(Array.from(t));
      return Math.exp(t[0]) + Math.sin(3 * t[1]) + t[2] ** 2;
    };
    const d = new CentralDifferences(3, f, { lower, upper });
    // x₀ on its floor (forward), x₁ 1e-6 from its floor in a box 2e-6 wide (a shrunken central step).
    for (const x of [Float64Array.of(0, -1, 1), Float64Array.of(1, 1e-6 - 1, 1), Float64Array.of(1e-7, -1 + 1.5e-6, 1)]) {
      const g = new Float64Array(3);
      d.evaluate(x, g);
      expect(Math.abs(g[0] - Math.exp(x[0]))).toBeLessThan(1e-8);
      expect(Math.abs(g[1] - 3 * Math.cos(3 * x[1]))).toBeLessThan(1e-6);
      // low = high: the coordinate cannot move, its derivative is taken as 0.
      expect(g[2]).toBe(0);
    }
    expect(outside).toEqual([]);
  });

  it('a backward one-sided difference at the ceiling', () => {
    const d = new CentralDifferences(1, (t) => t[0] ** 3, { lower: Float64Array.of(-Infinity), upper: Float64Array.of(2) });
    const g = new Float64Array(1);
    d.evaluate(Float64Array.of(2), g);
    expect(Math.abs(g[0] - 12)).toBeLessThan(1e-8);
  });
});
