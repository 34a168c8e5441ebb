/** Shared checks for model tests: finite-difference gradients and Jacobian–backward agreement. */
import seedrandom from 'seedrandom';
import type { Model, Rng } from '../../src/types.js';

export function seeded(seed: string): Rng {
  const prng = seedrandom.xor4096(seed);
  return () => prng.double();
}

export function uniformArray(rng: Rng, length: number, low = -1, high = 1): Float64Array {
  const out = new Float64Array(length);
  for (let k = 0; k < length; k++) out[k] = low + (high - low) * rng();
  return out;
}

/** S(θ) = Σ_i dOut_i · f(x_i; θ), whose gradient is exactly what `backward` returns. */
export function directional(model: Model, theta: Float64Array, x: Float64Array, m: number, dOut: Float64Array): number {
  const out = new Float64Array(m * model.outputSize);
  model.forward(theta, x, m, out);
  let s = 0;
  for (let k = 0; k < out.length; k++) s += dOut[k] * out[k];
  return s;
}

function relativeError(a: Float64Array, b: Float64Array): number {
  let diff = 0;
  let norm = 0;
  for (let k = 0; k < a.length; k++) {
    diff += (a[k] - b[k]) ** 2;
    norm += a[k] ** 2;
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(norm), Number.MIN_VALUE);
}

/**
 * ‖backward − central differences of S‖₂ / ‖backward‖₂ at the given point. Runs forward first, as
 * callers do, so backward uses its cache.
 */
export function gradientCheckError(
  model: Model,
  theta: Float64Array,
  x: Float64Array,
  m: number,
  dOut: Float64Array,
  h = 1e-5,
): number {
  const out = new Float64Array(m * model.outputSize);
  model.forward(theta, x, m, out);
  const grad = new Float64Array(model.parameterCount).fill(NaN);
  model.backward(theta, x, m, dOut, grad);
  const numeric = new Float64Array(model.parameterCount);
  const t = Float64Array.from(theta);
  for (let p = 0; p < model.parameterCount; p++) {
    t[p] = theta[p] + h;
    const plus = directional(model, t, x, m, dOut);
    t[p] = theta[p] - h;
    const minus = directional(model, t, x, m, dOut);
    t[p] = theta[p];
    numeric[p] = (plus - minus) / (2 * h);
  }
  return relativeError(grad, numeric);
}

/** ‖Σ_i J(x_i)ᵀ dOut_i − backward‖₂ / ‖backward‖₂. */
export function jacobianBackwardError(model: Model, theta: Float64Array, x: Float64Array, m: number, dOut: Float64Array): number {
  const { inputSize: dx, outputSize: dy, parameterCount: P } = model;
  const fromJacobian = new Float64Array(P);
  for (let i = 0; i < m; i++) {
    const J = model.jacobian(theta, x.subarray(i * dx, (i + 1) * dx));
    if (J.rows !== dy || J.columns !== P) throw new Error(`jacobian is ${J.rows}×${J.columns}, expected ${dy}×${P}`);
    for (let k = 0; k < dy; k++) for (let p = 0; p < P; p++) fromJacobian[p] += J.get(k, p) * dOut[i * dy + k];
  }
  const out = new Float64Array(m * dy);
  model.forward(theta, x, m, out);
  const grad = new Float64Array(P);
  model.backward(theta, x, m, dOut, grad);
  return relativeError(grad, fromJacobian);
}
