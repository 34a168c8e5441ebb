import { describe, expect, it } from 'vitest';
import { dtranspose } from '../../src/kernels/dtranspose.js';

describe('dtranspose', () => {
  it('transposes a row-major matrix', () => {
    const B = new Float64Array(6);
    expect(dtranspose(2, 3, new Float64Array([1, 2, 3, 4, 5, 6]), 0, B, 0)).toBe(B);
    expect(Array.from(B)).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('honours offsets and degenerate shapes', () => {
    const B = new Float64Array(5);
    dtranspose(2, 2, new Float64Array([0, 1, 2, 3, 4]), 1, B, 1);
    expect(Array.from(B)).toEqual([0, 1, 3, 2, 4]);
    const row = new Float64Array(3);
    dtranspose(1, 3, new Float64Array([7, 8, 9]), 0, row, 0);
    expect(Array.from(row)).toEqual([7, 8, 9]);
    dtranspose(0, 3, new Float64Array(0), 0, row, 0);
    expect(Array.from(row)).toEqual([7, 8, 9]);
  });
});
