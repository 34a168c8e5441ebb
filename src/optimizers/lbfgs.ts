/**
 * Limited-memory BFGS: the two-loop recursion over the last `history` curvature pairs, and a line
 * search that satisfies the strong Wolfe conditions (line-search.ts), as scipy's L-BFGS-B does;
 * with bounds, a projected L-BFGS that keeps every iterate and every trial in the box.
 */
import type { Differentiable } from '../types.js';
import { ddot } from '../kernels/ddot.js';
import { checkStepperBounds, projectedGradient, projectInto, type StepperBounds } from './bounds.js';
import { checkDimension, checkStepArguments } from './checks.js';
import { resolveLocalOptions, type LocalOptions } from './options.js';
import { maxFeasibleStep, StrongWolfeLineSearch } from './line-search.js';
import { checkStateMethod, decodeArray, decodeBoolean, decodeCount, decodeNumber, encodeArray, encodeNumber } from './state.js';
import type { Stepper, StepperState } from './stepper.js';

/**
 * One step = one line search along the L-BFGS direction. The value and gradient at the accepted
 * point are kept (and are part of the state), so a step costs only its line-search trials; the
 * first step, or a step from a z that differs from where the last one ended (a basin hop moved
 * it), evaluates z first. If you change f between steps at the same z, call `reset()`.
 *
 * - The line search starts at t = 1 and meets the strong Wolfe conditions, so accepted pairs have
 *   sᵀy > 0; a pair with sᵀy ≤ 0 (only after a search that ran out of trials and fell back on its
 *   lowest sufficient-decrease point) is skipped.
 * - If the direction is not a descent direction, the history is dropped and the step is steepest
 *   descent, scaled to length 1 (as L-BFGS-B's first step).
 * - If no trial lowers f enough within `maxLineSearch` trials, z stays where it is and the
 *   history is dropped, so that the next step is steepest descent.
 *
 * Nothing in it depends on the scale of f: multiplying f by c > 0 scales g and y by c and H by
 * 1/c, which leaves every direction, trial and decision as it was (with bounds too: the
 * projections look at signs of g and d only).
 *
 * With `bounds` (L-BFGS-B's problem, min f on lower ≤ z ≤ upper), the search happens in the box:
 * - z is projected into the box first; the stationarity test, `gradientNorm` and the two-loop
 *   recursion use the projected gradient (0 in the components that point out of the box at an
 *   active bound, see projectedGradient), so a minimum on a face counts as stationary;
 * - the direction d = −H·P_g(∇f) has its components zeroed at every active bound where either the
 *   gradient or d itself points out of the box, so the step moves in the free subspace and along
 *   the faces; if that d is not a descent direction (H mixes the free and active coordinates), the
 *   step falls back to −P_g(∇f), scaled to length 1;
 * - the line search runs along that d, capped at the largest step that stays in the box, with
 *   every trial P(z + t·d) (exactly z + t·d below the cap, with the face's coordinates set to
 *   their bounds at the cap). This is L-BFGS-B's own choice (its line search is Moré–Thuente's
 *   with stpmax at the first breakpoint), taken over a search along the bent projected path: on a
 *   straight segment φ(t) stays smooth, so the strong Wolfe conditions keep their meaning and
 *   still yield pairs with sᵀy > 0, and on the segment gᵀ(trial − z) is t·gᵀd, the slope Armijo's
 *   test uses. A search that reaches the cap with f still falling stops on the face
 *   ('boundary'); the next step sees that bound active. The price: a corner where k bounds
 *   become active takes up to k steps, one face each, where a projected path could reach it in
 *   one;
 * - a curvature pair is stored only when sᵀy > 0, as without bounds (a step that stopped on a
 *   face may not meet the curvature condition).
 *
 * `converged` is set when the step shows that the search is over: the gradient vanished, a search
 * from steepest descent found no decrease, or f fell by at most RELATIVE_DECREASE of itself (the
 * relative part of L-BFGS-B's `factr` test, without its absolute floor, so that it does not depend
 * on the scale of f). `gradientNorm` is ‖∇f‖ at z after the step.
 *
 * `lastValue` is f at z after the step (the accepted trial, or z itself when the search failed).
 * A step always makes at least one evaluation, even at a stationary point.
 *
 * @example
 * const stepper = new LBFGS(2, { history: 10 });
 * const z = Float64Array.of(-1.2, 1);
 * while (stepper.step(rosenbrock, z) > 0 && stepper.lastValue > 1e-20) {}
 * // In the box [−2, 0.5]²: z ends on the face z₀ = 0.5, every trial inside.
 * const boxed = new LBFGS(2, {}, { lower: Float64Array.of(-2, -2), upper: Float64Array.of(0.5, 0.5) });
 */
