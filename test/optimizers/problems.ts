/**
 * Test problems with known minima, shared by the optimizer tests.
 */
import { Matrix, QrDecomposition } from 'ml-matrix';
import { expect } from 'vitest';

import type { AugmentedObjective } from '../../src/augment/augmented.js';
import type { LeastSquares, Stepper } from '../../src/optimizers/stepper.js';
import type { Differentiable } from '../../src/types.js';
import { seeded } from '../helpers/gradient-check.js';

/** Standard normal draws (Box–Muller) from a seeded 53-bit stream. */
export function normalStream(seed: string): () => number {
  const rng = seeded(seed);
  return () => {
    const u = 1 - rng();
    const v = rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

export interface Quadratic extends Differentiable {
  /** f(z) − f(z*) = ½(z − z*)ᵀA(z − z*), computed without cancellation. */
  gap(z: Float64Array): number;
  readonly optimum: Float64Array;
  /** The same problem as least squares, r = A^{1/2}z − A^{-1/2}b, so that Σ r² = 2·gap. */
  readonly leastSquares: LeastSquares;
}

/**
 * f(z) = ½zᵀAz − bᵀz with A = Q·diag(λ)·Qᵀ, λ log-spaced from 1 to `condition`, Q a seeded
 * random orthogonal matrix.
 */
export function quadratic(dimension: number, condition: number, seed: string): Quadratic {
  const normal = normalStream(seed);
  const gaussian = Matrix.zeros(dimension, dimension);
  for (let i = 0; i < dimension; i++) for (let j = 0; j < dimension; j++) gaussian.set(i, j, normal());
  const q = new QrDecomposition(gaussian).orthogonalMatrix;
  const eigen = Array.from({ length: dimension }, (_, k) => Math.pow(condition, k / (dimension - 1)));
  const build = (values: number[]): Float64Array => {
    const out = new Float64Array(dimension * dimension);
    for (let i = 0; i < dimension; i++) {
      for (let j = 0; j < dimension; j++) {
        let sum = 0;
        for (let k = 0; k < dimension; k++) sum += q.get(i, k) * values[k] * q.get(j, k);
        out[i * dimension + j] = sum;
      }
    }
    return out;
  };
  const a = build(eigen);
  const root = build(eigen.map(Math.sqrt));
  const inverse = build(eigen.map((l) => 1 / l));
  const inverseRoot = build(eigen.map((l) => 1 / Math.sqrt(l)));
  const b = Float64Array.from({ length: dimension }, () => normal());
  const optimum = matVec(inverse, b, dimension);
  const c = matVec(inverseRoot, b, dimension);
  const diff = new Float64Array(dimension);
  const az = new Float64Array(dimension);

  const leastSquares: LeastSquares = {
    dimension,
    residualCount: dimension,
    residuals(z, out) {
      for (let j = 0; j < dimension; j++) {
        let sum = -c[j];
        for (let k = 0; k < dimension; k++) sum += root[j * dimension + k] * z[k];
        out[j] = sum;
      }
    },
    residualGradient(_z, j, out) {
      for (let k = 0; k < dimension; k++) out[k] = root[j * dimension + k];
    },
    evaluate(z, grad) {
      const r = new Float64Array(dimension);
      this.residuals(z, r);
      let sum = 0;
      for (let j = 0; j < dimension; j++) sum += r[j] * r[j];
      if (grad !== null) {
        grad.fill(0);
        for (let j = 0; j < dimension; j++) for (let k = 0; k < dimension; k++) grad[k] += 2 * r[j] * root[j * dimension + k];
      }
      return sum;
    },
  };

  return {
    dimension,
    optimum,
    leastSquares,
    evaluate(z, grad) {
      let value = 0;
      for (let i = 0; i < dimension; i++) {
        let sum = 0;
        for (let k = 0; k < dimension; k++) sum += a[i * dimension + k] * z[k];
        az[i] = sum;
        value += z[i] * (0.5 * sum - b[i]);
        if (grad !== null) grad[i] = sum - b[i];
      }
      return value;
    },
    gap(z) {
      for (let i = 0; i < dimension; i++) diff[i] = z[i] - optimum[i];
      const ad = matVec(a, diff, dimension);
      let sum = 0;
      for (let i = 0; i < dimension; i++) sum += diff[i] * ad[i];
      return 0.5 * sum;
    },
  };
}

function matVec(m: Float64Array, v: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += m[i * n + k] * v[k];
    out[i] = sum;
  }
  return out;
}

/** Rosenbrock's function (1 − x)² + 100(y − x²)², minimum 0 at (1, 1). */
export const rosenbrock: Differentiable = {
  dimension: 2,
  evaluate(z, grad) {
    const [x, y] = z;
    const u = 1 - x;
    const w = y - x * x;
    if (grad !== null) {
      grad[0] = -2 * u - 400 * x * w;
      grad[1] = 200 * w;
    }
    return u * u + 100 * w * w;
  },
};

/**
 * Least squares for the curve y = p0·exp(−p1·t) + p2 sampled without noise at `count` points of
 * [0, 5]: r_j(p) = p0·exp(−p1·t_j) + p2 − y_j.
 */
export function exponentialCurve(truth: readonly number[], count: number): LeastSquares {
  const t = Float64Array.from({ length: count }, (_, j) => (5 * j) / (count - 1));
  const y = t.map((tj) => truth[0] * Math.exp(-truth[1] * tj) + truth[2]);
  const residuals = (p: Float64Array, out: Float64Array): void => {
    for (let j = 0; j < count; j++) out[j] = p[0] * Math.exp(-p[1] * t[j]) + p[2] - y[j];
  };
  return {
    dimension: 3,
    residualCount: count,
    residuals,
    residualGradient(p, j, out) {
      const e = Math.exp(-p[1] * t[j]);
      out[0] = e;
      out[1] = -p[0] * t[j] * e;
      out[2] = 1;
    },
    evaluate(p, grad) {
      const r = new Float64Array(count);
      residuals(p, r);
      let sum = 0;
      if (grad !== null) grad.fill(0);
      for (let j = 0; j < count; j++) {
        sum += r[j] * r[j];
        if (grad !== null) {
          const e = Math.exp(-p[1] * t[j]);
          grad[0] += 2 * r[j] * e;
          grad[1] -= 2 * r[j] * p[0] * t[j] * e;
          grad[2] += 2 * r[j];
        }
      }
      return sum;
    },
  };
}

/** c·f: the same minima, values and gradients scaled by c (for the steppers' scale invariance). */
export function scaled(f: Differentiable, c: number): Differentiable {
  return {
    dimension: f.dimension,
    evaluate(z, grad) {
      const v = f.evaluate(z, grad);
      if (grad !== null) for (let i = 0; i < grad.length; i++) grad[i] *= c;
      return c * v;
    },
  };
}

/**
 * Steps `a` on f and `b` on 1024·f from the same start, `steps` times, and returns both paths' end
 * points after checking every step: the same evaluation count and the same point, bit for bit.
 */
export function lockstepScaled(a: Stepper, b: Stepper, f: Differentiable, start: readonly number[], steps: number): Float64Array {
  const za = Float64Array.from(start);
  const zb = Float64Array.from(start);
  const big = scaled(f, 1024);
  for (let k = 0; k < steps; k++) {
    const ea = a.step(f, za);
    const eb = b.step(big, zb);
    expect(eb).toBe(ea);
    expect(Array.from(zb)).toEqual(Array.from(za));
  }
  return za;
}

/** f as an unaugmented objective, enough of one for runRound: its stats follow each evaluation. */
export function unaugmented(f: Differentiable): AugmentedObjective {
  const stats = { loss: NaN, augmentedLoss: NaN, aNorm: 0, auxNorm: 0, auxOutput: 0, residual: 0 };
  return {
    augmentation: 'none', lambda: 0, thetaSize: f.dimension, dimension: f.dimension, stats, leastSquares: null,
    evaluate(z, grad) {
      const v = f.evaluate(z, grad);
      stats.loss = v;
      stats.augmentedLoss = v;
      return v;
    },
    split: (z) => ({ theta: z, a: new Float64Array(0), b: new Float64Array(0), W: new Float64Array(0) }),
    init() {}, resetAux() {}, restAux() {}, wakeAux() {},
  };
}
