/**
 * scipy's own basin-hopping test functions (func1d and func2d of scipy's test__basinhopping.py),
 * from scipy's start points, with default options: the default local method must solve them with
 * no step size chosen for them. Their curvature reaches 14.5² + 2 ≈ 212, so a fixed step of 0.01
 * (above 2/212) blows up; this is where the old gradient-descent default failed 0 of 20.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { optimize } from '../../src/index.js';

const module = fileURLToPath(new URL('../fixtures/modules/scipy-functions.mjs', import.meta.url));

/** The minimizer of cos(14.5x − 0.3) + (x + 0.2)x near scipy's expected −0.195, by Newton on f'. */
function minimizer1d(): { x: number; value: number } {
  let x = -0.195;
  for (let k = 0; k < 50; k++) {
    const d1 = -14.5 * Math.sin(14.5 * x - 0.3) + 2 * x + 0.2;
    const d2 = -14.5 * 14.5 * Math.cos(14.5 * x - 0.3) + 2;
    x -= d1 / d2;
  }
  return { x, value: Math.cos(14.5 * x - 0.3) + (x + 0.2) * x };
}

const m = minimizer1d();
// func2d adds (x₁ + 0.2)x₁, whose minimum is at x₁ = −0.1 with value −0.01.
const cases = [
  { name: 'func1d', dimension: 1, solution: [m.x], minimum: m.value },
  { name: 'func2d', dimension: 2, solution: [m.x, -0.1], minimum: m.value - 0.01 },
];
const SEEDS = Array.from({ length: 20 }, (_, i) => i);

describe.each(cases)("scipy's $name with default options", ({ name, dimension, solution, minimum }) => {
  it('sits at the known minimizer (a sanity check of the fixture)', () => {
    expect(m.x).toBeCloseTo(-0.195, 3);
    expect(solution).toHaveLength(dimension);
  });

  it("augmentation 'none': every seed ends at the global minimum", async () => {
    for (const seed of SEEDS) {
      const r = await optimize({ objective: { module, export: name } }, { augmentation: 'none', threads: 0, seed });
      // scipy's test asserts 3 decimals on x.
      for (let i = 0; i < dimension; i++) expect(Math.abs(r.theta[i] - solution[i]), `seed ${seed}, x${i}`).toBeLessThan(1.5e-3);
      expect(r.loss - minimum, `seed ${seed}`).toBeLessThan(1e-6);
    }
  });

  it('the default augmentation (scalar, on the objective shifted to a minimum of 0): every seed stops certified at the global minimum', async () => {
    for (const seed of SEEDS) {
      const r = await optimize({ objective: { module, export: name, args: { shift: -minimum } } }, { threads: 0, seed });
      expect(r.stopReason, `seed ${seed}`).toBe('certified');
      for (let i = 0; i < dimension; i++) expect(Math.abs(r.theta[i] - solution[i]), `seed ${seed}, x${i}`).toBeLessThan(1.5e-3);
      expect(r.loss, `seed ${seed}`).toBeLessThan(1e-6);
    }
  });
});
