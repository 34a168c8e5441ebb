/** userObjective(): the one adapter from a user's function or object to the walkers' objective. */
import { describe, expect, it } from 'vitest';
import { optimize } from '../../src/index.js';
import { defaultInit, userObjective } from '../../src/objectives/user.js';
import { seeded } from '../helpers/gradient-check.js';

const box = (lower: number[], upper: number[]) => ({ lower: Float64Array.from(lower), upper: Float64Array.from(upper) });

describe('userObjective', () => {
  it('the default init draws U[low, high] on a finite box, U[−1, 1] unbounded, within 2 of a one-sided bound', () => {
    const rng = seeded('init');
    const b = box([-5, -Infinity, 3, -Infinity], [10, Infinity, Infinity, -7]);
    const out = new Float64Array(4);
    const seen = [[Infinity, -Infinity], [Infinity, -Infinity], [Infinity, -Infinity], [Infinity, -Infinity]];
    for (let k = 0; k < 2000; k++) {
      defaultInit(rng, out, 4, b);
      for (let i = 0; i < 4; i++) {
        seen[i][0] = Math.min(seen[i][0], out[i]);
        seen[i][1] = Math.max(seen[i][1], out[i]);
      }
    }
    const expected = [[-5, 10], [-1, 1], [3, 5], [-9, -7]];
    for (let i = 0; i < 4; i++) {
      expect(seen[i][0]).toBeGreaterThanOrEqual(expected[i][0]);
      expect(seen[i][1]).toBeLessThanOrEqual(expected[i][1]);
      // 2000 draws cover all but a sliver of each interval.
      const width = expected[i][1] - expected[i][0];
      expect(seen[i][1] - seen[i][0]).toBeGreaterThan(0.99 * width);
    }
  });

  it('a user init is clipped into the bounds', () => {
    const f = userObjective({ dimension: 2, evaluate: () => 0, init: (_rng, out) => out.set([-100, 100]) }, { gradient: true, bounds: box([0, 0], [1, 1]), field: 'problem.objective' });
    const out = new Float64Array(2);
    f.init(() => 0.5, out);
    expect(Array.from(out)).toEqual([0, 1]);
  });

  it('calls the user’s code as it is, with what it is given: the views of θ alone are made once, by ExactObjective', () => {
    const seen: Float64Array[] = [];
    const f = userObjective((x, g) => {
      seen.push(x, g);
      g[0] = 1;
      return x[0];
    }, { dimension: 1, gradient: true, bounds: null, field: 'problem.objective' });
    const theta = Float64Array.of(3);
    const grad = new Float64Array(1);
    expect(f.evaluate(theta, grad)).toBe(3);
    expect(seen[0]).toBe(theta);
    expect(seen[1]).toBe(grad);
    expect(f.callsPerEvaluation).toBe(1);
    expect(f.source).toBe('problem.objective (function objective)');
  });

  it('in a run with the scalar augmentation (z = [θ, a, b]) too, with and without gradient', async () => {
    for (const gradient of [true, false]) {
      const lengths = new Set<number>();
      const f = (x: Float64Array, g?: Float64Array) => {
        lengths.add(x.length);
        if (g) {
          lengths.add(g.length);
          for (let i = 0; i < x.length; i++) g[i] = 2 * (x[i] - 0.5);
        }
        let v = 0;
        for (let i = 0; i < x.length; i++) v += (x[i] - 0.5) ** 2;
        return v;
      };
      const r = await optimize({ objective: f, dimension: 3, gradient }, { local: { method: 'lbfgs' }, targetLoss: 1e-12, maxEvaluations: 4_000, seed: 1, threads: 0 });
      expect([...lengths]).toEqual([3]);
      expect(r.loss).toBeLessThanOrEqual(1e-12);
    }
  });

  it('gradient: false calls evaluate with θ alone and costs 1 + 2n calls', () => {
    const argCounts: number[] = [];
    const f = userObjective({ dimension: 3, evaluate: (...args: unknown[]) => (argCounts.push(args.length), 1) }, { gradient: false, bounds: null, field: 'problem.objective' });
    f.evaluate(new Float64Array(3), new Float64Array(3));
    expect(f.callsPerEvaluation).toBe(7);
    expect(argCounts).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });
});