export class LBFGS implements Stepper {
  readonly method = 'lbfgs' as const;
  readonly dimension: number;
  readonly history: number;
  readonly maxLineSearch: number;
  readonly sufficientDecrease: number;
  readonly curvature: number;
  /** The box z is kept in, or null (see the class comment). */
  readonly bounds: StepperBounds | null;

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
  /** The projected gradient at x (g itself when there are no bounds); what the direction is built from. */
  private readonly pg: Float64Array;
  private value = NaN;
  private done = false;

  // Scratch buffers, preallocated so that a step allocates nothing.
  private readonly d: Float64Array;
  private readonly alpha: Float64Array;
  private readonly trial: Float64Array;
  private readonly trialGrad: Float64Array;
  private readonly lineSearch: StrongWolfeLineSearch;

  constructor(dimension: number, options: LocalOptions = {}, bounds: StepperBounds | null = null) {
    checkDimension(dimension);
    const o = resolveLocalOptions({ ...options, method: 'lbfgs' });
    this.dimension = dimension;
    this.bounds = checkStepperBounds(bounds, dimension);
    this.history = o.history;
    this.maxLineSearch = o.maxLineSearch;
    this.sufficientDecrease = o.sufficientDecrease;
    this.curvature = o.curvature;
    this.lineSearch = new StrongWolfeLineSearch({ sufficientDecrease: o.sufficientDecrease, curvature: o.curvature, maxTrials: o.maxLineSearch });
    this.s = new Float64Array(o.history * dimension);
    this.y = new Float64Array(o.history * dimension);
    this.rho = new Float64Array(o.history);
    this.alpha = new Float64Array(o.history);
    this.x = new Float64Array(dimension);
    this.g = new Float64Array(dimension);
    this.pg = this.bounds === null ? this.g : new Float64Array(dimension);
    this.d = new Float64Array(dimension);
    this.trial = new Float64Array(dimension);
    this.trialGrad = new Float64Array(dimension);
  }

  get lastValue(): number {
    return this.value;
  }

  get converged(): boolean {
    return this.done;
  }

  /** ‖∇f‖ at z, projected with bounds (0 at a minimum on a face). */
  get gradientNorm(): number {
    if (!this.hasPoint) return NaN;
    if (this.bounds === null) return Math.sqrt(ddot(this.dimension, this.g, 1, 0, this.g, 1, 0));
    this.pg.set(this.g);
    return Math.sqrt(projectedGradient(this.x, this.pg, this.bounds.lower, this.bounds.upper));
  }

