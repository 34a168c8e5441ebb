import { describe, expect, it } from 'vitest';
import { EXAMPLE1_FACTS, Example1Model, example1Derivative, example1Value } from '../../src/models/example1.js';
import { seeded, uniformArray } from '../helpers/gradient-check.js';
import { gradientCheckError, jacobianBackwardError } from './helpers.js';

/** The paper's loss for Example 1: ℓ(q) = max(0, 1 + q)³ with y = −1. */
function loss(theta: number): number {
  const model = new Example1Model();
  const out = new Float64Array(1);
  model.forward(new Float64Array([theta]), new Float64Array([0]), 1, out);
  return Math.max(0, 1 + out[0]) ** 3;
}

describe('Example1Model', () => {
  it('has one input, one output, one parameter', () => {
    const model = new Example1Model();
    expect([model.inputSize, model.outputSize, model.parameterCount]).toEqual([1, 1, 1]);
  });

  it('computes f(0.2) by hand', () => {
    // f(0.2) = 5(−0.3 − 0.7·e^(−32·0.36) + 0.5) = 1 − 3.5·e^(−11.52)
    expect(example1Value(0.2)).toBeCloseTo(1 - 3.5 * Math.exp(-11.52), 15);
    expect(example1Value(0.2)).toBeCloseTo(0.999965247, 9);
  });

  it('reproduces the known loss values (DESIGN.md §2)', () => {
    const theta = EXAMPLE1_FACTS.badMinimum;
    expect(theta).toBe(0.20002783105);
    expect(Math.abs(loss(theta) - 7.999582745226) / 7.999582745226).toBeLessThan(1e-11);
    expect(loss(0.8)).toBe(0);
    expect(loss(EXAMPLE1_FACTS.basinBoundary)).toBeCloseTo(EXAMPLE1_FACTS.basinBoundaryLoss, 8);
    expect(loss(EXAMPLE1_FACTS.globalInterval[0])).toBeLessThan(1e-25);
    expect(loss(EXAMPLE1_FACTS.globalInterval[1])).toBeLessThan(1e-25);
    expect(loss(1e3)).toBe(EXAMPLE1_FACTS.lossAtInfinity);
    expect(loss(-1e3)).toBe(42.875);
  });

  it('has a stationary point at the bad minimum and at the basin boundary', () => {
    expect(Math.abs(example1Derivative(EXAMPLE1_FACTS.badMinimum))).toBeLessThan(1e-10);
    expect(Math.abs(example1Derivative(EXAMPLE1_FACTS.basinBoundary))).toBeLessThan(1e-10);
    expect(example1Derivative(0.2)).toBeCloseTo(-5 * 44.8 * 0.6 * Math.exp(-11.52), 15);
  });

  it('backward matches central differences and the Jacobian at random θ', () => {
    const rng = seeded('example1');
    const model = new Example1Model();
    for (let trial = 0; trial < 20; trial++) {
      const m = 1 + (trial % 4);
      const theta = uniformArray(rng, 1, -0.5, 1.5);
      const x = uniformArray(rng, m);
      const dOut = uniformArray(rng, m);
      expect(gradientCheckError(model, theta, x, m, dOut)).toBeLessThan(1e-6);
      expect(jacobianBackwardError(model, theta, x, m, dOut)).toBeLessThan(1e-12);
    }
  });

  it('ignores x and writes one output per sample', () => {
    const model = new Example1Model();
    const out = new Float64Array(3).fill(NaN);
    model.forward(new Float64Array([0.5]), new Float64Array([1, -7, 100]), 3, out);
    expect(out[0]).toBe(example1Value(0.5));
    expect(out[1]).toBe(out[0]);
    expect(out[2]).toBe(out[0]);
    const grad = new Float64Array([NaN]);
    model.backward(new Float64Array([0.5]), new Float64Array([1, -7, 100]), 3, new Float64Array([1, 2, -0.5]), grad);
    expect(grad[0]).toBeCloseTo(2.5 * example1Derivative(0.5), 15);
  });

  it('initializes in [0, 1) by default, or as the spec says', () => {
    const rng = seeded('example1-init');
    const theta = new Float64Array(1);
    const model = new Example1Model();
    const draws: number[] = [];
    for (let k = 0; k < 200; k++) {
      model.init(rng, theta);
      draws.push(theta[0]);
    }
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(Math.max(...draws) - Math.min(...draws)).toBeGreaterThan(0.9);
    const narrow = new Example1Model({ init: { type: 'uniform', low: 0.15, high: 0.25 } });
    for (let k = 0; k < 50; k++) {
      narrow.init(rng, theta);
      expect(theta[0]).toBeGreaterThanOrEqual(0.15);
      expect(theta[0]).toBeLessThan(0.25);
    }
  });
});
