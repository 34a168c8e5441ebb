import { describe, expect, it } from 'vitest';
import { createRastrigin } from '../../src/objectives/index.js';
import { seeded, symmetricRelativeErrorL2 } from '../helpers/gradient-check.js';
import { analyticGradient, centralDifference } from './helpers.js';

describe('Rastrigin', () => {
  it('takes hand-computed values and gradients', () => {
    const f = createRastrigin(3);
    const origin = analyticGradient(f, new Float64Array(3));
    expect(origin.value).toBe(0);
    expect(Array.from(origin.grad)).toEqual([0, 0, 0]);

    // At integers the cosine term vanishes: L = Σ x², ∇L = 2x.
    const lattice = analyticGradient(f, Float64Array.of(1, 2, -3));
    expect(lattice.value).toBeCloseTo(14, 12);
    const expected = [2, 4, -6];
    lattice.grad.forEach((g, i) => expect(g).toBeCloseTo(expected[i], 11));

    // x = 1/2: x² + 20 sin²(π/2) = 20.25, gradient 1; x = 1/4: 1/16 + 10, gradient 1/2 + 20π.
    const halves = analyticGradient(f, Float64Array.of(0.5, 0.25, -0.5));
    expect(halves.value).toBeCloseTo(20.25 + 10.0625 + 20.25, 12);
    [1, 0.5 + 20 * Math.PI, -1].forEach((g, i) => expect(halves.grad[i]).toBeCloseTo(g, 11));
  });

  it('matches central differences at random points (relative error ≤ 1e-6)', () => {
    const rng = seeded('rastrigin-gradient');
    for (const dimension of [1, 2, 7]) {
      const f = createRastrigin(dimension);
      for (let trial = 0; trial < 20; trial++) {
        const theta = new Float64Array(dimension);
        f.init(rng, theta);
        const { grad } = analyticGradient(f, theta);
        expect(symmetricRelativeErrorL2(grad, centralDifference(f, theta, 1e-5))).toBeLessThanOrEqual(1e-6);
      }
    }
  });

  it('initializes uniformly inside [−initRange, initRange] and deterministically', () => {
    const f = createRastrigin(4000, 1.5);
    const a = new Float64Array(4000);
    const b = new Float64Array(4000);
    f.init(seeded('init'), a);
    f.init(seeded('init'), b);
    expect(b).toEqual(a);
    expect(Math.max(...a)).toBeLessThanOrEqual(1.5);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1.5);
    // Uniform on [−1.5, 1.5] has variance 0.75; 4000 draws put the sample within a few percent.
    const variance = a.reduce((s, x) => s + x * x, 0) / a.length;
    expect(variance).toBeGreaterThan(0.7);
    expect(variance).toBeLessThan(0.8);
    expect(createRastrigin(2).dimension).toBe(2);
  });

  it('defaults to the classic domain [−5.12, 5.12]', () => {
    const theta = new Float64Array(2000);
    createRastrigin(2000).init(seeded('classic'), theta);
    expect(Math.max(...theta.map(Math.abs))).toBeGreaterThan(5);
    expect(Math.max(...theta.map(Math.abs))).toBeLessThanOrEqual(5.12);
  });
});
