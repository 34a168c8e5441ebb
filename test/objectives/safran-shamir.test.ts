import { describe, expect, it } from 'vitest';
import { createSafranShamir, fillNormal, safranShamirTeacherEnergy } from '../../src/objectives/index.js';
import { seeded, symmetricRelativeErrorL2 } from '../helpers/gradient-check.js';
import { analyticGradient, centralDifference } from './helpers.js';

function identity(k: number): Float64Array {
  const w = new Float64Array(k * k);
  for (let i = 0; i < k; i++) w[i * k + i] = 1;
  return w;
}

function maxAbs(v: Float64Array): number {
  return v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
}

describe('Safran–Shamir objective', () => {
  it('is 0 with a zero gradient at W = I and at a row permutation of I', () => {
    const k = 6;
    const f = createSafranShamir(k);
    const atI = analyticGradient(f, identity(k));
    expect(atI.value).toBeLessThan(1e-14);
    expect(maxAbs(atI.grad)).toBeLessThan(1e-14);

    const permutation = [3, 0, 5, 1, 4, 2];
    const w = new Float64Array(k * k);
    permutation.forEach((j, i) => (w[i * k + j] = 1));
    const atP = analyticGradient(f, w);
    expect(atP.value).toBeLessThan(1e-14);
    expect(maxAbs(atP.grad)).toBeLessThan(1e-14);
  });

  it('equals ½·E[teacher²] = k/4 + k(k−1)/(4π) at W = 0', () => {
    // E[relu(e_j·x)²] = 1/2 and, at angle π/2, E[relu(e_j·x) relu(e_l·x)] = 1/(2π):
    // ½·(k·1/2 + k(k − 1)·1/(2π)).
    for (const k of [1, 3, 10]) {
      const f = createSafranShamir(k);
      const hand = k / 4 + (k * (k - 1)) / (4 * Math.PI);
      expect(safranShamirTeacherEnergy(k)).toBeCloseTo(hand, 14);
      expect(f.evaluate(new Float64Array(k * k), new Float64Array(k * k))).toBeCloseTo(hand, 13);
    }
    expect(safranShamirTeacherEnergy(3)).toBeCloseTo(0.75 + 1.5 / Math.PI, 14);
  });

  it('reduces to a piecewise quadratic when k = n = 1', () => {
    // Student relu(wx), teacher relu(x): for w ≥ 0 the difference is (w − 1)relu(x), so
    // F = (w − 1)²/4; for w < 0 the two never overlap, so F = (w² + 1)/4.
    const f = createSafranShamir(1);
    const cases: Array<[number, number, number]> = [
      [2, 0.25, 0.5],
      [1, 0, 0],
      [0.3, 0.49 / 4, -0.35],
      [-1, 0.5, -0.5],
      [-0.2, 1.04 / 4, -0.1],
      // At w = 0 the one-sided derivatives are −1/2 and 0; the relu′(0) = 0 convention gives 0.
      [0, 0.25, 0],
    ];
    for (const [w, value, slope] of cases) {
      const { value: v, grad } = analyticGradient(f, Float64Array.of(w));
      expect(v).toBeCloseTo(value, 14);
      expect(grad[0]).toBeCloseTo(slope, 14);
    }
  });

  it('handles parallel and antiparallel student rows (t = 0 and t = π)', () => {
    // k = 1, n = 2. Rows 1/2 and 1/2: the student equals relu(x), so F = 0 and ∇F = 0.
    const f = createSafranShamir(1, 2);
    const parallel = analyticGradient(f, Float64Array.of(0.5, 0.5));
    expect(parallel.value).toBeLessThan(1e-15);
    expect(maxAbs(parallel.grad)).toBeLessThan(1e-15);
    // Rows 1 and −1: student |x|, difference relu(−x), F = ¼; ∇F = (0, E[−x²; x < 0]) = (0, −½).
    const opposite = analyticGradient(f, Float64Array.of(1, -1));
    expect(opposite.value).toBeCloseTo(0.25, 14);
    expect(opposite.grad[0]).toBeCloseTo(0, 14);
    expect(opposite.grad[1]).toBeCloseTo(-0.5, 14);
  });

  it('matches a gradient computed by hand for k = 2, n = 1, w = e₁', () => {
    // F = ½·E[relu(x₂)²] = ¼; ∇F = E[(student − teacher)·1{x₁ > 0}·x] = −(1/(2π), 1/4).
    const f = createSafranShamir(2, 1);
    const { value, grad } = analyticGradient(f, Float64Array.of(1, 0));
    expect(value).toBeCloseTo(0.25, 14);
    expect(grad[0]).toBeCloseTo(-1 / (2 * Math.PI), 14);
    expect(grad[1]).toBeCloseTo(-0.25, 14);
  });

  it('matches central differences at random points (relative error ≤ 1e-6)', () => {
    const rng = seeded('safran-shamir-gradient');
    for (const [k, n] of [[1, 1], [2, 3], [5, 5], [8, 8], [6, 9], [4, 2]]) {
      const f = createSafranShamir(k, n);
      for (let trial = 0; trial < 10; trial++) {
        const theta = new Float64Array(f.dimension);
        f.init(rng, theta);
        const { grad } = analyticGradient(f, theta);
        expect(symmetricRelativeErrorL2(grad, centralDifference(f, theta, 1e-5))).toBeLessThanOrEqual(1e-6);
      }
    }
  });

  it('matches central differences with two exactly parallel rows and one antiparallel row', () => {
    const f = createSafranShamir(3, 3);
    const theta = Float64Array.of(0.3, -0.5, 0.8, 0.6, -1, 1.6, -0.45, 0.75, -1.2);
    const { grad } = analyticGradient(f, theta);
    expect(symmetricRelativeErrorL2(grad, centralDifference(f, theta, 1e-5))).toBeLessThanOrEqual(1e-6);
  });

  it('agrees with a Monte Carlo estimate of ½·E[(student − teacher)²]', () => {
    // An independent check of the closed form (the kernel itself), not just of its gradient.
    const k = 3;
    const n = 4;
    const f = createSafranShamir(k, n);
    const rng = seeded('monte-carlo');
    const w = new Float64Array(n * k);
    f.init(rng, w);
    const samples = 200_000;
    const x = new Float64Array(k);
    let sum = 0;
    let sumSq = 0;
    for (let s = 0; s < samples; s++) {
      fillNormal(rng, x);
      let student = 0;
      for (let i = 0; i < n; i++) {
        let dot = 0;
        for (let l = 0; l < k; l++) dot += w[i * k + l] * x[l];
        student += Math.max(0, dot);
      }
      let teacher = 0;
      for (let l = 0; l < k; l++) teacher += Math.max(0, x[l]);
      const term = 0.5 * (student - teacher) ** 2;
      sum += term;
      sumSq += term * term;
    }
    const mean = sum / samples;
    const standardError = Math.sqrt((sumSq / samples - mean * mean) / samples);
    const closed = f.evaluate(w, new Float64Array(n * k));
    expect(Math.abs(closed - mean)).toBeLessThan(4 * standardError);
  });

  it('initializes W with N(0, 1/k) entries, deterministically', () => {
    const k = 40;
    const f = createSafranShamir(k);
    const a = new Float64Array(k * k);
    const b = new Float64Array(k * k);
    f.init(seeded('init'), a);
    f.init(seeded('init'), b);
    expect(b).toEqual(a);
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    const variance = a.reduce((s, x) => s + x * x, 0) / a.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(variance * k).toBeGreaterThan(0.93);
    expect(variance * k).toBeLessThan(1.07);
  });

  it('never takes the log of 0 when the uniform stream returns 0', () => {
    const out = new Float64Array(4);
    fillNormal(() => 0, out);
    expect(out.every(Number.isFinite)).toBe(true);
  });

  it('lets NaN through rather than clamping it to 0', () => {
    const f = createSafranShamir(2);
    expect(f.evaluate(Float64Array.of(Number.NaN, 0, 1, 0), new Float64Array(4))).toBeNaN();
  });
});
