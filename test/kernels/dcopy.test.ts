import { describe, expect, it } from 'vitest';
import { dcopy } from '../../src/kernels/dcopy.js';

describe('dcopy', () => {
  it('copies strided elements', () => {
    const y = new Float64Array(3);
    expect(dcopy(2, new Float64Array([1, 2, 3, 4]), 2, 0, y, -1, 2)).toBe(y);
    expect(Array.from(y)).toEqual([0, 3, 1]);
  });

  it('copies a contiguous range with offsets', () => {
    const y = new Float64Array(5);
    dcopy(3, new Float64Array([9, 8, 7, 6]), 1, 1, y, 1, 2);
    expect(Array.from(y)).toEqual([0, 0, 8, 7, 6]);
  });
});
