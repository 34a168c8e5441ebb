import { describe, expect, it } from 'vitest';

import { crossEntropyLoss } from '../../src/losses/cross-entropy.js';
import { logisticLoss } from '../../src/losses/logistic.js';
import { smoothedHingeLoss } from '../../src/losses/smoothed-hinge.js';
import { squaredLoss } from '../../src/losses/squared.js';
import type { Loss } from '../../src/types.js';
import { seeded, uniform } from '../helpers/gradient-check.js';
import { gradientRelativeError } from './helpers.js';

const f64 = (values: number[]): Float64Array => Float64Array.from(values);

/** Evaluates with a gradient buffer pre-filled with garbage, to check that it is overwritten. */
function evaluate(loss: Loss, q: number[], y: number[], m: number, dy: number): { value: number; grad: number[] } {
  const grad = new Float64Array(q.length).fill(123);
  const value = loss.evaluate(f64(q), f64(y), m, dy, grad);
  expect(loss.evaluate(f64(q), f64(y), m, dy, null)).toBe(value);
  return { value, grad: Array.from(grad) };
}

describe('hand-computed values and gradients', () => {
  const cases: Array<{ name: string; loss: Loss; q: number[]; y: number[]; m: number; dy: number; value: number; grad: number[] }> = [
    { name: 'squared, one row', loss: squaredLoss, q: [1, 2], y: [0, 0], m: 1, dy: 2, value: 5, grad: [2, 4] },
    {
      name: 'squared, sums over rows (no ½)',
      loss: squaredLoss,
      q: [1, -1, 0.5, 2],
      y: [0, 0, 1, 1],
      m: 2,
      dy: 2,
      value: 3.25,
      grad: [2, -2, -1, 2],
    },
    { name: 'cross-entropy, uniform', loss: crossEntropyLoss, q: [0, 0], y: [1, 0], m: 1, dy: 2, value: Math.LN2, grad: [-0.5, 0.5] },
    {
      name: 'cross-entropy, three classes',
      loss: crossEntropyLoss,
      q: [1, 2, 3],
      y: [0, 0, 1],
      m: 1,
      dy: 3,
      value: 0.4076059644443806,
      grad: [0.09003057317038046, 0.24472847105479764, 0.6652409557748218 - 1],
    },
    {
      name: 'cross-entropy, soft labels and two rows',
      loss: crossEntropyLoss,
      q: [0, 0, 1, 2, 3, 0],
      y: [0.5, 0.5, 0, 0, 0, 1],
      m: 2,
      dy: 3,
      // Row 1: log(2 + e) − ½·0 − ½·0; row 2: log(e² + e³ + 1) − 0.
      value: Math.log(2 + Math.E) + Math.log(Math.E ** 2 + Math.E ** 3 + 1),
      grad: [
        1 / (2 + Math.E) - 0.5,
        1 / (2 + Math.E) - 0.5,
        Math.E / (2 + Math.E),
        Math.E ** 2 / (Math.E ** 2 + Math.E ** 3 + 1),
        Math.E ** 3 / (Math.E ** 2 + Math.E ** 3 + 1),
        1 / (Math.E ** 2 + Math.E ** 3 + 1) - 1,
      ],
    },
    { name: 'logistic, q = 0, y = 1', loss: logisticLoss, q: [0], y: [1], m: 1, dy: 1, value: Math.LN2, grad: [-0.5] },
    { name: 'logistic, q = 2, y = 0', loss: logisticLoss, q: [2], y: [0], m: 1, dy: 1, value: 2.1269280110429727, grad: [0.8807970779778823] },
    {
      name: 'logistic, soft target',
      loss: logisticLoss,
      q: [-1],
      y: [0.25],
      m: 1,
      dy: 1,
      value: 0.5632616875182228,
      grad: [0.018941421369995104],
    },
    {
      name: 'smoothed hinge p = 3 (Example 1: y = −1, ℓ = max(0, 1 + q)³)',
      loss: smoothedHingeLoss(3),
      q: [0.5, 2, 0.5],
      y: [-1, 1, 1],
      m: 3,
      dy: 1,
      value: 3.375 + 0 + 0.125,
      grad: [6.75, 0, -0.75],
    },
    { name: 'smoothed hinge p = 2', loss: smoothedHingeLoss(2), q: [-1, 1], y: [1, -1], m: 1, dy: 2, value: 8, grad: [-4, 4] },
  ];

  it.each(cases)('$name', ({ loss, q, y, m, dy, value, grad }) => {
    const result = evaluate(loss, q, y, m, dy);
    expect(result.value).toBeCloseTo(value, 14);
    result.grad.forEach((g, j) => expect(g).toBeCloseTo(grad[j], 14));
  });

  it('exposes names and the hinge power', () => {
    expect([squaredLoss.name, crossEntropyLoss.name, logisticLoss.name]).toEqual(['squared', 'cross-entropy', 'logistic']);
    expect(smoothedHingeLoss(3)).toMatchObject({ name: 'smoothed-hinge', power: 3 });
  });
});

