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
      for (const m of [1, 6]) {
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
    const x = uniformArray(rng, 40 * 2);
    const small = new Float64Array(2 * 2);
    const large = new Float64Array(40 * 2);
    net.forward(theta, x, 2, small);
    net.forward(theta, x, 40, large);
    expect(Array.from(large.subarray(0, 4))).toEqual(Array.from(small));
    expect(gradientCheckError(net, theta, x, 40, uniformArray(rng, 80))).toBeLessThan(1e-6);
  });
});