  step(f: Differentiable, z: Float64Array): number {
    checkStepArguments(this.dimension, f, z);
    const n = this.dimension;
    const { x, g, pg, d, trial, trialGrad, bounds: box } = this;
    let evaluations = 0;
    if (!this.hasPoint || !sameVector(x, z)) {
      x.set(z);
      // As L-BFGS-B does with x0: the search starts from the start point's projection.
      if (box !== null && projectInto(x, box.lower, box.upper)) z.set(x);
      this.fx = f.evaluate(x, g);
      this.value = this.fx;
      this.hasPoint = true;
      evaluations++;
    }
    let gNorm = this.projectGradient();
    if (evaluations === 0 && !(gNorm > 0 && Number.isFinite(gNorm) && Number.isFinite(this.fx))) {
      // Nothing to search from the cached point. Evaluate it again rather than return 0, so that
      // a caller looping `while (used < budget) used += step(...)` always makes progress.
      this.fx = f.evaluate(x, g);
      this.value = this.fx;
      evaluations++;
      gNorm = this.projectGradient();
    }
    const f0 = this.fx;
    this.done = false;
    // At a stationary point, or after a fault, there is no direction to search.
    if (!Number.isFinite(f0) || !Number.isFinite(gNorm) || gNorm === 0) {
      this.done = gNorm === 0 && Number.isFinite(f0);
      return evaluations;
    }

    let slope = this.count > 0 ? this.twoLoopDirection() : NaN;
    const steepest = !(slope < 0) || !Number.isFinite(slope);
    if (steepest) {
      this.forgetHistory();
      // −P_g(∇f) never points out of the box at an active bound: it needs no zeroing.
      const scale = -1 / gNorm;
      for (let i = 0; i < n; i++) d[i] = scale * pg[i];
      slope = -gNorm;
    }

    const ls = this.lineSearch;
    const status = box === null ? ls.search(f, x, f0, slope, d, 1, trial, trialGrad) : ls.search(f, x, f0, slope, d, 1, trial, trialGrad, maxFeasibleStep(x, d, box), box);
    evaluations += ls.evaluations;
    if (status === 'failed') {
      this.forgetHistory();
      this.value = f0;
      this.done = steepest;
      return evaluations;
    }
    this.value = ls.value;
    this.done = f0 - ls.value <= RELATIVE_DECREASE * Math.max(Math.abs(f0), Math.abs(ls.value));
    this.accept(ls.value);
    z.set(x);
    return evaluations;
  }

  /** pg ← the projected gradient at x (pg is g without bounds); returns its norm. */
  private projectGradient(): number {
    const { x, g, pg, bounds: box, dimension: n } = this;
    if (box === null) return Math.sqrt(ddot(n, g, 1, 0, g, 1, 0));
    pg.set(g);
    return Math.sqrt(projectedGradient(x, pg, box.lower, box.upper));
  }

  /**
   * Writes the L-BFGS direction −H·pg into d (with bounds, zeroed at the active bounds it or the
   * gradient would leave through) and returns the slope gᵀd along it.
   */
  private twoLoopDirection(): number {
    const { s, y, rho, alpha, g, pg, d, history, dimension: n } = this;
    d.set(pg);
    let slot = this.head;
    for (let k = 0; k < this.count; k++) {
      slot = slot === 0 ? history - 1 : slot - 1;
      const a = rho[slot] * ddot(n, s, 1, slot * n, d, 1, 0);
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
      const b = rho[slot] * ddot(n, y, 1, slot * n, d, 1, 0);
      axpy(alpha[slot] - b, s, slot * n, d, n);
      slot = slot === history - 1 ? 0 : slot + 1;
    }
    const box = this.bounds;
    let slope = 0;
    for (let i = 0; i < n; i++) {
      d[i] = -d[i];
      if (box !== null) {
        const xi = this.x[i];
        // At the floor, a coordinate that d or −g would push down stays; at the ceiling, up.
        if ((xi <= box.lower[i] && (d[i] < 0 || g[i] > 0)) || (xi >= box.upper[i] && (d[i] > 0 || g[i] < 0))) d[i] = 0;
      }
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
      converged: this.done,
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
    // Absent in states written before the convergence test existed.
    const done = state.converged === undefined ? false : decodeBoolean(state.converged, 'state.converged');
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
    this.done = done;
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
    this.done = false;
  }
}

/** scipy's L-BFGS-B default factr·ε = 1e7 · 2.2e-16. */
export const RELATIVE_DECREASE = 1e7 * Number.EPSILON;

function sameVector(a: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** out[i] += alpha·a[offset + i] for i < n. */
function axpy(alpha: number, a: Float64Array, offset: number, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] += alpha * a[offset + i];
}
