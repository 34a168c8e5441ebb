/**
 * Central-difference checks of ∇L̃ for every model × activation × loss × augmentation, at random
 * points, relative error ≤ 1e-6.
 */
import { describe, expect, it } from 'vitest';
import { createObjective } from '../../src/augment/create.js';
import type { Augmentation, BuiltinModelSpec, LossSpec } from '../../src/types.js';
import { gradientError, seeded, uniform } from '../helpers/gradient-check.js';
import { dataFor } from '../helpers/model-data.js';

const models: [string, BuiltinModelSpec][] = [
  ...(['tanh', 'relu', 'sigmoid', 'softplus', 'identity'] as const).map(
    // Uniform init gives non-zero biases: with Glorot's zero biases a ReLU unit fed only by dead units
    // sits exactly on its kink, where central differences see a one-sided slope.
    (activation): [string, BuiltinModelSpec] => [
      `mlp ${activation}`,
      { type: 'mlp', layers: [3, 4, 3, 2], activation, init: { type: 'uniform', low: -1, high: 1 } },
    ],
  ),
  ['deep-linear', { type: 'deep-linear', layers: [3, 3, 2, 2] }],
  ['example1', { type: 'example1' }],
];

const losses: [string, LossSpec][] = [
  ['squared', 'squared'],
  ['cross-entropy', 'cross-entropy'],
  ['logistic', 'logistic'],
  ['smoothed-hinge p=2', { type: 'smoothed-hinge', power: 2 }],
  ['smoothed-hinge p=3', { type: 'smoothed-hinge', power: 3 }],
];

const augmentations: Augmentation[] = ['neuron', 'scalar', 'none'];

describe('∇L̃ matches central differences', () => {
  for (const [modelName, model] of models) {
    for (const [lossName, loss] of losses) {
      // Softmax cross-entropy needs at least two outputs; Example 1 has one.
      if (model.type === 'example1' && lossName === 'cross-entropy') continue;
      for (const augmentation of augmentations) {
        it(`${modelName} × ${lossName} × ${augmentation}`, async () => {
          const rng = seeded(`${modelName}|${lossName}|${augmentation}`);
          const obj = await createObjective({ model, loss, data: dataFor(model, loss, rng) }, { augmentation, lambda: 0.7 });
          for (let trial = 0; trial < 3; trial++) {
            const z = new Float64Array(obj.dimension);
            obj.init(rng, z, 0.5);
            // Random b and W too, not only the fresh auxiliary (b = 0, W = 0).
            for (let i = obj.thetaSize; i < z.length; i++) z[i] = uniform(rng, -0.5, 0.5);
            expect(gradientError((p, g) => obj.evaluate(p, g), z)).toBeLessThanOrEqual(1e-6);
          }
        });
      }
    }
  }
});
