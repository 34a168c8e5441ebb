/**
 * The least-squares views used by Levenberg–Marquardt: Σ r² equals L̃ exactly, and the hand-derived
 * residual Jacobian matches central differences at random points.
 */
import { describe, expect, it } from 'vitest';
import { createObjective } from '../../src/augment/create.js';
import { optimize } from '../../src/index.js';
import type { Augmentation } from '../../src/types.js';
import { numericGradient, relativeError, seeded, uniform } from '../helpers/gradient-check.js';

describe.each<[Augmentation, 'mean' | 'sum']>([
  ['neuron', 'mean'],
  ['neuron', 'sum'],
  ['none', 'mean'],
])('least squares, augmentation %s, reduction %s', (augmentation, reduction) => {
  it('Σ r² = L̃ and ∂r_j/∂z matches central differences', async () => {
    const rng = seeded(`least squares ${augmentation} ${reduction}`);
    const x = Array.from({ length: 5 }, () => [uniform(rng, -1, 1), uniform(rng, -1, 1), uniform(rng, -1, 1)]);
    const y = Array.from({ length: 5 }, () => [uniform(rng, -1, 1), uniform(rng, -1, 1)]);
    const obj = await createObjective(
      { model: { type: 'mlp', layers: [3, 4, 2], activation: 'tanh', init: { type: 'uniform', low: -1, high: 1 } }, loss: 'squared', data: { x, y }, reduction },
      { augmentation, lambda: 0.6 },
    );
    const ls = obj.leastSquares!;
    expect(ls).not.toBeNull();
    expect(ls.residualCount).toBe(augmentation === 'neuron' ? 5 * 2 + 2 : 5 * 2);
    const z = new Float64Array(obj.dimension);
    obj.init(rng, z, 0.5);
    for (let i = obj.thetaSize; i < z.length; i++) z[i] = uniform(rng, -0.5, 0.5);
    const r = new Float64Array(ls.residualCount);
    ls.residuals(z, r);
    expect(r.reduce((s, v) => s + v * v, 0)).toBeCloseTo(obj.evaluate(z, null), 12);
    const row = new Float64Array(obj.dimension);
    for (let j = 0; j < ls.residualCount; j++) {
      ls.residuals(z, r);
      ls.residualGradient(z, j, row);
      const numeric = numericGradient((p) => {
        const out = new Float64Array(ls.residualCount);
        ls.residuals(p, out);
        return out[j];
      }, z);
      expect(relativeError(row, numeric)).toBeLessThanOrEqual(1e-6);
    }
  });
});

describe('Levenberg–Marquardt on the full z', () => {
  it('fits a small regression through the neuron-augmented least squares', async () => {
    const rng = seeded('lm regression');
    const x = Array.from({ length: 12 }, () => [uniform(rng, -1, 1)]);
    const y = x.map(([t]) => Math.sin(2 * t));
    const r = await optimize(
      { model: { type: 'mlp', layers: [1, 4, 1], activation: 'tanh' }, loss: 'squared', data: { x, y } },
      { threads: 0, walkers: 2, local: { method: 'levenberg-marquardt', stepsPerRound: 10 }, targetLoss: 1e-8, maxRounds: 50, seed: 1 },
    );
    expect(r.loss).toBeLessThanOrEqual(1e-8);
    expect(r.stopReason).toBe('target');
  });
});
