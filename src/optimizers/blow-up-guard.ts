/**
 * The safeguard of the fixed-step methods (gd, nesterov, adam). A step size that is too large for
 * the problem's curvature makes the iterates diverge geometrically (scipy's func1d has curvature
 * up to 212, so gd at 0.01 blows up), and without a check the run would go on silently from
 * wherever the overflow left it. The guard keeps the lowest point of the local search; when a step
 * lands on a value more than `blowUpFactor` times above it (in the distance from 0 that its own
 * magnitude sets), or on a non-finite value, the step is retried from that point at half the rate.
 */
import { NoBadMinimaError } from '../errors.js';
import type { Differentiable } from '../types.js';
import { decodeArray, decodeBoolean, decodeCount, decodeNumber, encodeArray, encodeNumber } from './state.js';

/**
 * @example
 * const guard = new BlowUpGuard(n, 0.01, 10);
 * const value = guard.evaluate(f, z, g); // z and g may come back as the anchor's, rate halved
 * for (let i = 0; i < n; i++) z[i] -= guard.rate * g[i];
 */
export class BlowUpGuard {
  /** The step size now: the initial one, halved once per retry. */
  rate: number;
  /** Steps retried at half the rate since construction, reset() or the restored state. */
  retries = 0;
  /** The last evaluate() was a retry: the caller should drop momentum built on the blown-up steps. */
  retried = false;

  private readonly initialRate: number;
  private readonly factor: number;
  private hasAnchor = false;
  private anchorValue = NaN;
  private readonly anchorZ: Float64Array;
  private readonly anchorGrad: Float64Array;

  constructor(dimension: number, rate: number, factor: number) {
    this.initialRate = rate;
    this.rate = rate;
    this.factor = factor;
    this.anchorZ = new Float64Array(dimension);
    this.anchorGrad = new Float64Array(dimension);
  }

  /**
   * f(z) with ∇f(z) in g, or, when z blew up, the anchor's value with z and g set to the anchor's
   * point and gradient and the rate halved. A NUMERICAL_FAULT at z counts as a blow-up when there is
   * an anchor to go back to; before the first point it is the caller's fault to handle.
   */
  evaluate(f: Differentiable, z: Float64Array, g: Float64Array): number {
    let value: number;
    try {
      value = f.evaluate(z, g);
    } catch (error) {
      if (!(this.hasAnchor && error instanceof NoBadMinimaError && error.code === 'NUMERICAL_FAULT')) throw error;
      value = NaN;
    }
    this.retried = false;
    if (this.hasAnchor && this.blewUp(value)) {
      z.set(this.anchorZ);
      g.set(this.anchorGrad);
      this.rate *= 0.5;
      this.retries++;
      this.retried = true;
      return this.anchorValue;
    }
    if (Number.isFinite(value) && (!this.hasAnchor || value < this.anchorValue)) {
      this.hasAnchor = true;
      this.anchorValue = value;
      this.anchorZ.set(z);
      this.anchorGrad.set(g);
    }
    return value;
  }

  private blewUp(value: number): boolean {
    if (!Number.isFinite(value)) return true;
    const a = this.anchorValue;
    return value - a > (this.factor - 1) * Math.abs(a);
  }

  /** State fields, merged into the stepper's own state. */
  getState(): Record<string, unknown> {
    return {
      rate: encodeNumber(this.rate),
      retries: this.retries,
      hasAnchor: this.hasAnchor,
      anchorValue: encodeNumber(this.anchorValue),
      anchorZ: encodeArray(this.anchorZ),
      anchorGrad: encodeArray(this.anchorGrad),
    };
  }

  /**
   * Restores what getState wrote. A state written before the guard existed has none of its
   * fields: the guard then starts afresh at the initial rate.
   */
  setState(state: Record<string, unknown>): void {
    if (state.rate === undefined) {
      this.reset();
      return;
    }
    const n = this.anchorZ.length;
    const rate = decodeNumber(state.rate, 'state.rate');
    const retries = decodeCount(state.retries, 'state.retries');
    const hasAnchor = decodeBoolean(state.hasAnchor, 'state.hasAnchor');
    const anchorValue = decodeNumber(state.anchorValue, 'state.anchorValue');
    const anchorZ = decodeArray(state.anchorZ, n, 'state.anchorZ');
    const anchorGrad = decodeArray(state.anchorGrad, n, 'state.anchorGrad');
    this.rate = rate;
    this.retries = retries;
    this.hasAnchor = hasAnchor;
    this.anchorValue = anchorValue;
    this.anchorZ.set(anchorZ);
    this.anchorGrad.set(anchorGrad);
  }

  reset(): void {
    this.rate = this.initialRate;
    this.retries = 0;
    this.retried = false;
    this.hasAnchor = false;
    this.anchorValue = NaN;
    this.anchorZ.fill(0);
    this.anchorGrad.fill(0);
  }
}