describe('gradients match central differences at random points (relative error <= 1e-6)', () => {
  const m = 5;
  const dy = 3;
  const rng = seeded('loss-gradient-check');
  const randomQ = (): Float64Array => Float64Array.from({ length: m * dy }, () => uniform(rng, -3, 3));
  const oneHot = (): Float64Array => {
    const y = new Float64Array(m * dy);
    for (let i = 0; i < m; i++) y[i * dy + Math.floor(rng() * dy)] = 1;
    return y;
  };
  const probabilities = (): Float64Array => {
    const y = Float64Array.from({ length: m * dy }, () => rng());
    for (let i = 0; i < m; i++) {
      const sum = y[i * dy] + y[i * dy + 1] + y[i * dy + 2];
      for (let k = 0; k < dy; k++) y[i * dy + k] /= sum;
    }
    return y;
  };
  const signs = (): Float64Array => Float64Array.from({ length: m * dy }, () => (rng() < 0.5 ? -1 : 1));

  const cases: Array<{ name: string; loss: Loss; targets: () => Float64Array }> = [
    { name: 'squared', loss: squaredLoss, targets: () => Float64Array.from({ length: m * dy }, () => uniform(rng, -2, 2)) },
    { name: 'cross-entropy, one-hot', loss: crossEntropyLoss, targets: oneHot },
    { name: 'cross-entropy, probabilities', loss: crossEntropyLoss, targets: probabilities },
    { name: 'logistic', loss: logisticLoss, targets: () => Float64Array.from({ length: m * dy }, () => rng()) },
    { name: 'smoothed hinge p = 2', loss: smoothedHingeLoss(2), targets: signs },
    { name: 'smoothed hinge p = 2.5', loss: smoothedHingeLoss(2.5), targets: signs },
    { name: 'smoothed hinge p = 3', loss: smoothedHingeLoss(3), targets: signs },
    { name: 'smoothed hinge p = 6', loss: smoothedHingeLoss(6), targets: signs },
  ];

  it.each(cases)('$name', ({ loss, targets }) => {
    for (let trial = 0; trial < 20; trial++) {
      expect(gradientRelativeError(loss, randomQ(), targets(), m, dy)).toBeLessThanOrEqual(1e-6);
    }
  });
});

