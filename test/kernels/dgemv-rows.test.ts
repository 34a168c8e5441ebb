import { describe, expect, it } from 'vitest';
import { dgemvRows } from '../../src/kernels/dgemv-rows.js';

describe('dgemvRows', () => {
  it('computes bias + A·x row by row', () => {
    const W = new Float64Array([1, 2, 3, 4, 5, 6]);
    const y = new Float64Array(2);
    expect(dgemvRows(2, 3, W, 0, new Float64Array([1, 0, -1]), 0, new Float64Array([0.5, -0.5]), 0, y, 0)).toBe(y);
    expect(Array.from(y)).toEqual([-1.5, -2.5]);
  });

  it('honours offsets and a null bias', () => {
    const buffer = new Float64Array([99, 1, 2, 3, 4]); // A = [[1, 2], [3, 4]] at offset 1
    const y = new Float64Array([7, 7, 7]);
    dgemvRows(2, 2, buffer, 1, new Float64Array([0, 1, 1]), 1, null, 0, y, 1);
    expect(Array.from(y)).toEqual([7, 3, 7]);
    dgemvRows(2, 2, buffer, 1, new Float64Array([2, -1]), 0, new Float64Array([0, 10, 20]), 1, y, 0);
    expect(Array.from(y)).toEqual([10, 22, 7]);
  });
});
