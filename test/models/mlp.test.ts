import { describe, expect, it } from 'vitest';
import { createMlp } from '../../src/models/mlp.js';
import { ACTIVATIONS } from '../../src/models/activations.js';
import type { Activation } from '../../src/types.js';
import { seeded, uniformArray } from '../helpers/gradient-check.js';
import { gradientCheckError, jacobianBackwardError } from './helpers.js';

const ARCHITECTURES = [
  [3, 1], // no hidden layer: a linear model
  [1, 1, 1],
  [3, 4, 2],
  [2, 5, 3],
  [4, 7, 6, 3],
  [3, 4, 4, 4, 4, 1],
];

function randomProblem(seed: string, layers: number[], m: number, activation: Activation) {
  const rng = seeded(seed);
  const model = createMlp({ layers, activation });
  const theta = uniformArray(rng, model.parameterCount);
  const x = uniformArray(rng, m * model.inputSize, -2, 2);
  const dOut = uniformArray(rng, m * model.outputSize);
  return { model, theta, x, dOut };
}

describe('createMlp', () => {
  it('counts parameters as Σ (in·out + out)', () => {
    expect(createMlp({ layers: [2, 2, 1] }).parameterCount).toBe(9);
    expect(createMlp({ layers: [32, 64, 64, 1] }).parameterCount).toBe(32 * 64 + 64 + 64 * 64 + 64 + 64 + 1);
    const mlp = createMlp({ layers: [4, 3, 2] });
    expect([mlp.inputSize, mlp.outputSize, mlp.activation]).toEqual([4, 2, 'tanh']);
  });

  it('computes a hand-worked 1-1-1 tanh network and its gradient', () => {
    const mlp = createMlp({ layers: [1, 1, 1], activation: 'tanh' });
    const theta = new Float64Array([2, 0.5, 3, -1]); // W1, b1, W2, b2
    const out = new Float64Array(1);
    mlp.forward(theta, new Float64Array([0.25]), 1, out);
    const a = Math.tanh(1); // 0.7615941559557649
    expect(out[0]).toBeCloseTo(3 * a - 1, 15);
    expect(out[0]).toBeCloseTo(1.2847824678672947, 15);
    const grad = new Float64Array(4);
    mlp.backward(theta, new Float64Array([0.25]), 1, new Float64Array([1]), grad);
    const s = 1 - a * a;
    const expected = [3 * s * 0.25, 3 * s, a, 1];
    for (let p = 0; p < 4; p++) expect(grad[p]).toBeCloseTo(expected[p], 14);
  });

  it('lays θ out as W_l (out×in, row-major) then b_l, layer by layer', () => {
    const mlp = createMlp({ layers: [2, 3, 1], activation: 'relu' });
    const W1 = [[1, -2], [0.5, 0.25], [-1, 3]];
    const b1 = [0.1, -0.2, 0.3];
    const W2 = [2, -1, 0.5];
    const b2 = 0.7;
    const theta = new Float64Array([...W1.flat(), ...b1, ...W2, b2]);
    const xs = [[1, 2], [-1, 0.5], [0.3, -0.4]];
    const out = new Float64Array(3);
    mlp.forward(theta, new Float64Array(xs.flat()), 3, out);
    xs.forEach((x, i) => {
      const hidden = W1.map((w, o) => Math.max(0, w[0] * x[0] + w[1] * x[1] + b1[o]));
      expect(out[i]).toBeCloseTo(hidden.reduce((s, h, o) => s + W2[o] * h, b2), 14);
    });
  });

  for (const activation of ACTIVATIONS) {
    for (const layers of ARCHITECTURES) {
      it(`backward matches central differences: ${activation} ${layers.join('-')}`, () => {
        for (const m of [1, 7]) {
          const { model, theta, x, dOut } = randomProblem(`mlp-${activation}-${layers.join('-')}-${m}`, layers, m, activation);
          // ReLU kinks: a smaller step makes straddling one unlikely.
          const h = activation === 'relu' ? 1e-6 : 1e-5;
          expect(gradientCheckError(model, theta, x, m, dOut, h)).toBeLessThan(1e-6);
        }
      });
    }
  }

  for (const activation of ACTIVATIONS) {
    it(`jacobian agrees with backward: ${activation}`, () => {
      for (const layers of ARCHITECTURES) {
        const m = 5;
        const { model, theta, x, dOut } = randomProblem(`jac-${activation}-${layers.join('-')}`, layers, m, activation);
        expect(jacobianBackwardError(model, theta, x, m, dOut)).toBeLessThan(1e-12);
      }
    });
  }

  it('handles a larger m after a smaller one, and back', () => {
    const rng = seeded('mlp-grow');
    const mlp = createMlp({ layers: [3, 5, 4, 2], activation: 'sigmoid' });
    const theta = uniformArray(rng, mlp.parameterCount);
    const big = 37;
    const x = uniformArray(rng, big * 3);
    // Reference: one sample at a time.
    const reference = new Float64Array(big * 2);
    for (let i = 0; i < big; i++) mlp.forward(theta, x.subarray(i * 3, i * 3 + 3), 1, reference.subarray(i * 2, i * 2 + 2));
    for (const m of [2, big, 5, big]) {
      const out = new Float64Array(m * 2);
      mlp.forward(theta, x, m, out);
      for (let k = 0; k < m * 2; k++) expect(out[k]).toBeCloseTo(reference[k], 14);
      const dOut = uniformArray(rng, m * 2);
      expect(gradientCheckError(mlp, theta, x, m, dOut)).toBeLessThan(1e-6);
    }
  });

  it('backward is right even when θ or x changed since the last forward', () => {
    const rng = seeded('mlp-stale');
    const mlp = createMlp({ layers: [2, 4, 3], activation: 'softplus' });
    const theta1 = uniformArray(rng, mlp.parameterCount);
    const theta2 = uniformArray(rng, mlp.parameterCount);
    const x1 = uniformArray(rng, 6 * 2);
    const x2 = uniformArray(rng, 6 * 2);
    const dOut = uniformArray(rng, 6 * 3);
    const out = new Float64Array(6 * 3);

    const expected = new Float64Array(mlp.parameterCount);
    mlp.forward(theta2, x2, 6, out);
    mlp.backward(theta2, x2, 6, dOut, expected);

    const grad = new Float64Array(mlp.parameterCount);
    mlp.forward(theta1, x2, 6, out);
    mlp.backward(theta2, x2, 6, dOut, grad); // θ changed
    expect(Array.from(grad)).toEqual(Array.from(expected));
    mlp.forward(theta2, x1, 6, out);
    mlp.backward(theta2, x2, 6, dOut, grad); // x changed
    expect(Array.from(grad)).toEqual(Array.from(expected));
    const fresh = createMlp({ layers: [2, 4, 3], activation: 'softplus' });
    fresh.backward(theta2, x2, 6, dOut, grad); // no forward at all
    expect(Array.from(grad)).toEqual(Array.from(expected));
    // θ stepped in place between forward and backward.
    const t = Float64Array.from(theta1);
    mlp.forward(t, x2, 6, out);
    t.set(theta2);
    mlp.backward(t, x2, 6, dOut, grad);
    expect(Array.from(grad)).toEqual(Array.from(expected));
  });

  it('overwrites grad and gives zero for m = 0', () => {
    const mlp = createMlp({ layers: [2, 3, 1] });
    const grad = new Float64Array(mlp.parameterCount).fill(42);
    mlp.backward(new Float64Array(mlp.parameterCount), new Float64Array(0), 0, new Float64Array(0), grad);
    expect(Array.from(grad)).toEqual(new Array(mlp.parameterCount).fill(0));
  });

  it('a jacobian call does not disturb the cache of the batch forward', () => {
    const rng = seeded('mlp-jac-cache');
    const mlp = createMlp({ layers: [2, 3, 2], activation: 'tanh' });
    const theta = uniformArray(rng, mlp.parameterCount);
    const x = uniformArray(rng, 4 * 2);
    const dOut = uniformArray(rng, 4 * 2);
    const out = new Float64Array(8);
    const expected = new Float64Array(mlp.parameterCount);
    mlp.forward(theta, x, 4, out);
    mlp.backward(theta, x, 4, dOut, expected);
    mlp.forward(theta, x, 4, out);
    mlp.jacobian(uniformArray(rng, mlp.parameterCount), new Float64Array([5, -5]));
    const grad = new Float64Array(mlp.parameterCount);
    mlp.backward(theta, x, 4, dOut, grad);
    expect(Array.from(grad)).toEqual(Array.from(expected));
  });

  it('rejects buffers that are too short', () => {
    const mlp = createMlp({ layers: [2, 3, 1] });
    const theta = new Float64Array(mlp.parameterCount);
    expect(() => mlp.forward(theta, new Float64Array(3), 2, new Float64Array(2))).toThrow(/x: expected at least m·inputSize = 4 values/);
    expect(() => mlp.forward(theta, new Float64Array(4), 2, new Float64Array(1))).toThrow(/out: expected at least m·outputSize = 2/);
    expect(() => mlp.forward(new Float64Array(3), new Float64Array(4), 2, new Float64Array(2))).toThrow(/theta: expected at least parameterCount = 13/);
    expect(() => mlp.forward(theta, new Float64Array(4), 1.5, new Float64Array(2))).toThrow(/m: expected a non-negative integer/);
    expect(() => mlp.backward(theta, new Float64Array(4), 2, new Float64Array(1), new Float64Array(13))).toThrow(/dOut:/);
    expect(() => mlp.backward(theta, new Float64Array(4), 2, new Float64Array(2), new Float64Array(12))).toThrow(/^grad: expected at least parameterCount = 13 values/);
  });
});

