/**
 * The population objective of Safran & Shamir (ICML 2018): a student of n ReLUs, output weights
 * fixed at 1, fitted to a teacher of k ReLUs with orthonormal weights (V = I) under x ~ N(0, I_k).
 * It has spurious local minima for 6 ≤ k ≤ 20 (n = k), which plain gradient descent finds often.
 *
 * Closed form through the arc-cosine kernel: for u, v at angle t,
 *   K(u, v) = E[relu(u·x) relu(v·x)] = ‖u‖‖v‖ (sin t + (π − t) cos t) / (2π),   K(u, u) = ‖u‖²/2,
 *   ∇_u K(u, v) = (‖v‖ sin t · û + (π − t) v) / (2π).
 * With the student rows w_i and the teacher rows e_j,
 *   F(W) = ½ Σ_{i,i'} K(w_i, w_i') − Σ_{i,j} K(w_i, e_j) + ½ Σ_{j,j'} K(e_j, e_j')
 *   ∇_{w_i} F = w_i / 2 + Σ_{i'≠i} ∇_u K(w_i, w_i') − Σ_j ∇_u K(w_i, e_j)
 * and the teacher's constant is ½ (k/2 + k(k − 1)/(2π)), since distinct e_j are at angle π/2.
 */
import type { ObjectiveFunction, Rng } from '../types.js';
import { fillNormal } from './normal.js';

const INV_TWO_PI = 1 / (2 * Math.PI);

/** ½·E[teacher(x)²] = k/4 + k(k − 1)/(4π): the objective at W = 0. */
export function safranShamirTeacherEnergy(k: number): number {
  return k / 4 + (k * (k - 1)) / (4 * Math.PI);
}

/**
 * Builds the Safran–Shamir objective of θ = W (n × k, row-major, row i = w_i) with its analytic
 * gradient. `init` draws W with i.i.d. N(0, 1/k) entries. The global minimum 0 is attained at every
 * row permutation of I when n = k. Each evaluation costs O(n²k + nk) and allocates nothing.
 * Arguments are trusted; use `createObjectiveFunction` to validate a spec.
 *
 * The kernel is not differentiable in a zero row; there the row's cross terms (whose value is 0)
 * contribute a zero gradient, the relu′(0) = 0 convention. Values are sums of O(n² + nk) terms of
 * order 1, so values below about 1e-14·(n + k)² are rounding noise; they are clamped at 0.
 *
 * @example
 * const f = createSafranShamir(3);
 * const grad = new Float64Array(9);
 * f.evaluate(Float64Array.of(0, 1, 0, 1, 0, 0, 0, 0, 1), grad); // ≈ 0: a row permutation of I
 */
export function createSafranShamir(k: number, n: number = k): ObjectiveFunction {
  const dimension = n * k;
  const norms = new Float64Array(n);
  const teacherEnergy = safranShamirTeacherEnergy(k);

  return {
    dimension,
    init(rng: Rng, out: Float64Array): void {
      fillNormal(rng, out, 1 / Math.sqrt(k));
    },
    evaluate(theta: Float64Array, gradOut: Float64Array): number {
      let value = teacherEnergy;

      // Self terms: ½·K(w_i, w_i) = ‖w_i‖²/4, gradient w_i/2.
      for (let i = 0; i < n; i++) {
        const row = i * k;
        let sq = 0;
        for (let l = 0; l < k; l++) {
          const w = theta[row + l];
          sq += w * w;
          gradOut[row + l] = 0.5 * w;
        }
        norms[i] = Math.sqrt(sq);
        value += 0.25 * sq;
      }

      // Student pairs: the double sum counts each pair twice, so ½·2·K(w_i, w_j) per pair.
      for (let i = 0; i < n; i++) {
        const ni = norms[i];
        if (ni === 0) continue;
        const rowI = i * k;
        for (let j = i + 1; j < n; j++) {
          const nj = norms[j];
          if (nj === 0) continue;
          const rowJ = j * k;
          let dot = 0;
          for (let l = 0; l < k; l++) dot += theta[rowI + l] * theta[rowJ + l];
          // Rounding can push |cos t| past 1 for (anti)parallel rows.
          const c = Math.min(1, Math.max(-1, dot / (ni * nj)));
          const s = Math.sqrt(Math.max(0, 1 - c * c));
          // atan2 from the same (s, c) keeps t and sin t consistent, so the sin t·û and
          // (π − t)·v terms of the gradient cancel to second order as t → 0 or π.
          const t = Math.atan2(s, c);
          const piMinusT = Math.PI - t;
          value += ni * nj * (s + piMinusT * c) * INV_TWO_PI;
          const ownI = (nj * s) / ni;
          const ownJ = (ni * s) / nj;
          for (let l = 0; l < k; l++) {
            const wi = theta[rowI + l];
            const wj = theta[rowJ + l];
            gradOut[rowI + l] += (ownI * wi + piMinusT * wj) * INV_TWO_PI;
            gradOut[rowJ + l] += (ownJ * wj + piMinusT * wi) * INV_TWO_PI;
          }
        }
      }

      // Teacher cross terms −K(w_i, e_j): cos t = w_ij/‖w_i‖ and ‖e_j‖ = 1.
      for (let i = 0; i < n; i++) {
        const ni = norms[i];
        if (ni === 0) continue;
        const row = i * k;
        let sinSum = 0;
        let cross = 0;
        for (let j = 0; j < k; j++) {
          const c = Math.min(1, Math.max(-1, theta[row + j] / ni));
          const s = Math.sqrt(Math.max(0, 1 - c * c));
          const piMinusT = Math.PI - Math.atan2(s, c);
          cross += s + piMinusT * c;
          sinSum += s;
          gradOut[row + j] -= piMinusT * INV_TWO_PI;
        }
        value -= ni * cross * INV_TWO_PI;
        const own = (sinSum / ni) * INV_TWO_PI;
        for (let l = 0; l < k; l++) gradOut[row + l] -= own * theta[row + l];
      }

      // Written so that NaN passes through: hiding it would defeat the numerical-fault checks.
      return value < 0 ? 0 : value;
    },
  };
}
