/**
 * The paper's worked examples (Kawaguchi & Kaelbling 2020) and the failure mode of DESIGN.md §2,
 * checked against hand-computed values.
 */
import { describe, expect, it } from 'vitest';
import { createObjective } from '../../src/augment/create.js';
import { createStepper } from '../../src/optimizers/create.js';

const example1 = {
  model: { type: 'example1' as const },
  loss: { type: 'smoothed-hinge' as const, power: 3 },
  data: { x: [0], y: [-1] },
};

describe('Example 1: ℓ(q) = max(0, 1 + q)³, y = −1', () => {
  it('has the bad local minimum, the basin boundary and the zero set of DESIGN.md §2', async () => {
    const L = await createObjective(example1, { augmentation: 'none' });
    const at = (theta: number) => L.evaluate(Float64Array.of(theta), null);
    expect(at(0.20002783105)).toBeCloseTo(7.999582745226, 9);
    expect(at(0.8)).toBe(0);
    expect(at(0.495476508955)).toBeCloseTo(25.6448881356, 8);
    // A local maximum: the derivative changes sign from + to − across it.
    const grad = (theta: number) => {
      const g = new Float64Array(1);
      L.evaluate(Float64Array.of(theta), g);
      return g[0];
    };
    expect(grad(0.495476508955 - 1e-6)).toBeGreaterThan(0);
    expect(grad(0.495476508955 + 1e-6)).toBeLessThan(0);
    expect(Math.abs(grad(0.495476508955))).toBeLessThan(1e-4);
    expect(Math.abs(grad(0.20002783105))).toBeLessThan(1e-6);
  });

  it('gradient descent on L̃ from the bad minimum keeps θ there while the neuron cancels the residual', async () => {
    const obj = await createObjective(example1, { augmentation: 'neuron', lambda: 1 });
    const z = new Float64Array(obj.dimension);
    const { theta, a, b } = obj.split(z);
    theta[0] = 0.2;
    a[0] = 0.01;
    b[0] = 0;
    const gd = createStepper(obj.dimension, { method: 'gd', learningRate: 0.01 });
    for (let t = 0; t < 10_000; t++) gd.step(obj, z);
    obj.evaluate(z, null);
    expect(obj.stats.loss).toBeCloseTo(7.99958, 5);
    expect(b[0]).toBeGreaterThan(3);
    expect(a[0] * Math.exp(b[0])).toBeLessThan(-1.5);
    // DESIGN.md §2: L̃ ≈ 2.7e-3 after 1e4 steps, far below L(θ).
    expect(obj.stats.augmentedLoss).toBeLessThan(5e-3);
  });
});

describe('Example 3: f = 2, y = 1, squared loss, λ = 1', () => {
  it('L̃ = e^(−2/ε) along a = −e^(−1/ε), b = 1/ε', async () => {
    // f ≡ 2 through a one-parameter deep linear net with x = 1 would move; use example-free data:
    // a 1-1 deep linear network f = θ·x with θ = 2 and x = 1 gives f = 2 at the point we evaluate.
    const obj = await createObjective(
      { model: { type: 'deep-linear', layers: [1, 1] }, loss: 'squared', data: { x: [1], y: [1] } },
      { augmentation: 'neuron', lambda: 1 },
    );
    const z = new Float64Array(obj.dimension);
    const { theta, a, b, W } = obj.split(z);
    theta[0] = 2;
    const eps = 0.2;
    a[0] = -Math.exp(-1 / eps);
    b[0] = 1 / eps;
    W[0] = 0; // w·x = 0, as the paper's x = 0
    expect(obj.evaluate(z, null)).toBeCloseTo(4.539993e-5, 10);
    expect(obj.evaluate(z, null)).toBeCloseTo(Math.exp(-2 / eps), 15);
  });
});

describe('Example 5: two samples at x = 0 with targets +1 and −1, f = 0', () => {
  it('L̃ = 2 + 3a², so a = 0 is a local minimum and a = ±1e-3 gives 2.000003', async () => {
    const obj = await createObjective(
      { model: { type: 'deep-linear', layers: [1, 1] }, loss: 'squared', data: { x: [0, 0], y: [1, -1] }, reduction: 'sum' },
      { augmentation: 'neuron', lambda: 1 },
    );
    const z = new Float64Array(obj.dimension);
    const { theta, a } = obj.split(z);
    theta[0] = 0.37; // f = θ·0 = 0 whatever θ is
    const grad = new Float64Array(obj.dimension);
    expect(obj.evaluate(z, grad)).toBe(2);
    expect(Array.from(grad)).toEqual([0, 0, 0, 0]);
    // The two residuals share one input and cancel: nothing is left for the unit to fit, so this
    // global minimum of L can be certified. With distinct inputs they would not cancel.
    expect(obj.stats.residual).toBe(0);
    const distinct = await createObjective(
      { model: { type: 'deep-linear', layers: [1, 1] }, loss: 'squared', data: { x: [0, 1], y: [1, -1] }, reduction: 'sum' },
      { augmentation: 'neuron', lambda: 1 },
    );
    distinct.evaluate(new Float64Array(distinct.dimension), new Float64Array(distinct.dimension));
    // r = 2(q − y) = (−2, +2) at q = 0, one per input: RMS 2.
    expect(distinct.stats.residual).toBe(2);
    for (const value of [1e-3, -1e-3]) {
      a[0] = value;
      expect(obj.evaluate(z, null)).toBeCloseTo(2.000003, 12);
    }
  });
});
