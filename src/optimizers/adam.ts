/**
 * Adam (Kingma & Ba 2015) with bias correction.
 */
import type { Differentiable } from '../types.js';
import { BlowUpGuard } from './blow-up-guard.js';
import { checkStepperBounds, projectedGradient, projectInto, type StepperBounds } from './bounds.js';
import { checkDimension, checkStepArguments } from './checks.js';
import { resolveLocalOptions, type LocalOptions } from './options.js';
import { checkStateMethod, decodeArray, decodeCount, decodeNumber, encodeArray, encodeNumber } from './state.js';
import type { Stepper, StepperState } from './stepper.js';

/**
 * m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  z ← z − lr·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ),
 * v̂ = v/(1−β₂ᵗ). Each coordinate moves about lr per step whatever the gradient's scale, which
 * keeps the exponential neuron's b from jumping. One evaluation per step. With `bounds`, the
 * moments see the projected gradient (components pointing out of the box at active bounds dropped)
 * and z is clipped into the box after the move.
 *
 * @example
 * const stepper = new Adam(20, { learningRate: 1e-2 });
 * for (let k = 0; k < 1000; k++) stepper.step(f, z);
 */
export class Adam implements Stepper {
  readonly method = 'adam' as const;
  readonly dimension: number;
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly bounds: StepperBounds | null;
  private readonly grad: Float64Array;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private readonly guard: BlowUpGuard;
  private value = NaN;
  /** The step counter t of the bias correction. */
  private t = 0;

  constructor(dimension: number, options: LocalOptions = {}, bounds: StepperBounds | null = null) {
    checkDimension(dimension);
    this.bounds = checkStepperBounds(bounds, dimension);
    const o = resolveLocalOptions({ ...options, method: 'adam' });
    this.dimension = dimension;
    this.learningRate = o.learningRate;
    this.beta1 = o.beta1;
    this.beta2 = o.beta2;
    this.epsilon = o.epsilon;
    this.grad = new Float64Array(dimension);
    this.m = new Float64Array(dimension);
    this.v = new Float64Array(dimension);
    this.guard = new BlowUpGuard(dimension, o.learningRate, o.blowUpFactor);
  }

  get lastValue(): number {
    return this.value;
  }

  /** Steps retried at half the rate (see BlowUpGuard). */
  get retries(): number {
    return this.guard.retries;
  }

  step(f: Differentiable, z: Float64Array): number {
    checkStepArguments(this.dimension, f, z);
    const { grad: g, m, v, beta1, beta2, epsilon } = this;
    this.value = this.guard.evaluate(f, z, g);
    // Moments built on the blown-up steps would steer the retry the same way: start them afresh.
    if (this.guard.retried) {
      m.fill(0);
      v.fill(0);
      this.t = 0;
    }
    const box = this.bounds;
    if (box !== null) projectedGradient(z, g, box.lower, box.upper);
    const t = ++this.t;
    const c1 = 1 / (1 - Math.pow(beta1, t));
    const c2 = 1 / (1 - Math.pow(beta2, t));
    const lr = this.guard.rate;
    for (let i = 0; i < z.length; i++) {
      const gi = g[i];
      const mi = beta1 * m[i] + (1 - beta1) * gi;
      const vi = beta2 * v[i] + (1 - beta2) * gi * gi;
      m[i] = mi;
      v[i] = vi;
      z[i] -= (lr * mi * c1) / (Math.sqrt(vi * c2) + epsilon);
    }
    if (box !== null) projectInto(z, box.lower, box.upper);
    return 1;
  }

  getState(): StepperState {
    return {
      method: this.method,
      t: this.t,
      lastValue: encodeNumber(this.value),
      ...this.guard.getState(),
      m: encodeArray(this.m),
      v: encodeArray(this.v),
    };
  }

  setState(state: StepperState): void {
    checkStateMethod(state, this.method);
    const m = decodeArray(state.m, this.dimension, 'state.m');
    const v = decodeArray(state.v, this.dimension, 'state.v');
    const t = decodeCount(state.t, 'state.t');
    const value = decodeNumber(state.lastValue, 'state.lastValue');
    this.guard.setState(state);
    this.m.set(m);
    this.v.set(v);
    this.t = t;
    this.value = value;
  }

  reset(): void {
    this.guard.reset();
    this.m.fill(0);
    this.v.fill(0);
    this.t = 0;
    this.value = NaN;
  }
}
