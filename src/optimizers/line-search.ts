/**
 * A line search that satisfies the strong Wolfe conditions (Nocedal & Wright, Numerical
 * Optimization, algorithms 3.5 and 3.6; the interpolation safeguards of scipy's
 * `scalar_search_wolfe2`). Quasi-Newton methods need the curvature condition, not only Armijo's:
 * it keeps every accepted pair's sᵀy > 0 and lets the step grow past t₀ when the direction is too
 * short, which backtracking alone cannot do.
 */
import { NoBadMinimaError } from '../errors.js';
import type { Differentiable } from '../types.js';
import type { StepperBounds } from './bounds.js';

export interface LineSearchOptions {
  /** Armijo constant c₁ in (0, 1). */
  sufficientDecrease: number;
  /** Curvature constant c₂ in (c₁, 1): |φ'(t)| ≤ c₂·|φ'(0)|. */
  curvature: number;
  /** Most evaluations one search makes, ≥ 1. */
  maxTrials: number;
}

/**
 * How a search ended. 'wolfe': both strong Wolfe conditions hold at the point left in the
 * stepper's trial buffers. 'boundary': the search reached its largest step (the box's face, see
 * `search`'s maxStep) with Armijo's condition met and f still falling there, and stopped on the
 * face (L-BFGS-B's "STP = STPMAX"). 'decrease': no trial met the curvature condition within the
 * budget, but the buffers hold the lowest trial that met Armijo's. 'failed': no trial lowered f
 * enough; the buffers hold nothing useful.
 */
export type LineSearchStatus = 'wolfe' | 'boundary' | 'decrease' | 'failed';

/** Bracket growth per extrapolation: as Moré–Thuente's default upper factor. */
const EXTRAPOLATION = 4;
/** A cubic (quadratic) interpolant must fall this fraction of the bracket inside it (scipy's δ₁, δ₂). */
const CUBIC_MARGIN = 0.2;
const QUADRATIC_MARGIN = 0.1;

/**
 * Searches t > 0 along d from x for φ(t) = f(x + t·d). Allocation-free: the trial point and its
 * gradient go into `trial` and `trialGrad`, and the lowest sufficient-decrease point seen is kept in
 * buffers of its own so that it can be restored when the budget runs out.
 *
 * With a box, t is capped at maxStep (the largest step that keeps x + t·d in the box, see
 * `maxFeasibleStep`) and a trial is P(x + t·d): for t ≤ maxStep that is x + t·d itself, except that
 * a coordinate whose breakpoint t reaches is set to its bound exactly, so that a step to the face
 * lands on it (rounding would leave it a hair inside, and the next step would crawl towards it).
 *
 * @example
 * const ls = new StrongWolfeLineSearch(2, { sufficientDecrease: 1e-4, curvature: 0.9, maxTrials: 20 });
 * const status = ls.search(f, x, fx, slope, d, 1, trial, trialGrad);
 * if (status !== 'failed') x.set(trial); // f(trial) = ls.value, after ls.evaluations calls
 */
export class StrongWolfeLineSearch {
  /** f at the point left in the trial buffers (the accepted step), after `search`. */
  value = NaN;
  /** The accepted step length t, after `search`. */
  step = 0;
  /** Evaluations the last search made. */
  evaluations = 0;

  private readonly options: LineSearchOptions;
  private readonly bestPoint: Float64Array;
  private readonly bestGrad: Float64Array;

  // The search's running context, set by search() and read by the helpers below.
  private f: Differentiable | null = null;
  private x: Float64Array;
  private d: Float64Array;
  private trial: Float64Array;
  private trialGrad: Float64Array;
  private box: StepperBounds | null = null;
  private f0 = 0;
  private slope0 = 0;
  private bestStep = 0;
  private bestValue = Infinity;

  constructor(dimension: number, options: LineSearchOptions) {
    this.options = options;
    this.bestPoint = new Float64Array(dimension);
    this.bestGrad = new Float64Array(dimension);
    this.x = this.d = this.trial = this.trialGrad = this.bestPoint;
  }