describe('stability at |q| = 1e3', () => {
  const cases: Array<{ name: string; loss: Loss; q: number[]; y: number[]; dy: number; value: number; grad: number[] }> = [
    { name: 'squared', loss: squaredLoss, q: [1e3, -1e3], y: [0, 0], dy: 2, value: 2e6, grad: [2e3, -2e3] },
    { name: 'cross-entropy, confident and right', loss: crossEntropyLoss, q: [1e3, -1e3, 0], y: [1, 0, 0], dy: 3, value: 0, grad: [0, 0, 0] },
    { name: 'cross-entropy, confident and wrong', loss: crossEntropyLoss, q: [1e3, -1e3, 0], y: [0, 1, 0], dy: 3, value: 2e3, grad: [1, -1, 0] },
    { name: 'cross-entropy, tie at 1e3', loss: crossEntropyLoss, q: [1e3, 1e3], y: [1, 0], dy: 2, value: Math.LN2, grad: [-0.5, 0.5] },
    { name: 'cross-entropy, all at -1e3', loss: crossEntropyLoss, q: [-1e3, -1e3], y: [0, 1], dy: 2, value: Math.LN2, grad: [0.5, -0.5] },
    { name: 'logistic, q = 1e3, y = 1', loss: logisticLoss, q: [1e3], y: [1], dy: 1, value: 0, grad: [0] },
    { name: 'logistic, q = 1e3, y = 0', loss: logisticLoss, q: [1e3], y: [0], dy: 1, value: 1e3, grad: [1] },
    { name: 'logistic, q = -1e3, y = 1', loss: logisticLoss, q: [-1e3], y: [1], dy: 1, value: 1e3, grad: [-1] },
    { name: 'logistic, q = -1e3, y = 0', loss: logisticLoss, q: [-1e3], y: [0], dy: 1, value: 0, grad: [0] },
    { name: 'logistic, q = 1e3, y = 0.5', loss: logisticLoss, q: [1e3], y: [0.5], dy: 1, value: 500, grad: [0.5] },
    { name: 'smoothed hinge p = 3, wrong side', loss: smoothedHingeLoss(3), q: [-1e3], y: [1], dy: 1, value: 1001 ** 3, grad: [-3 * 1001 ** 2] },
    { name: 'smoothed hinge p = 3, right side', loss: smoothedHingeLoss(3), q: [1e3], y: [1], dy: 1, value: 0, grad: [0] },
  ];

  it.each(cases)('$name', ({ loss, q, y, dy, value, grad }) => {
    const result = evaluate(loss, q, y, 1, dy);
    expect(Number.isFinite(result.value)).toBe(true);
    expect(result.value).toBe(value);
    result.grad.forEach((g, j) => {
      expect(Number.isFinite(g)).toBe(true);
      expect(g).toBeCloseTo(grad[j], 12);
    });
  });

  it('keeps full relative precision for confident correct predictions', () => {
    // log(1 + e^-40) = σ(−40) = 4.248354255291589e-18, far below the rounding of q itself.
    const tiny = 4.248354255291589e-18;
    const logistic = evaluate(logisticLoss, [40], [1], 1, 1);
    expect(logistic.value / tiny).toBeCloseTo(1, 14);
    expect(logistic.grad[0] / -tiny).toBeCloseTo(1, 14);
    const crossEntropy = evaluate(crossEntropyLoss, [40, 0], [1, 0], 1, 2);
    expect(crossEntropy.value / tiny).toBeCloseTo(1, 14);
    expect(crossEntropy.grad[1] / tiny).toBeCloseTo(1, 14);
  });

  it('never returns NaN on a grid of extreme outputs', () => {
    const values = [-1e3, -700, -40, -1, 0, 1, 40, 700, 1e3];
    const losses: Array<[Loss, number[]]> = [
      [squaredLoss, [-1, 0, 1]],
      [logisticLoss, [0, 0.3, 1]],
      [smoothedHingeLoss(2), [-1, 1]],
      [smoothedHingeLoss(4), [-1, 1]],
    ];
    for (const [loss, targets] of losses) {
      for (const q of values) {
        for (const y of targets) {
          const result = evaluate(loss, [q], [y], 1, 1);
          expect(Number.isFinite(result.value) && Number.isFinite(result.grad[0])).toBe(true);
        }
      }
    }
    for (const a of values) {
      for (const b of values) {
        const result = evaluate(crossEntropyLoss, [a, b, 0], [0, 1, 0], 1, 3);
        expect(Number.isFinite(result.value) && result.grad.every(Number.isFinite)).toBe(true);
      }
    }
  });
});
