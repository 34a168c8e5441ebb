/**
 * Plain gradient descent, the method the paper's theorems are about.
 */
import type { Differentiable } from '../types.js';
import { BlowUpGuard } from './blow-up-guard.js';
import { checkStepperBounds, projectedGradient, projectInto, type StepperBounds } from './bounds.js';
import { checkDimension, checkStepArguments } from './checks.js';
import { resolveLocalOptions, type LocalOptions } from './options.js';
import { checkStateMethod, decodeCount, decodeNumber, encodeNumber } from './state.js';
import type { Stepper, StepperState } from './stepper.js';

/**
 * z ← z − rate·∇f(z), rate = learningRate until the blow-up guard halves it (blow-up-guard.ts).
 * One evaluation per step; `lastValue` is f before the move. With `bounds`, projected gradient
 * descent: z ← P(z − rate·P_g(∇f(z))), where P clips into the box and P_g drops the gradient's
 * components that point out of it at active bounds.
 *
 * @example
 * const stepper = new GradientDescent(2, { learningRate: 0.1 });
 * const z = Float64Array.of(1, 1);
 * stepper.step(f, z); // 1 evaluation; z moved against ∇f
 */
export class GradientDescent implements Stepper {
  readonly method = 'gd' as const;
  readonly dimension: number;
  readonly learningRate: number;
  readonly bounds: StepperBounds | null;
  private readonly grad: Float64Array;
  private readonly guard: BlowUpGuard;
  private value = NaN;
  private steps = 0;

  constructor(dimension: number, options: LocalOptions = {}, bounds: StepperBounds | null = null) {
    checkDimension(dimension);
    const o = resolveLocalOptions({ ...options, method: 'gd' });
    this.dimension = dimension;
    this.bounds = checkStepperBounds(bounds, dimension);
    this.learningRate = o.learningRate;
    this.grad = new Float64Array(dimension);
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
    this.value = this.guard.evaluate(f, z, g);
    const box = this.bounds;
    if (box !== null) projectedGradient(z, g, box.lower, box.upper);
    const lr = this.guard.rate;
    for (let i = 0; i < z.length; i++) z[i] -= lr * g[i];
    if (box !== null) projectInto(z, box.lower, box.upper);
    this.steps++;
    return 1;
  }

  getState(): StepperState {
    return { method: this.method, steps: this.steps, lastValue: encodeNumber(this.value), ...this.guard.getState() };
  }

  setState(state: StepperState): void {
    checkStateMethod(state, this.method);
    const steps = decodeCount(state.steps, 'state.steps');
    const value = decodeNumber(state.lastValue, 'state.lastValue');
    this.guard.setState(state);
    this.steps = steps;
    this.value = value;
  }

  reset(): void {
    this.guard.reset();
    this.steps = 0;
    this.value = NaN;
  }
}