  /**
   * Runs one search from x (value f0, directional derivative slope0 < 0 along d) starting at
   * min(t0, maxStep), never beyond maxStep; with `box`, x must lie in it and maxStep must keep
   * x + t·d in it. Returns how it ended; `value`, `step` and `evaluations` describe it.
   */
  search(f: Differentiable, x: Float64Array, f0: number, slope0: number, d: Float64Array, t0: number, trial: Float64Array, trialGrad: Float64Array, maxStep = Infinity, box: StepperBounds | null = null): LineSearchStatus {
    this.f = f;
    this.box = box;
    this.x = x;
    this.d = d;
    this.trial = trial;
    this.trialGrad = trialGrad;
    this.f0 = f0;
    this.slope0 = slope0;
    this.bestStep = 0;
    this.bestValue = Infinity;
    this.evaluations = 0;
    const { sufficientDecrease: c1, curvature: c2, maxTrials } = this.options;

    let tPrev = 0;
    let fPrev = f0;
    let dPrev = slope0;
    let t = Math.min(t0, maxStep);
    while (this.evaluations < maxTrials) {
      const ft = this.evaluate(t);
      const dt = this.derivative();
      if (!Number.isFinite(ft) || ft > f0 + c1 * t * slope0 || (this.evaluations > 1 && ft >= fPrev)) {
        return this.zoom(tPrev, fPrev, dPrev, t, ft);
      }
      if (Math.abs(dt) <= -c2 * slope0) return this.accept(t, ft);
      if (dt >= 0) return this.zoom(t, ft, dt, tPrev, fPrev);
      // f still falls at the face: the line ends here, the curvature condition cannot be met on it.
      if (t >= maxStep) {
        this.accept(t, ft);
        return 'boundary';
      }
      tPrev = t;
      fPrev = ft;
      dPrev = dt;
      t = Math.min(t * EXTRAPOLATION, maxStep);
    }
    return this.fallback();
  }

  /**
   * Algorithm 3.6: shrinks [lo, hi] (lo: the lowest sufficient-decrease point so far, φ'(lo)·(hi −
   * lo) < 0) until a trial meets both conditions or the budget is spent.
   */
  private zoom(lo: number, fLo: number, dLo: number, hi: number, fHi: number): LineSearchStatus {
    const { sufficientDecrease: c1, curvature: c2, maxTrials } = this.options;
    const { f0, slope0 } = this;
    // The point dropped from the bracket last: the cubic fits it with lo and hi.
    let tRec = NaN;
    let fRec = NaN;
    while (this.evaluations < maxTrials) {
      const t = this.interpolate(lo, fLo, dLo, hi, fHi, tRec, fRec);
      if (t === lo || t === hi) break; // the bracket is below the resolution of doubles
      const ft = this.evaluate(t);
      if (!Number.isFinite(ft) || ft > f0 + c1 * t * slope0 || ft >= fLo) {
        tRec = hi;
        fRec = fHi;
        hi = t;
        fHi = ft;
        continue;
      }
      const dt = this.derivative();
      if (Math.abs(dt) <= -c2 * slope0) return this.accept(t, ft);
      if (dt * (hi - lo) >= 0) {
        tRec = hi;
        fRec = fHi;
        hi = lo;
        fHi = fLo;
      } else {
        tRec = lo;
        fRec = fLo;
      }
      lo = t;
      fLo = ft;
      dLo = dt;
    }
    return this.fallback();
  }

  /** A cubic through lo, hi and the dropped point, else a quadratic, else the bracket's middle. */
  private interpolate(lo: number, fLo: number, dLo: number, hi: number, fHi: number, tRec: number, fRec: number): number {
    const width = hi - lo;
    const left = Math.min(lo, hi);
    const right = Math.max(lo, hi);
    if (Number.isFinite(fHi)) {
      if (Number.isFinite(fRec)) {
        const c = cubicMinimizer(lo, fLo, dLo, hi, fHi, tRec, fRec);
        const margin = CUBIC_MARGIN * Math.abs(width);
        if (c > left + margin && c < right - margin) return c;
      }
      const q = quadraticMinimizer(lo, fLo, dLo, hi, fHi);
      const margin = QUADRATIC_MARGIN * Math.abs(width);
      if (q > left + margin && q < right - margin) return q;
    }
    return lo + 0.5 * width;
  }

  /**
   * φ(t), with trial ← x + t·d and trialGrad ← ∇f(trial); remembers the best Armijo point. A trial
   * that overflows (NUMERICAL_FAULT) is a step too far, like a non-finite value: the search shrinks
   * it instead of losing the walker's round.
   */
  private evaluate(t: number): number {
    const { x, d, trial, trialGrad, box } = this;
    for (let i = 0; i < x.length; i++) trial[i] = x[i] + t * d[i];
    if (box !== null) projectPath(x, d, t, box, trial);
    let ft: number;
    try {
      ft = this.f!.evaluate(trial, trialGrad);
    } catch (error) {
      if (!(error instanceof NoBadMinimaError && error.code === 'NUMERICAL_FAULT')) throw error;
      ft = NaN;
    }
    this.evaluations++;
    if (Number.isFinite(ft) && ft <= this.f0 + this.options.sufficientDecrease * t * this.slope0 && ft < this.bestValue) {
      this.bestValue = ft;
      this.bestStep = t;
      this.bestPoint.set(trial);
      this.bestGrad.set(trialGrad);
    }
    return ft;
  }

