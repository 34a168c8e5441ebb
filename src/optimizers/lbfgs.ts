/**
 * Limited-memory BFGS: the two-loop recursion over the last `history` curvature pairs, and a
 * backtracking Armijo line search with safeguarded quadratic interpolation.
 */
import type { Differentiable } from '../types.js';
import { checkDimension, checkStepArguments } from './checks.js';
import { resolveLocalOptions, type LocalOptions } from './options.js';
import { checkStateMethod, decodeArray, decodeBoolean, decodeCount, decodeNumber, encodeArray, encodeNumber } from './state.js';
import type { Stepper, StepperState } from './stepper.js';

/**
 * One step = one line search along the L-BFGS direction. The value and gradient at the accepted
 * point are kept (and are part of the state), so a step costs only its line-search trials; the
 * first step, or a step from a z that differs from where the last one ended (a basin hop moved
 * it), evaluates z first. If you change f between steps at the same z, call `reset()`.
 *
 * - Pairs with sᵀy ≤ 0 are skipped (Armijo alone does not guarantee positive curvature).
 * - If the direction is not a descent direction, the history is dropped and the step is steepest
 *   descent, scaled to length 1.
 * - If no trial satisfies Armijo within `maxLineSearch` trials, z stays where it is and the
 *   history is dropped, so that the next step is steepest descent.
 *
 * `lastValue` is f at z after the step (the accepted trial, or z itself when the search failed).
 * A step always makes at least one evaluation, even at a stationary point.
 *
 * @example
 * const stepper = new LBFGS(2, { history: 10 });
 * const z = Float64Array.of(-1.2, 1);
 * while (stepper.step(rosenbrock, z) > 0 && stepper.lastValue > 1e-20) {}
 */
export class LBFGS implements Stepper {
  readonly method = 'lbfgs' as const;
  readonly dimension: number;
  readonly history: number;
  readonly maxLineSearch: number;
  readonly sufficientDecrease: number;

  /** Curvature pairs in a ring: pair p lives at [p·n, (p+1)·n). */
  private readonly s: Float64Array;
  private readonly y: Float64Array;
  private readonly rho: Float64Array;
  private count = 0;
  /** Slot the next pair goes to. */
  private head = 0;

  /** The point of the last accepted step, its value and gradient. */
  private hasPoint = false;
  private readonly x: Float64Array;
  private fx = NaN;
  private readonly g: Float64Array;
  private value = NaN;

  // Scratch buffers, preallocated so that a step allocates nothing.
  private readonly d: Float64Array;
  private readonly alpha: Float64Array;
  private readonly trial: Float64Array;
  private readonly trialGrad: Float64Array;

  constructor(dimension: number, options: LocalOptions = {}) {
    checkDimension(dimension);
    const o = resolveLocalOptions({ ...options, method: 'lbfgs' });
    this.dimension = dimension;
    this.history = o.history;
    this.maxLineSearch = o.maxLineSearch;
    this.sufficientDecrease = o.sufficientDecrease;
    this.s = new Float64Array(o.history * dimension);
    this.y = new Float64Array(o.history * dimension);
    this.rho = new Float64Array(o.history);
    this.alpha = new Float64Array(o.history);
    this.x = new Float64Array(dimension);
    this.g = new Float64Array(dimension);
    this.d = new Float64Array(dimension);
    this.trial = new Float64Array(dimension);
    this.trialGrad = new Float64Array(dimension);
  }

  get lastValue(): number {
    return this.value;
  }

  step(f: Differentiable, z: Float64Array): number {
    checkStepArguments(this.dimension, f, z);
    const n = this.dimension;
    const { x, g, d, trial, trialGrad } = this;
    let evaluations = 0;
    if (!this.hasPoint || !sameVector(x, z)) {
      x.set(z);
      this.fx = f.evaluate(x, g);
      this.value = this.fx;
      this.hasPoint = true;
      evaluations++;
    }
    let gNorm = Math.sqrt(dot(g, g, 0, n));
    if (evaluations === 0 && !(gNorm > 0 && Number.isFinite(gNorm) && Number.isFinite(this.fx))) {
      // Nothing to search from the cached point. Evaluate it again rather than return 0, so that
      // a caller looping `while (used < budget) used += step(...)` always makes progress.
      this.fx = f.evaluate(x, g);
      this.value = this.fx;
      evaluations++;
      gNorm = Math.sqrt(dot(g, g, 0, n));
    }
    const f0 = this.fx;
    // At a stationary point, or after a fault, there is no direction to search.
    if (!Number.isFinite(f0) || !Number.isFinite(gNorm) || gNorm === 0) return evaluations;

    let slope = this.count > 0 ? this.twoLoopDirection() : NaN;
    if (!(slope < 0) || !Number.isFinite(slope)) {
      this.forgetHistory();
      const scale = -1 / gNorm;
      for (let i = 0; i < n; i++) d[i] = scale * g[i];
      slope = -gNorm;
    }

    const c1 = this.sufficientDecrease;
    let t = 1;
    for (let trialIndex = 0; trialIndex < this.maxLineSearch; trialIndex++) {
      for (let i = 0; i < n; i++) trial[i] = x[i] + t * d[i];
      const ft = f.evaluate(trial, trialGrad);
      evaluations++;
      this.value = ft;
      if (ft <= f0 + c1 * t * slope) {
        this.accept(ft);
        z.set(x);
        return evaluations;
      }
      // Minimizer of the quadratic through f0, slope and ft, kept within [0.1t, 0.5t] so that the
      // search neither stalls nor overshoots; a non-finite ft just shrinks t tenfold.
      let next = Number.isFinite(ft) ? (-slope * t * t) / (2 * (ft - f0 - slope * t)) : 0.1 * t;
      if (!(next >= 0.1 * t)) next = 0.1 * t;
      if (next > 0.5 * t) next = 0.5 * t;
      t = next;
    }
    this.forgetHistory();
    this.value = f0;
    return evaluations;
  }

