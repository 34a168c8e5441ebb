import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/models/tanh.js';
import { seeded } from '../helpers/gradient-check.js';

describe('tanh', () => {
  it('is within 1e-15 relative of Math.tanh over every range it branches on', () => {
    const rng = seeded('tanh');
    let worst = 0;
    for (const scale of [1e-300, 1e-8, 1e-3, 0.7, 1, 3, 10, 25]) {
      for (let k = 0; k < 20000; k++) {
        const x = (2 * rng() - 1) * scale;
        const exact = Math.tanh(x);
        const rel = exact === 0 ? Math.abs(tanh(x)) : Math.abs(tanh(x) - exact) / Math.abs(exact);
        worst = Math.max(worst, rel);
      }
    }
    expect(worst).toBeLessThan(1e-15);
  });

  it('is exact at the branch points and special values', () => {
    for (const x of [0.625, -0.625, 20, -20, 19.06, 0.6249999999999999]) expect(tanh(x)).toBeCloseTo(Math.tanh(x), 15);
    expect(Object.is(tanh(0), 0)).toBe(true);
    expect(Object.is(tanh(-0), -0)).toBe(true);
    expect(tanh(Infinity)).toBe(1);
    expect(tanh(-Infinity)).toBe(-1);
    expect(tanh(1e300)).toBe(1);
    expect(tanh(NaN)).toBeNaN();
    expect(tanh(5e-324)).toBe(5e-324);
  });

  it('is odd and monotone on a fine grid', () => {
    let previous = -1;
    const failures: number[] = [];
    for (let x = -21; x <= 21; x += 0.001) {
      const t = tanh(x);
      if (tanh(-x) !== -t || t < previous) failures.push(x);
      previous = t;
    }
    // Across the switch between the two formulas, too.
    for (let x = 0.6249; x <= 0.6251; x += 1e-9) {
      const t = tanh(x);
      if (t < previous && x > 0.6249) failures.push(x);
      previous = t;
    }
    expect(failures).toEqual([]);
  });
});