  /** φ'(t) at the last evaluated trial. */
  private derivative(): number {
    const { d, trialGrad } = this;
    let sum = 0;
    for (let i = 0; i < d.length; i++) sum += trialGrad[i] * d[i];
    return sum;
  }

  private accept(t: number, ft: number): LineSearchStatus {
    this.step = t;
    this.value = ft;
    return 'wolfe';
  }

  /** The budget ran out: fall back on the lowest point that met Armijo's condition, if any. */
  private fallback(): LineSearchStatus {
    if (this.bestStep === 0) {
      this.step = 0;
      this.value = this.f0;
      return 'failed';
    }
    this.trial.set(this.bestPoint);
    this.trialGrad.set(this.bestGrad);
    this.step = this.bestStep;
    this.value = this.bestValue;
    return 'decrease';
  }
}

/**
 * The largest t ≥ 0 with x + t·d in the box (x inside it): the first breakpoint along d, Infinity
 * when d meets no finite bound. Coordinates with d_i = 0 never limit it.
 *
 * @example
 * maxFeasibleStep(Float64Array.of(0, 0), Float64Array.of(2, -1), { lower: Float64Array.of(-1, -1), upper: Float64Array.of(1, 1) }); // 0.5
 */
export function maxFeasibleStep(x: Float64Array, d: Float64Array, box: StepperBounds): number {
  let t = Infinity;
  for (let i = 0; i < x.length; i++) {
    const di = d[i];
    if (di > 0) t = Math.min(t, (box.upper[i] - x[i]) / di);
    else if (di < 0) t = Math.min(t, (box.lower[i] - x[i]) / di);
  }
  return t;
}

/**
 * trial ← P(x + t·d), given trial = x + t·d: a coordinate whose breakpoint (computed as
 * maxFeasibleStep computes it) is at most t is set to its bound exactly; the rest is clipped, which
 * only corrects rounding when t ≤ maxFeasibleStep.
 */
function projectPath(x: Float64Array, d: Float64Array, t: number, box: StepperBounds, trial: Float64Array): void {
  const { lower, upper } = box;
  for (let i = 0; i < x.length; i++) {
    const di = d[i];
    if (di > 0 && (upper[i] - x[i]) / di <= t) trial[i] = upper[i];
    else if (di < 0 && (lower[i] - x[i]) / di <= t) trial[i] = lower[i];
    else if (trial[i] < lower[i]) trial[i] = lower[i];
    else if (trial[i] > upper[i]) trial[i] = upper[i];
  }
}

/**
 * Minimizer of the cubic through (a, fa) with slope fpa at a, (b, fb) and (c, fc); NaN when it has
 * none (the cubic is degenerate or has no local minimum).
 *
 * @example
 * cubicMinimizer(0, 0, -1, 1, 0, 2, 6); // 1/√3: the cubic x³ − x
 */
export function cubicMinimizer(a: number, fa: number, fpa: number, b: number, fb: number, c: number, fc: number): number {
  // f(x) = A(x−a)³ + B(x−a)² + fpa·(x−a) + fa
  const db = b - a;
  const dc = c - a;
  const denom = db * db * dc * dc * (db - dc);
  if (denom === 0 || !Number.isFinite(denom)) return NaN;
  const rb = fb - fa - fpa * db;
  const rc = fc - fa - fpa * dc;
  const A = (dc * dc * rb - db * db * rc) / denom;
  const B = (-dc * dc * dc * rb + db * db * db * rc) / denom;
  const radical = B * B - 3 * A * fpa;
  if (A === 0 || !(radical >= 0)) return NaN;
  return a + (-B + Math.sqrt(radical)) / (3 * A);
}

/**
 * Minimizer of the quadratic through (a, fa) with slope fpa at a and (b, fb); NaN when it opens
 * downwards.
 *
 * @example
 * quadraticMinimizer(0, 1, -2, 2, 1); // 1: the parabola (x − 1)²
 */
export function quadraticMinimizer(a: number, fa: number, fpa: number, b: number, fb: number): number {
  const db = b - a;
  const B = (fb - fa - fpa * db) / (db * db);
  if (!(B > 0)) return NaN;
  return a - fpa / (2 * B);
}
