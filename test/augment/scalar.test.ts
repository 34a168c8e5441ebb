/** The scalar augmentation L̃ = L·(1 + (a·e^b − 1)²) + λa² and its identities. */
import { describe, expect, it } from 'vitest';
import { createObjective } from '../../src/augment/create.js';
import { gradientError, seeded, uniform } from '../helpers/gradient-check.js';

const rastrigin = { objective: { type: 'rastrigin' as const, dimension: 3 } };

describe('scalar augmentation', () => {
  it('a·∂a − ∂b = 2λa² at random points', async () => {
    const lambda = 0.8;
    const obj = await createObjective(rastrigin, { augmentation: 'scalar', lambda });
    const rng = seeded('scalar identity');
    const grad = new Float64Array(obj.dimension);
    for (let trial = 0; trial < 50; trial++) {
      const z = Float64Array.from({ length: obj.dimension }, () => uniform(rng, -2, 2));
      obj.evaluate(z, grad);
      const a = z[3];
      const identity = a * grad[3] - grad[4];
      expect(identity).toBeCloseTo(2 * lambda * a * a, 8);
    }
  });

  it('L̃ = 2L at a = 0, L̃ ≥ L everywhere, and L̃ = L when a·e^b = 1 and λ is paid', async () => {
    const lambda = 1.3;
    const scalar = await createObjective(rastrigin, { augmentation: 'scalar', lambda });
    const plain = await createObjective(rastrigin, { augmentation: 'none' });
    const rng = seeded('scalar bounds');
    for (let trial = 0; trial < 200; trial++) {
      const z = Float64Array.from({ length: 5 }, () => uniform(rng, -3, 3));
      const L = plain.evaluate(z.subarray(0, 3), null);
      expect(scalar.evaluate(z, null)).toBeGreaterThanOrEqual(L);
      z[3] = 0;
      expect(scalar.evaluate(z, null)).toBeCloseTo(2 * L, 10);
      z[3] = 0.5;
      z[4] = Math.log(2);
      expect(scalar.evaluate(z, null)).toBeCloseTo(L + lambda * 0.25, 10);
    }
  });

  it('has the analytic gradient of DESIGN.md §1', async () => {
    const obj = await createObjective(rastrigin, { augmentation: 'scalar', lambda: 0.5 });
    const rng = seeded('scalar gradient');
    for (let trial = 0; trial < 10; trial++) {
      const z = Float64Array.from({ length: 5 }, () => uniform(rng, -1.5, 1.5));
      expect(gradientError((p, g) => obj.evaluate(p, g), z)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('refuses exp(b) overflow with a NUMERICAL_FAULT instead of returning Infinity', async () => {
    const obj = await createObjective(rastrigin, { augmentation: 'scalar' });
    const z = Float64Array.of(0.1, 0.2, 0.3, 1, 800);
    expect(() => obj.evaluate(z, null)).toThrowError(expect.objectContaining({ code: 'NUMERICAL_FAULT' }));
  });
});

describe('neuron augmentation guard', () => {
  it('refuses exp(wᵀx + b) overflow with a NUMERICAL_FAULT naming the exponent', async () => {
    const obj = await createObjective(
      { model: { type: 'mlp', layers: [2, 3, 1] }, loss: 'squared', data: { x: [[1, 2], [3, 4]], y: [0, 1] } },
      { augmentation: 'neuron' },
    );
    const z = new Float64Array(obj.dimension);
    obj.split(z).b[0] = 701;
    expect(() => obj.evaluate(z, null)).toThrowError(/exp\(wᵀx \+ b\).*701.*700/);
    obj.split(z).b[0] = 699;
    obj.split(z).a[0] = 1e300;
    expect(() => obj.evaluate(z, null)).toThrowError(expect.objectContaining({ code: 'NUMERICAL_FAULT' }));
  });
});
