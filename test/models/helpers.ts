/** Model-specific checks: finite-difference gradients and Jacobian–backward agreement. */
import type { Model } from '../../src/types.js';
import { numericGradientFixedStep, referenceRelativeErrorL2 } from '../helpers/gradient-check.js';

/** S(θ) = Σ_i dOut_i · f(x_i; θ), whose gradient is exactly what `backward` returns. */
export function directional(model: Model, theta: Float64Array, x: Float64Array, m: number, dOut: Float64Array): number {
  const out = new Float64Array(m * model.outputSize);
  model.forward(theta, x, m, out);
  let s = 0;
  for (let k = 0; k < out.length; k++) s += dOut[k] * out[k];
  return s;
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
  const numeric = numericGradientFixedStep((t) => directional(model, t, x, m, dOut), theta, h);
  return referenceRelativeErrorL2(grad, numeric);
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
  return referenceRelativeErrorL2(grad, fromJacobian);
}
