/**
 * Hidden-layer activations: the scalar value and derivative, and the two array passes a dense
 * network needs (apply, and scale a back-propagated delta by σ').
 */
import type { Activation } from '../types.js';
import { tanh as fastTanh } from './tanh.js';

export interface ActivationFunction {
  readonly name: Activation;
  /** σ(z). */
  value(z: number): number;
  /** σ'(z). */
  derivative(z: number): number;
  /** a[offset + k] ← σ(z[offset + k]) for k < n. `a` may be `z` itself. */
  apply(z: Float64Array, a: Float64Array, offset: number, n: number): void;
  /**
   * d[offset + k] ← d[offset + k]·σ'(z[offset + k]) for k < n, where a = σ(z) from the forward pass
   * (tanh' and sigmoid' are cheaper from a than from z).
   */
  scaleByDerivative(z: Float64Array, a: Float64Array, d: Float64Array, offset: number, n: number): void;
}

/** 1/(1 + e^(−z)) without overflow for large |z|. */
function sigmoidValue(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** ln(1 + e^z) = max(z, 0) + ln(1 + e^(−|z|)): exact for large positive z, no overflow. */
function softplusValue(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

const tanh: ActivationFunction = {
  name: 'tanh',
  value: fastTanh,
  derivative(z) {
    const t = fastTanh(z);
    return 1 - t * t;
  },
  apply(z, a, offset, n) {
    for (let k = offset, end = offset + n; k < end; k++) a[k] = fastTanh(z[k]);
  },
  scaleByDerivative(_z, a, d, offset, n) {
    for (let k = offset, end = offset + n; k < end; k++) {
      const t = a[k];
      d[k] *= 1 - t * t;
    }
  },
};

const relu: ActivationFunction = {
  name: 'relu',
  value: (z) => (z > 0 ? z : 0),
  // The subgradient 0 at z = 0, the usual convention (dead units stay dead).
  derivative: (z) => (z > 0 ? 1 : 0),
  // Branch-free, by a 0/1 factor: pre-activations' signs are a coin toss, and the branches
  // mispredicted half the time (a ternary's loop ran 8× slower than this one, measured). v·[v > 0]
  // is exact for every finite v (½(v + |v|) would overflow above 9e307); a NaN stays NaN.
  apply(z, a, offset, n) {
    for (let k = offset, end = offset + n; k < end; k++) {
      const v = z[k];
      a[k] = v * +(v > 0) + 0; // + 0: a negative v gives −0 · … = −0, and relu(v) is +0
    }
  },
  scaleByDerivative(z, _a, d, offset, n) {
    for (let k = offset, end = offset + n; k < end; k++) d[k] *= +(z[k] > 0);
  },
};

const sigmoid: ActivationFunction = {
  name: 'sigmoid',
  value: sigmoidValue,
  derivative(z) {
    const s = sigmoidValue(z);
    return s * (1 - s);
  },
  apply(z, a, offset, n) {
    for (let k = offset, end = offset + n; k < end; k++) a[k] = sigmoidValue(z[k]);
  },
  scaleByDerivative(_z, a, d, offset, n) {
    for (let k = offset, end = offset + n; k < end; k++) {
      const s = a[k];
      d[k] *= s * (1 - s);
    }
  },
};

const softplus: ActivationFunction = {
  name: 'softplus',
  value: softplusValue,
  derivative: sigmoidValue,
  apply(z, a, offset, n) {
    for (let k = offset, end = offset + n; k < end; k++) a[k] = softplusValue(z[k]);
  },
  scaleByDerivative(z, _a, d, offset, n) {
    for (let k = offset, end = offset + n; k < end; k++) d[k] *= sigmoidValue(z[k]);
  },
};

const identity: ActivationFunction = {
  name: 'identity',
  value: (z) => z,
  derivative: () => 1,
  apply(z, a, offset, n) {
    if (a !== z) for (let k = offset, end = offset + n; k < end; k++) a[k] = z[k];
  },
  scaleByDerivative() {
    // σ' = 1: nothing to scale.
  },
};

const TABLE: Readonly<Record<Activation, ActivationFunction>> = { tanh, relu, sigmoid, softplus, identity };

/** The names accepted in `{ type: 'mlp', activation }`. */
export const ACTIVATIONS: readonly Activation[] = Object.freeze(Object.keys(TABLE) as Activation[]);

/**
 * Type guard for an activation name.
 *
 * @example
 * isActivation('relu'); // true
 * isActivation('gelu'); // false
 */
export function isActivation(value: unknown): value is Activation {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(TABLE, value);
}

/**
 * Returns the activation with the given name.
 *
 * @example
 * const act = getActivation('softplus');
 * act.value(1000); // 1000 (no overflow)
 * act.derivative(0); // 0.5
 */
export function getActivation(name: Activation): ActivationFunction {
  const fn = TABLE[name];
  if (fn === undefined) throw new RangeError(`unknown activation ${JSON.stringify(name)}`);
  return fn;
}
