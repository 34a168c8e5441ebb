import { describe, expect, it } from 'vitest';
import { createDeepLinear } from '../../src/models/deep-linear.js';
import { seeded, uniformArray } from '../helpers/gradient-check.js';
import { gradientCheckError, jacobianBackwardError } from './helpers.js';

describe('createDeepLinear', () => {
  it('has no biases: parameterCount = Σ in·out', () => {
    const net = createDeepLinear({ layers: [3, 4, 2] });
    expect(net.parameterCount).toBe(3 * 4 + 4 * 2);
    expect(net.hasBias).toBe(false);
    expect(net.activation).toBe('identity');
  });

  it('computes W_2·W_1·x for hand-set weights', () => {
    const net = createDeepLinear({ layers: [2, 2, 1] });
    // W1 = [[1, 2], [3, 4]], W2 = [[5, -1]]  →  W2·W1 = [[2, 6]]
    const theta = new Float64Array([1, 2, 3, 4, 5, -1]);
    const out = new Float64Array(2);
    net.forward(theta, new Float64Array([1, 1, -0.5, 2]), 2, out);
    expect(Array.from(out)).toEqual([8, 11]);
  });

  for (const layers of [[2, 1], [3, 4, 2], [1, 3, 3, 1], [4, 2, 5, 3, 2], [2, 6, 6, 6, 6, 6, 3]]) {
    it(`backward matches central differences and the Jacobian: ${layers.join('-')}`, () => {
      const rng = seeded(`deep-linear-${layers.join('-')}`);
      const net = createDeepLinear({ layers });
      // m = 200 runs in product form (linear-product.ts) on every network with two or more layers,
      // and the Jacobian, one sample at a time, stays layered: the two forms are checked against each other.
      for (const m of [1, 6, 200]) {
        if (m !== 6) expect(net.usesProduct(m)).toBe(m === 200 && layers.length > 2);
        const theta = uniformArray(rng, net.parameterCount);
        const x = uniformArray(rng, m * net.inputSize, -2, 2);
        const dOut = uniformArray(rng, m * net.outputSize);
        expect(gradientCheckError(net, theta, x, m, dOut)).toBeLessThan(1e-6);
        expect(jacobianBackwardError(net, theta, x, m, dOut)).toBeLessThan(1e-12);
      }
    });
  }

  it("defaults to 'glorot' init and accepts a uniform one", () => {
    const net = createDeepLinear({ layers: [4, 4, 2] });
    const theta = new Float64Array(net.parameterCount);
    net.init(seeded('dl-glorot'), theta);
    for (const w of theta.subarray(0, 16)) expect(Math.abs(w)).toBeLessThanOrEqual(Math.sqrt(6 / 8));
    for (const w of theta.subarray(16)) expect(Math.abs(w)).toBeLessThanOrEqual(1);
    const uniform = createDeepLinear({ layers: [4, 4, 2], init: { type: 'uniform', low: 3, high: 4 } });
    uniform.init(seeded('dl-uniform'), theta);
    for (const w of theta) {
      expect(w).toBeGreaterThanOrEqual(3);
      expect(w).toBeLessThan(4);
    }
  });

  it('handles a larger m after a smaller one', () => {
    const rng = seeded('dl-grow');
    const net = createDeepLinear({ layers: [2, 3, 2] });
    const theta = uniformArray(rng, net.parameterCount);
    const x = uniformArray(rng, 10 * 2);
    const small = new Float64Array(2 * 2);
    const large = new Float64Array(10 * 2);
    // Both batches layered, so that the larger one runs in the grown workspace.
    expect(net.usesProduct(10)).toBe(false);
    net.forward(theta, x, 2, small);
    net.forward(theta, x, 10, large);
    expect(Array.from(large.subarray(0, 4))).toEqual(Array.from(small));
    expect(gradientCheckError(net, theta, x, 10, uniformArray(rng, 20))).toBeLessThan(1e-6);
  });

  it('gives the same outputs in product form as layered, up to rounding', () => {
    const rng = seeded('dl-product');
    const net = createDeepLinear({ layers: [8, 8, 8, 8, 2] });
    const theta = uniformArray(rng, net.parameterCount);
    const m = 1000;
    const x = uniformArray(rng, m * 8, -2, 2);
    expect(net.usesProduct(1)).toBe(false);
    expect(net.usesProduct(m)).toBe(true);
    const batch = new Float64Array(m * 2);
    net.forward(theta, x, m, batch);
    const one = new Float64Array(2);
    for (const i of [0, 1, 517, 999]) {
      net.forward(theta, x.subarray(8 * i, 8 * i + 8), 1, one);
      for (let k = 0; k < 2; k++) expect(batch[2 * i + k]).toBeCloseTo(one[k], 13);
    }
  });
});
