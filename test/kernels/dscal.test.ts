import { describe, expect, it } from 'vitest';
import { dscal } from '../../src/kernels/dscal.js';

describe('dscal', () => {
  it('scales strided elements in place', () => {
    const x = new Float64Array([1, 2, 3, 4]);
    expect(dscal(2, 10, x, 2, 1)).toBe(x);
    expect(Array.from(x)).toEqual([1, 20, 3, 40]);
    dscal(4, -0.5, x, 1, 0);
    expect(Array.from(x)).toEqual([-0.5, -10, -1.5, -20]);
  });

  it('supports a negative stride and N = 0', () => {
    const x = new Float64Array([1, 2, 3]);
    dscal(2, 3, x, -1, 2);
    expect(Array.from(x)).toEqual([1, 6, 9]);
    dscal(0, 100, x, 1, 0);
    expect(Array.from(x)).toEqual([1, 6, 9]);
  });
});
