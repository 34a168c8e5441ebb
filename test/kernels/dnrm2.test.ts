import { describe, expect, it } from 'vitest';
import { dnrm2 } from '../../src/kernels/dnrm2.js';

describe('dnrm2', () => {
  it('computes the Euclidean norm with strides and offsets', () => {
    expect(dnrm2(2, new Float64Array([0, 3, 0, 4]), 2, 1)).toBe(5);
    expect(dnrm2(3, new Float64Array([2, 3, 6]), 1, 0)).toBeCloseTo(7, 15);
    expect(dnrm2(2, new Float64Array([1, -12, 5]), -1, 2)).toBeCloseTo(13, 14);
    expect(dnrm2(0, new Float64Array([1]), 1, 0)).toBe(0);
    expect(dnrm2(3, new Float64Array(3), 1, 0)).toBe(0);
  });

  it('neither overflows nor underflows', () => {
    expect(dnrm2(2, new Float64Array([3e200, 4e200]), 1, 0) / 5e200).toBeCloseTo(1, 14);
    expect(dnrm2(2, new Float64Array([3e-200, 4e-200]), 1, 0) / 5e-200).toBeCloseTo(1, 14);
  });

  it('propagates NaN and Infinity', () => {
    expect(dnrm2(3, new Float64Array([1, NaN, 2]), 1, 0)).toBeNaN();
    expect(dnrm2(3, new Float64Array([Infinity, 1, -Infinity]), 1, 0)).toBe(Infinity);
    expect(dnrm2(2, new Float64Array([Infinity, NaN]), 1, 0)).toBeNaN();
  });
});