  /** Writes the L-BFGS direction −H·g into d and returns the slope gᵀd. */
  private twoLoopDirection(): number {
    const { s, y, rho, alpha, g, d, history, dimension: n } = this;
    d.set(g);
    let slot = this.head;
    for (let k = 0; k < this.count; k++) {
      slot = slot === 0 ? history - 1 : slot - 1;
      const a = rho[slot] * dot(s, d, slot * n, n);
      alpha[slot] = a;
      axpy(-a, y, slot * n, d, n);
    }
    const newest = this.head === 0 ? history - 1 : this.head - 1;
    let yy = 0;
    for (let i = newest * n, end = i + n; i < end; i++) yy += y[i] * y[i];
    // γ = sᵀy / yᵀy scales H₀ to the curvature just seen, so that t = 1 is usually accepted.
    const gamma = 1 / (rho[newest] * yy);
    for (let i = 0; i < n; i++) d[i] *= gamma;
    for (let k = 0; k < this.count; k++) {
      const b = rho[slot] * dot(y, d, slot * n, n);
      axpy(alpha[slot] - b, s, slot * n, d, n);
      slot = slot === history - 1 ? 0 : slot + 1;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) {
      d[i] = -d[i];
      slope += g[i] * d[i];
    }
    return slope;
  }

  /** Moves to the accepted trial, storing (s, y) when its curvature is positive. */
  private accept(ft: number): void {
    const { x, g, trial, trialGrad, s, y, dimension: n } = this;
    let sy = 0;
    for (let i = 0; i < n; i++) sy += (trial[i] - x[i]) * (trialGrad[i] - g[i]);
    const rho = 1 / sy;
    // When the ring is full the slot at head holds the oldest pair, which must survive a skip.
    if (sy > 0 && Number.isFinite(rho)) {
      const offset = this.head * n;
      for (let i = 0; i < n; i++) {
        s[offset + i] = trial[i] - x[i];
        y[offset + i] = trialGrad[i] - g[i];
      }
      this.rho[this.head] = rho;
      this.head = this.head === this.history - 1 ? 0 : this.head + 1;
      if (this.count < this.history) this.count++;
    }
    x.set(trial);
    g.set(trialGrad);
    this.fx = ft;
  }

  private forgetHistory(): void {
    this.count = 0;
    this.head = 0;
  }

  getState(): StepperState {
    return {
      method: this.method,
      count: this.count,
      head: this.head,
      s: encodeArray(this.s),
      y: encodeArray(this.y),
      rho: encodeArray(this.rho),
      hasPoint: this.hasPoint,
      x: encodeArray(this.x),
      g: encodeArray(this.g),
      fx: encodeNumber(this.fx),
      lastValue: encodeNumber(this.value),
    };
  }

  setState(state: StepperState): void {
    checkStateMethod(state, this.method);
    const n = this.dimension;
    const s = decodeArray(state.s, this.history * n, 'state.s');
    const y = decodeArray(state.y, this.history * n, 'state.y');
    const rho = decodeArray(state.rho, this.history, 'state.rho');
    const x = decodeArray(state.x, n, 'state.x');
    const g = decodeArray(state.g, n, 'state.g');
    const count = decodeCount(state.count, 'state.count', this.history);
    const head = decodeCount(state.head, 'state.head', this.history - 1);
    const fx = decodeNumber(state.fx, 'state.fx');
    const value = decodeNumber(state.lastValue, 'state.lastValue');
    const hasPoint = decodeBoolean(state.hasPoint, 'state.hasPoint');
    this.s.set(s);
    this.y.set(y);
    this.rho.set(rho);
    this.x.set(x);
    this.g.set(g);
    this.count = count;
    this.head = head;
    this.fx = fx;
    this.value = value;
    this.hasPoint = hasPoint;
  }

  reset(): void {
    this.forgetHistory();
    this.s.fill(0);
    this.y.fill(0);
    this.rho.fill(0);
    this.hasPoint = false;
    this.x.fill(0);
    this.g.fill(0);
    this.fx = NaN;
    this.value = NaN;
  }
}

function sameVector(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Σ a[offset + i]·b[i] for i < n. */
function dot(a: Float64Array, b: Float64Array, offset: number, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[offset + i] * b[i];
  return sum;
}

/** out[i] += alpha·a[offset + i] for i < n. */
function axpy(alpha: number, a: Float64Array, offset: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] += alpha * a[offset + i];
}
