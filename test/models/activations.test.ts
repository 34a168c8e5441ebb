import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, getActivation, isActivation } from '../../src/models/activations.js';

const Z = [-800, -40, -3, -1, -0.3, -1e-9, 0, 1e-9, 0.2, 0.9, 2.5, 40, 800];

describe('activations', () => {
  it('lists the five activations and recognizes their names', () => {
    expect([...ACTIVATIONS].sort()).toEqual(['identity', 'relu', 'sigmoid', 'softplus', 'tanh']);
    expect(isActivation('relu')).toBe(true);
    expect(isActivation('gelu')).toBe(false);
    expect(isActivation('toString')).toBe(false);
    expect(() => getActivation('gelu' as never)).toThrow(RangeError);
  });

  it('has the right values', () => {
    const { value: tanh } = getActivation('tanh');
    const { value: relu } = getActivation('relu');
    const { value: sigmoid } = getActivation('sigmoid');
    const { value: softplus } = getActivation('softplus');
    const { value: identity } = getActivation('identity');
    for (const z of Z) {
      expect(tanh(z)).toBeCloseTo(Math.tanh(z), 15);
      expect(relu(z)).toBe(Math.max(0, z));
      expect(identity(z)).toBe(z);
    }
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(2)).toBeCloseTo(1 / (1 + Math.exp(-2)), 16);
    expect(sigmoid(-2)).toBeCloseTo(1 / (1 + Math.exp(2)), 16);
    expect(softplus(0)).toBeCloseTo(Math.LN2, 16);
    expect(softplus(1.5)).toBeCloseTo(Math.log(1 + Math.exp(1.5)), 15);
    expect(softplus(-1.5)).toBeCloseTo(Math.log(1 + Math.exp(-1.5)), 15);
  });

  it('stays finite and accurate for large |z| (sigmoid, softplus)', () => {
    const sigmoid = getActivation('sigmoid');
    const softplus = getActivation('softplus');
    expect(sigmoid.value(800)).toBe(1);
    expect(sigmoid.value(-800)).toBe(0);
    expect(sigmoid.value(-40)).toBeCloseTo(Math.exp(-40), 30);
    expect(softplus.value(800)).toBe(800);
    expect(softplus.value(-800)).toBe(0);
    expect(softplus.value(-40) / Math.exp(-40)).toBeCloseTo(1, 14);
    expect(softplus.value(40)).toBe(40); // 40 + 4e-18 rounds to 40
    for (const z of Z) {
      expect(Number.isFinite(sigmoid.derivative(z))).toBe(true);
      expect(Number.isFinite(softplus.derivative(z))).toBe(true);
    }
  });

  it('relu has derivative 0 at 0 (and on the array path)', () => {
    const relu = getActivation('relu');
    expect(relu.derivative(0)).toBe(0);
    expect(relu.derivative(-0)).toBe(0);
    expect(relu.derivative(1e-300)).toBe(1);
    const z = new Float64Array([0, -1, 2]);
    const d = new Float64Array([5, 5, 5]);
    relu.scaleByDerivative(z, z, d, 0, 3);
    expect(Array.from(d)).toEqual([0, 0, 5]);
  });

  it("relu's array path (branch-free) gives max(0, z) exactly, for every z it can meet", () => {
    const relu = getActivation('relu');
    const z = Float64Array.of(-0, 0, 5e-324, -5e-324, 1e-300, -1e-300, 0.1, -0.1, 1e308, -1e308, 3, -3);
    const a = new Float64Array(z.length).fill(NaN);
    relu.apply(z, a, 0, z.length);
    for (let k = 0; k < z.length; k++) expect(a[k]).toBe(Math.max(0, z[k]) + 0);
    // offset and n: only the entries asked for are written.
    const b = new Float64Array(4).fill(7);
    relu.apply(Float64Array.of(-1, -2, 3, 4), b, 1, 2);
    expect(Array.from(b)).toEqual([7, 0, 3, 7]);
    // A NaN pre-activation stays NaN rather than passing as 0: the numerical-fault checks see it.
    relu.apply(Float64Array.of(NaN), a, 0, 1);
    expect(a[0]).toBeNaN();
  });

  it('derivatives match central differences away from kinks', () => {
    const h = 1e-6;
    for (const name of ACTIVATIONS) {
      const act = getActivation(name);
      for (const z of [-3, -1, -0.3, 0.2, 0.9, 2.5]) {
        const numeric = (act.value(z + h) - act.value(z - h)) / (2 * h);
        expect(Math.abs(act.derivative(z) - numeric)).toBeLessThan(1e-8);
      }
    }
  });

  it('array passes agree with the scalar functions, with offsets', () => {
    for (const name of ACTIVATIONS) {
      const act = getActivation(name);
      const z = Float64Array.from([99, ...Z.slice(1, -1), 99]);
      const a = new Float64Array(z.length).fill(NaN);
      const n = z.length - 2;
      act.apply(z, a, 1, n);
      expect(a[0]).toBeNaN();
      expect(a[z.length - 1]).toBeNaN();
      const d = new Float64Array(z.length).fill(3);
      act.scaleByDerivative(z, a, d, 1, n);
      for (let k = 1; k <= n; k++) {
        expect(a[k]).toBe(act.value(z[k]));
        expect(d[k]).toBeCloseTo(3 * act.derivative(z[k]), 14);
      }
      expect(d[0]).toBe(3);
    }
  });

  it('apply may work in place', () => {
    const z = new Float64Array([-1, 0.5]);
    getActivation('sigmoid').apply(z, z, 0, 2);
    expect(z[0]).toBeCloseTo(1 / (1 + Math.E), 15);
  });
});
