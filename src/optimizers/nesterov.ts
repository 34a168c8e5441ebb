/**
 * Nesterov momentum in the form that evaluates the gradient at the stored point (as PyTorch does),
 * so that `lastValue` is f at z like every other stepper, rather than at a look-ahead point.
 */
import type { Differentiable } from '../types.js';
import { BlowUpGuard } from './blow-up-guard.js';
import { checkStepperBounds, projectedGradient, type StepperBounds } from './bounds.js';
import { checkDimension, checkStepArguments } from './checks.js';
import { resolveLocalOptions, type LocalOptions } from './options.js';
import { checkStateMethod, decodeArray, decodeCount, decodeNumber, encodeArray, encodeNumber } from './state.js';
import type { Stepper, StepperState } from './stepper.js';

/**
 * v ← μ·v + ∇f(z);  z ← z − learningRate·(∇f(z) + μ·v). This is Sutskever's
 * v ← μv − lr·∇f(z + μv), z ← z + v, rewritten on the look-ahead point. One evaluation per step.
 * A step retried by the blow-up guard starts again with v = 0 at half the rate.
 * With `bounds`: the gradient is projected (components pointing out of the box at active bounds
 * dropped), z is clipped into the box after the move, and a coordinate the box stopped loses its
 * velocity, since momentum into a wall would otherwise keep pressing z against it.
 *
 * @example
 * const stepper = new Nesterov(20, { learningRate: 0.01, momentum: 0.9 });
 * for (let k = 0; k < 500; k++) stepper.step(f, z);
 */
export class Nesterov implements Stepper {
  readonly method = 'nesterov' as const;
  readonly dimension: number;
  readonly learningRate: number;
  readonly momentum: number;
  readonly bounds: StepperBounds | null;
  private readonly grad: Float64Array;
  private readonly velocity: Float64Array;
  private readonly guard: BlowUpGuard;
  private value = NaN;
  private steps = 0;

  constructor(dimension: number, options: LocalOptions = {}, bounds: StepperBounds | null = null) {
    checkDimension(dimension);
    this.bounds = checkStepperBounds(bounds, dimension);
    const o = resolveLocalOptions({ ...options, method: 'nesterov' });
    this.dimension = dimension;
    this.learningRate = o.learningRate;
    this.momentum = o.momentum;
    this.grad = new Float64Array(dimension);
    this.velocity = new Float64Array(dimension);
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
    const g = this.grad;
    const v = this.velocity;
    this.value = this.guard.evaluate(f, z, g);
    if (this.guard.retried) v.fill(0);
    const box = this.bounds;
    if (box !== null) projectedGradient(z, g, box.lower, box.upper);
    const lr = this.guard.rate;
    const mu = this.momentum;
    for (let i = 0; i < z.length; i++) {
      const vi = mu * v[i] + g[i];
      v[i] = vi;
      z[i] -= lr * (g[i] + mu * vi);
    }
    if (box !== null) {
      const { lower, upper } = box;
      for (let i = 0; i < z.length; i++) {
        if (z[i] < lower[i]) {
          z[i] = lower[i];
          v[i] = 0;
        } else if (z[i] > upper[i]) {
          z[i] = upper[i];
          v[i] = 0;
        }
      }
    }
    this.steps++;
    return 1;
  }

  getState(): StepperState {
    return {
      method: this.method,
      steps: this.steps,
      lastValue: encodeNumber(this.value),
      velocity: encodeArray(this.velocity),
      ...this.guard.getState(),
    };
  }

  setState(state: StepperState): void {
    checkStateMethod(state, this.method);
    const velocity = decodeArray(state.velocity, this.dimension, 'state.velocity');
    const steps = decodeCount(state.steps, 'state.steps');
    const value = decodeNumber(state.lastValue, 'state.lastValue');
    this.guard.setState(state);
    this.velocity.set(velocity);
    this.steps = steps;
    this.value = value;
  }

  reset(): void {
    this.guard.reset();
    this.velocity.fill(0);
    this.steps = 0;
    this.value = NaN;
  }
}
