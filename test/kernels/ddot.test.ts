import { describe, expect, it } from 'vitest';
import { ddot } from '../../src/kernels/ddot.js';

describe('ddot', () => {
  const x = new Float64Array([1, 2, 3, 4]);
  const y = new Float64Array([5, 6, 7, 8]);

  it('computes a unit-stride dot product', () => {
    expect(ddot(4, x, 1, 0, y, 1, 0)).toBe(70);
    expect(ddot(2, x, 1, 2, y, 1, 1)).toBe(3 * 6 + 4 * 7);
  });

  it('honours strides, offsets and negative strides', () => {
    expect(ddot(2, x, 2, 1, y, -1, 3)).toBe(2 * 8 + 4 * 7);
    expect(ddot(2, x, 2, 0, y, 2, 1)).toBe(1 * 6 + 3 * 8);
    expect(ddot(4, x, -1, 3, y, 1, 0)).toBe(4 * 5 + 3 * 6 + 2 * 7 + 1 * 8);
  });

  it('returns 0 for N ≤ 0', () => {
    expect(ddot(0, x, 1, 0, y, 1, 0)).toBe(0);
    expect(ddot(-3, x, 1, 0, y, 1, 0)).toBe(0);
  });
});
