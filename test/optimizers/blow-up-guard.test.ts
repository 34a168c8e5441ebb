import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NoBadMinimaError } from '../../src/errors.js';
import { optimize } from '../../src/index.js';
import { Adam } from '../../src/optimizers/adam.js';
import { GradientDescent } from '../../src/optimizers/gd.js';
import { Nesterov } from '../../src/optimizers/nesterov.js';
import type { Differentiable } from '../../src/types.js';

/** f = 100·z², curvature 200: gd diverges for any rate above 2/200 = 0.01. */
const steep: Differentiable = {
  dimension: 1,
  evaluate(z, grad) {
    if (grad !== null) grad[0] = 200 * z[0];
    return 100 * z[0] * z[0];
  },
};

describe('the blow-up guard of the fixed-step methods', () => {
  it('gd at rate 1/16 on 100·z² from 1: the steps worked out by hand', () => {
    // 1 → −11.5 (13 225 > 10·100: retry at 1/32) → −5.25 (2 756.25 > 1 000: retry at 1/64) → −2.125
    // (451.56, kept) → 4.515625 (2 039 > 1 000: retry at 1/128) → −0.5625 (31.6, the new lowest) →
    // −0.5625 + 112.5/128.
    const gd = new GradientDescent(1, { learningRate: 1 / 16 });
    const z = Float64Array.of(1);
    const seen: number[] = [];
    for (let k = 0; k < 6; k++) {
      gd.step(steep, z);
      seen.push(z[0]);
    }
    expect(seen).toEqual([-11.5, -5.25, -2.125, 4.515625, -0.5625, 0.31640625]);
    expect(gd.retries).toBe(3);
    expect(gd.getState().rate).toBe(1 / 128);
  });

  it('gd without a blow-up never retries (the guard is silent at a safe rate)', () => {
    const gd = new GradientDescent(1, { learningRate: 0.004 });
    const z = Float64Array.of(1);
    for (let k = 0; k < 50; k++) gd.step(steep, z);
    expect(gd.retries).toBe(0);
    expect(z[0]).toBeCloseTo(0.2 ** 50, 30);
  });

  it('treats a NaN value, and a NUMERICAL_FAULT thrown at a blown-up point, as a blow-up', () => {
    let thrown = 0;
    const cliff: Differentiable = {
      dimension: 1,
      evaluate(z, grad) {
        if (z[0] < -3) return NaN;
        if (z[0] > 3) {
          thrown++;
          throw new NoBadMinimaError('NUMERICAL_FAULT', 'value is Infinity', 'test');
        }
        return steep.evaluate(z, grad);
      },
    };
    const gd = new GradientDescent(1, { learningRate: 1 / 16 });
    const z = Float64Array.of(1);
    for (let k = 0; k < 40; k++) gd.step(cliff, z);
    expect(gd.retries).toBeGreaterThanOrEqual(2);
    expect(Math.abs(z[0])).toBeLessThan(1e-3);
    // The very first point has nothing to go back to: its fault is the caller's.
    const fresh = new GradientDescent(1, { learningRate: 1 / 16 });
    expect(() => fresh.step(cliff, Float64Array.of(5))).toThrow(NoBadMinimaError);
    expect(thrown).toBeGreaterThan(0);
  });

  it.each([
    ['nesterov', () => new Nesterov(1, { learningRate: 0.05, momentum: 0.9 })],
    ['adam', () => new Adam(1, { learningRate: 2 })],
  ] as const)('%s: retries instead of diverging, and converges', (_name, make) => {
    const stepper = make();
    const z = Float64Array.of(1);
    for (let k = 0; k < 400; k++) stepper.step(steep, z);
    expect(stepper.retries).toBeGreaterThan(0);
    expect(Math.abs(z[0])).toBeLessThan(1e-2);
  });

  it('survives a JSON state round trip mid-run: the restored stepper continues bit for bit', () => {
    const a = new GradientDescent(1, { learningRate: 1 / 16 });
    const z = Float64Array.of(1);
    for (let k = 0; k < 3; k++) a.step(steep, z);
    const b = new GradientDescent(1, { learningRate: 1 / 16 });
    b.setState(JSON.parse(JSON.stringify(a.getState())));
    const za = z.slice();
    const zb = z.slice();
    for (let k = 0; k < 10; k++) {
      a.step(steep, za);
      b.step(steep, zb);
      expect(zb[0]).toBe(za[0]);
    }
    expect(b.retries).toBe(a.retries);
  });

  it('optimize(): gd at a rate too large for the problem reports its retries in the result and its message', async () => {
    // Σ(θ_i − 1)² has curvature 2: at rate 1.5 every step doubles the distance to the minimum.
    const module = fileURLToPath(new URL('../fixtures/modules/objectives.mjs', import.meta.url));
    const problem = { objective: { module, export: 'faultyQuadratic' } };
    const r = await optimize(problem, { threads: 0, seed: 1, maxRounds: 20, local: { method: 'gd', learningRate: 1.5 } });
    expect(r.stepRetries).toBeGreaterThan(0);
    expect(r.message).toContain(`${r.stepRetries} steps blew up`);
    expect(r.loss).toBeLessThan(1e-6);
    const calm = await optimize(problem, { threads: 0, seed: 1, maxRounds: 20, local: { method: 'gd', learningRate: 0.1 } });
    expect(calm.stepRetries).toBe(0);
    expect(calm.message).not.toContain('blew up');
  });
});