describe('MLP init', () => {
  it("'glorot' draws each W_l within ±√(6/(in+out)) and zeroes the biases", () => {
    const mlp = createMlp({ layers: [3, 5, 2] });
    const theta = new Float64Array(mlp.parameterCount).fill(NaN);
    mlp.init(seeded('glorot'), theta);
    const bound1 = Math.sqrt(6 / 8);
    const bound2 = Math.sqrt(6 / 7);
    const W1 = theta.subarray(0, 15), b1 = theta.subarray(15, 20), W2 = theta.subarray(20, 30), b2 = theta.subarray(30, 32);
    for (const w of W1) expect(Math.abs(w)).toBeLessThanOrEqual(bound1);
    for (const w of W2) expect(Math.abs(w)).toBeLessThanOrEqual(bound2);
    expect(Math.max(...W1.map(Math.abs))).toBeGreaterThan(bound1 / 2); // the range is used, not a tiny corner
    expect(Array.from(b1)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(b2)).toEqual([0, 0]);
  });

  it('uniform init puts every parameter in [low, high], deterministically for a seed', () => {
    const mlp = createMlp({ layers: [4, 6, 3], init: { type: 'uniform', low: -0.5, high: 2 } });
    const a = new Float64Array(mlp.parameterCount);
    const b = new Float64Array(mlp.parameterCount);
    mlp.init(seeded('u'), a);
    mlp.init(seeded('u'), b);
    expect(Array.from(a)).toEqual(Array.from(b));
    for (const v of a) {
      expect(v).toBeGreaterThanOrEqual(-0.5);
      expect(v).toBeLessThan(2);
    }
    expect(Math.min(...a)).toBeLessThan(0); // biases are drawn too
    expect(new Set(a).size).toBe(a.length);
  });
});
