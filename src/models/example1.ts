/**
 * Example 1 of Kawaguchi & Kaelbling (2020): a one-parameter "model" whose output ignores x,
 * f(θ) = 5(−0.3·e^(−16(θ−0.2)²) − 0.7·e^(−32(θ−0.8)²) + 0.5). With ℓ(q) = max(0, 1 + q)³ and
 * y = −1 it has a bad local minimum at θ ≈ 0.2 and global minima on [0.793, 0.806] (docs/design.md §2).
 */
import { Matrix } from 'ml-matrix';
import type { InitSpec, Model, Rng } from '../types.js';
import { checkBatch, checkTheta } from './check-buffers.js';
import { initParameters } from './init.js';
import * as v from 'valibot';
import { parseOrThrow } from '../validation.js';
import { INIT, modelSpec } from './validate.js';

const EXAMPLE1_SPEC = modelSpec({ init: v.optional(INIT, { type: 'uniform', low: 0, high: 1 }) });

/** Known values of Example 1 with ℓ(q) = max(0, 1 + q)³, y = −1 (docs/design.md §2). */
export const EXAMPLE1_FACTS = Object.freeze({
  /** The bad local minimum θ* and L(θ*). */
  badMinimum: 0.20002783105,
  badMinimumLoss: 7.999582745226,
  /** The local maximum bounding the bad basin, and L there. */
  basinBoundary: 0.495476508955,
  basinBoundaryLoss: 25.6448881356,
  /** L = 0 on this whole interval. */
  globalInterval: Object.freeze([0.793055830587, 0.806125344849] as const),
  /** L → this as |θ| → ∞. */
  lossAtInfinity: 42.875,
});

/**
 * f(θ) of Example 1.
 *
 * @example
 * example1Value(0.8); // ≈ −1.0047 (so 1 + f < 0 and the cubic hinge loss is 0)
 */
export function example1Value(theta: number): number {
  const u = theta - 0.2;
  const v = theta - 0.8;
  return 5 * (-0.3 * Math.exp(-16 * u * u) - 0.7 * Math.exp(-32 * v * v) + 0.5);
}

/**
 * f'(θ) of Example 1: 5(9.6(θ−0.2)·e^(−16(θ−0.2)²) + 44.8(θ−0.8)·e^(−32(θ−0.8)²)).
 *
 * @example
 * example1Derivative(0.2); // ≈ −1.34e-3 (the bad minimum sits just to the right of 0.2)
 */
export function example1Derivative(theta: number): number {
  const u = theta - 0.2;
  const v = theta - 0.8;
  return 5 * (9.6 * u * Math.exp(-16 * u * u) + 44.8 * v * Math.exp(-32 * v * v));
}

export interface Example1Options {
  /** @default { type: 'uniform', low: 0, high: 1 } ('glorot' here means U[−√3, √3]: fan-in = fan-out = 1) */
  init?: InitSpec;
}

/**
 * Example 1 as a {@link Model}: inputSize 1 (x ignored), outputSize 1, one parameter.
 *
 * @example
 * const model = new Example1Model();
 * const out = new Float64Array(1);
 * model.forward(new Float64Array([0.8]), new Float64Array([0]), 1, out); // out[0] ≈ −1.0047
 */
export class Example1Model implements Model {
  readonly inputSize = 1;
  readonly outputSize = 1;
  readonly parameterCount = 1;
  readonly initSpec: InitSpec;

  constructor(options: Example1Options = {}, field = 'model') {
    this.initSpec = parseOrThrow(EXAMPLE1_SPEC, options, field).init;
  }

  init(rng: Rng, theta: Float64Array): void {
    checkTheta(this, theta);
    initParameters(this.initSpec, [{ offset: 0, count: 1, kind: 'weight', fanIn: 1, fanOut: 1 }], rng, theta);
  }

  forward(theta: Float64Array, x: Float64Array, m: number, out: Float64Array): void {
    checkBatch(this, theta, x, m, out, 'out');
    out.fill(example1Value(theta[0]), 0, m);
  }

  backward(theta: Float64Array, x: Float64Array, m: number, dOut: Float64Array, grad: Float64Array): void {
    checkBatch(this, theta, x, m, dOut, 'dOut');
    checkTheta(this, grad, 'grad');
    let s = 0;
    for (let i = 0; i < m; i++) s += dOut[i];
    grad[0] = example1Derivative(theta[0]) * s;
  }

  jacobian(theta: Float64Array, _xRow: Float64Array): Matrix {
    checkTheta(this, theta);
    return new Matrix([[example1Derivative(theta[0])]]);
  }
}
