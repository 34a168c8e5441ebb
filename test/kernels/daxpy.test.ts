import { describe, expect, it } from 'vitest';
import { daxpy } from '../../src/kernels/daxpy.js';

describe('daxpy', () => {
  it('updates y in place with unit strides', () => {
    const y = new Float64Array([1, 1, 1]);
    expect(daxpy(3, 2, new Float64Array([1, 2, 3]), 1, 0, y, 1, 0)).toBe(y);
    expect(Array.from(y)).toEqual([3, 5, 7]);
  });

  it('honours strides and offsets', () => {
    const y = new Float64Array([10, 20, 30, 40]);
    daxpy(2, 2, new Float64Array([1, 2, 3]), 2, 0, y, 1, 2);
    expect(Array.from(y)).toEqual([10, 20, 32, 46]);
    const z = new Float64Array([0, 0, 0, 0]);
    daxpy(2, -1, new Float64Array([1, 2, 3, 4]), -2, 3, z, 2, 1);
    expect(Array.from(z)).toEqual([0, -4, 0, -2]);
  });

  it('leaves y alone when alpha is 0 or N ≤ 0 (even if x holds NaN)', () => {
    const y = new Float64Array([1, 2]);
    daxpy(2, 0, new Float64Array([NaN, NaN]), 1, 0, y, 1, 0);
    daxpy(0, 5, new Float64Array([1, 1]), 1, 0, y, 1, 0);
    expect(Array.from(y)).toEqual([1, 2]);
  });
});
