/**
 * The neuron's shortcut while its unit rests (evaluateResting) must give what the full evaluation
 * gives with the auxiliary's gradient entries zeroed, bit for bit: a dormant walker steps through
 * it, and the benchmark's results may not depend on it.
 */
import { describe, expect, it } from 'vitest';
import { createObjective } from '../../src/augment/create.js';
import type { AugmentedObjective } from '../../src/augment/augmented.js';
import type { BuiltinModelSpec, LossSpec } from '../../src/types.js';
import { seeded } from '../helpers/gradient-check.js';
import { dataFor } from '../helpers/model-data.js';

const cases: [string, BuiltinModelSpec, LossSpec, 'mean' | 'sum'][] = [
  ['mlp tanh × squared', { type: 'mlp', layers: [3, 4, 2], activation: 'tanh', init: { type: 'uniform', low: -1, high: 1 } }, 'squared', 'mean'],
  ['mlp relu × smoothed-hinge p=3', { type: 'mlp', layers: [2, 3, 1], activation: 'relu', init: { type: 'uniform', low: -1, high: 1 } }, { type: 'smoothed-hinge', power: 3 }, 'mean'],
  ['mlp softplus × cross-entropy, sum', { type: 'mlp', layers: [2, 5, 3], activation: 'softplus', init: { type: 'uniform', low: -1, high: 1 } }, 'cross-entropy', 'sum'],
  ['mlp sigmoid × logistic', { type: 'mlp', layers: [3, 2, 2], activation: 'sigmoid', init: { type: 'uniform', low: -1, high: 1 } }, 'logistic', 'mean'],
  ['deep-linear × squared', { type: 'deep-linear', layers: [3, 3, 2, 2] }, 'squared', 'mean'],
  ['example1 × squared', { type: 'example1' }, 'squared', 'sum'],
];

/** Full evaluation, then the auxiliary's entries zeroed, as a θ-only step sees it. */
function fullThetaOnly(obj: AugmentedObjective, z: Float64Array): { value: number; grad: Float64Array; loss: number } {
  const grad = new Float64Array(obj.dimension);
  const value = obj.evaluate(z, grad);
  grad.fill(0, obj.thetaSize);
  return { value, grad, loss: obj.stats.loss };
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

describe('NeuronAugmented.evaluateResting', () => {
  for (const [name, model, loss, reduction] of cases) {
    it(`${name}: equals the full evaluation with the auxiliary's gradient zeroed`, async () => {
      const rng = seeded(`resting|${name}`);
      const obj = await createObjective({ model, loss, reduction, data: dataFor(model, loss, rng, 6) }, { augmentation: 'neuron', lambda: 0.7 });
      expect(obj.evaluateResting).toBeTypeOf('function');
      for (let trial = 0; trial < 5; trial++) {
        const z = new Float64Array(obj.dimension);
        obj.init(rng, z, 0.5);
        obj.restAux(z);
        const want = fullThetaOnly(obj, z);
        const grad = new Float64Array(obj.dimension).fill(Math.PI);
        const value = obj.evaluateResting!(z, grad);
        expect(Object.is(value, want.value)).toBe(true);
        expect(obj.stats.loss).toBe(want.loss);
        expect(obj.stats.augmentedLoss).toBe(want.value);
        expect([obj.stats.aNorm, obj.stats.auxNorm, obj.stats.auxOutput]).toEqual([0, 0, 0]);
        expect(sameBits(grad, want.grad)).toBe(true);
        // Without a gradient buffer the value is the same too.
        expect(Object.is(obj.evaluateResting!(z, null), want.value)).toBe(true);
      }
    });
  }

  it('takes the full path, gradient still zeroed past θ, when the auxiliary is not at rest', async () => {
    const [, model, loss] = cases[0];
    const rng = seeded('resting|awake');
    const obj = await createObjective({ model, loss, data: dataFor(model, loss, rng, 6) }, { augmentation: 'neuron', lambda: 0.7 });
    const z = new Float64Array(obj.dimension);
    obj.init(rng, z, 0.5);
    for (const t of [obj.thetaSize, obj.thetaSize + 1, obj.dimension - 1]) {
      obj.restAux(z);
      z[t] = 0.3; // a, then b, then the last entry of W
      const want = fullThetaOnly(obj, z);
      const grad = new Float64Array(obj.dimension);
      const value = obj.evaluateResting!(z, grad);
      expect(value).toBe(want.value);
      expect(sameBits(grad, want.grad)).toBe(true);
      expect(obj.stats.auxNorm).toBeGreaterThan(0);
    }
  });

  it('the other augmentations have no shortcut', async () => {
    const [, model, loss] = cases[0];
    const data = dataFor(model, loss, seeded('resting|others'), 6);
    for (const augmentation of ['scalar', 'none'] as const) {
      const obj = await createObjective({ model, loss, data }, { augmentation, lambda: 0.7 });
      expect(obj.evaluateResting).toBeUndefined();
    }
  });
});

describe('NeuronAugmented.completeResting', () => {
  /** dataFor's rows with every row repeated, so that the grouped residual averages over groups. */
  const withRepeats = (d: { x: number[][]; y: unknown[] }) => ({ x: [...d.x, ...d.x], y: [...d.y, ...d.y] });

  for (const [name, model, loss, reduction] of cases) {
    it(`${name}: turns the resting gradient and stats into the full evaluation's, bit for bit`, async () => {
      const rng = seeded(`complete-resting|${name}`);
      const data = withRepeats(dataFor(model, loss, rng, 6) as { x: number[][]; y: unknown[] });
      const obj = await createObjective({ model, loss, reduction, data } as never, { augmentation: 'neuron', lambda: 0.7 });
      for (let trial = 0; trial < 5; trial++) {
        const z = new Float64Array(obj.dimension);
        obj.init(rng, z, 0.5);
        obj.restAux(z);
        const want = new Float64Array(obj.dimension);
        obj.evaluate(z, want);
        const wantStats = { ...obj.stats };
        expect(Number.isFinite(wantStats.residual)).toBe(true);
        const grad = new Float64Array(obj.dimension).fill(Math.PI);
        obj.evaluateResting!(z, grad);
        expect(obj.stats.residual).toBeNaN();
        expect(obj.completeResting!(grad)).toBe(true);
        expect(sameBits(grad, want)).toBe(true);
        expect(obj.stats).toEqual(wantStats);
        // Once only: the buffers may have moved on by a second call.
        expect(obj.completeResting!(grad)).toBe(false);
      }
    });
  }

  it('declines after a full evaluation, a value-only call or an auxiliary not at rest', async () => {
    const [, model, loss] = cases[0];
    const rng = seeded('complete-resting|declines');
    const obj = await createObjective({ model, loss, data: dataFor(model, loss, rng, 6) }, { augmentation: 'neuron', lambda: 0.7 });
    const z = new Float64Array(obj.dimension);
    obj.init(rng, z, 0.5);
    obj.restAux(z);
    const grad = new Float64Array(obj.dimension);
    obj.evaluateResting!(z, grad);
    obj.evaluate(z, grad);
    expect(obj.completeResting!(grad)).toBe(false);
    obj.evaluateResting!(z, grad);
    obj.evaluateResting!(z, null);
    expect(obj.completeResting!(grad)).toBe(false);
    z[obj.thetaSize] = 0.3;
    obj.evaluateResting!(z, grad);
    const before = grad.slice();
    expect(obj.completeResting!(grad)).toBe(false);
    expect(sameBits(grad, before)).toBe(true);
  });
});
