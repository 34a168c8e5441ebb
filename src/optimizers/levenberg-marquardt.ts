/**
 * Levenberg–Marquardt through ml-levenberg-marquardt, one library iteration per step, with the
 * damping held here so that the whole state is a few numbers.
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';

import { invalid } from '../errors.js';
import type { Differentiable } from '../types.js';
import { checkDimension, checkStepArguments } from './checks.js';
import { MAX_DAMPING, MIN_DAMPING, resolveLocalOptions, type LocalOptions } from './options.js';
import { checkStateMethod, decodeCount, decodeNumber, encodeNumber, resumeMismatch } from './state.js';
import { isLeastSquares, type LeastSquares, type Stepper, type StepperState } from './stepper.js';

/**
 * The library fits model(x_j) to y_j. Here x_j = j indexes the residuals, y_j = 0 and
 * model(j) = r_j(z): its residual y − model is −r, whose square is ours, and its analytic Jacobian
 * (−∂model) gives the usual step z ← z − (JᵀJ + λI)⁻¹Jᵀr with J = ∂r/∂z.
 *
 * Each step is one call with `maxIterations: 1` and `errorTolerance: 0` (any strict decrease
 * counts; the library only stops early at an exact zero). The library keeps the better of z and
 * the trial point, so a step never raises F. The damping is then divided by `dampingStepDown`
 * if F fell and multiplied by `dampingStepUp` otherwise, within [1e-7, 1e7].
 *
 * A step evaluates the residuals twice (at z and at the trial point) and returns 2. `lastValue`
 * is F = Σ r_j² at z after the step. `f` must be a `LeastSquares`.
 *
 * @example
 * const stepper = new LevenbergMarquardt(3, { damping: 1e-2 });
 * for (let k = 0; k < 50; k++) stepper.step(curveFit, p);
 */
export class LevenbergMarquardt implements Stepper {
  readonly method = 'levenberg-marquardt' as const;
  readonly dimension: number;
  readonly initialDamping: number;
  readonly dampingStepUp: number;
  readonly dampingStepDown: number;
  private damping: number;
  private steps = 0;
  private value = NaN;

  // Per-call context of the closures below; they are built once, not per step.
  private current: LeastSquares | null = null;
  private residualCount = -1;
  private residualBuffer = new Float64Array(0);
  private indices: number[] = [];
  private zeros: number[] = [];
  private readonly point: Float64Array;
  private pointValid = false;
  private evaluations = 0;
  private firstError = NaN;
  private readonly gradientRow: Float64Array;
  private readonly jacobianRow: number[];

  private readonly residualAt = (j: number): number => (j < this.residualCount ? this.residualBuffer[j] : 0);

  private readonly jacobianAt = (j: number): number[] => {
    const row = this.jacobianRow;
    if (j >= this.residualCount) {
      row.fill(0);
      return row;
    }
    (this.current as LeastSquares).residualGradient(this.point, j, this.gradientRow);
    for (let i = 0; i < row.length; i++) row[i] = this.gradientRow[i];
    return row;
  };

  private readonly model = (params: number[]): ((j: number) => number) => {
    this.residualsAt(params);
    return this.residualAt;
  };

  private readonly jacobian = (params: number[]): ((j: number) => number[]) => {
    // residualGradient may rely on the residuals call at the same point, so make sure it was the last.
    this.residualsAt(params);
    return this.jacobianAt;
  };

  constructor(dimension: number, options: LocalOptions = {}) {
    checkDimension(dimension);
    const o = resolveLocalOptions({ ...options, method: 'levenberg-marquardt' });
    this.dimension = dimension;
    this.initialDamping = o.damping;
    this.dampingStepUp = o.dampingStepUp;
    this.dampingStepDown = o.dampingStepDown;
    this.damping = o.damping;
    this.point = new Float64Array(dimension);
    this.gradientRow = new Float64Array(dimension);
    this.jacobianRow = new Array<number>(dimension).fill(0);
  }

  get lastValue(): number {
    return this.value;
  }

  /** The damping λ the next step will use. */
  get currentDamping(): number {
    return this.damping;
  }

  step(f: Differentiable, z: Float64Array): number {
    checkStepArguments(this.dimension, f, z);
    if (!isLeastSquares(f)) {
      invalid(
        'options.local.method',
        this.method,
        'a method that fits the objective: levenberg-marquardt needs a least-squares objective (residuals and residualGradient, as the squared loss provides)',
      );
    }
    this.prepare(f.residualCount);
    this.current = f;
    this.pointValid = false;
    this.evaluations = 0;
    this.firstError = NaN;
    let parameterError: number;
    let parameterValues: number[];
    try {
      const data = { x: this.indices, y: this.zeros };
      ({ parameterError, parameterValues } = levenbergMarquardt(data, this.model, {
        initialValues: z,
        damping: this.damping,
        maxIterations: 1,
        errorTolerance: 0,
        jacobianFunction: this.jacobian,
      }));
    } finally {
      this.current = null;
      this.pointValid = false;
    }
    const improved = parameterError < this.firstError;
    if (improved) {
      z.set(parameterValues);
      this.damping = Math.max(this.damping / this.dampingStepDown, MIN_DAMPING);
      this.value = parameterError;
    } else {
      this.damping = Math.min(this.damping * this.dampingStepUp, MAX_DAMPING);
      this.value = this.firstError;
    }
    this.steps++;
    return this.evaluations;
  }

  /** Sizes the residual buffers; the library needs at least 2 data points, so pad with zeros. */
  private prepare(residualCount: number): void {
    if (residualCount === this.residualCount) return;
    if (!Number.isInteger(residualCount) || residualCount < 1) invalid('f.residualCount', residualCount, 'an integer >= 1');
    const padded = Math.max(residualCount, 2);
    this.residualCount = residualCount;
    this.residualBuffer = new Float64Array(residualCount);
    this.indices = Array.from({ length: padded }, (_, j) => j);
    this.zeros = new Array<number>(padded).fill(0);
  }

  private residualsAt(params: ArrayLike<number>): void {
    const point = this.point;
    if (this.pointValid && sameValues(point, params)) return;
    point.set(params);
    const r = this.residualBuffer;
    (this.current as LeastSquares).residuals(point, r);
    this.pointValid = true;
    this.evaluations++;
    if (this.evaluations === 1) {
      let sum = 0;
      for (let j = 0; j < r.length; j++) sum += r[j] * r[j];
      this.firstError = sum;
    }
  }

  getState(): StepperState {
    return { method: this.method, damping: this.damping, steps: this.steps, lastValue: encodeNumber(this.value) };
  }

  setState(state: StepperState): void {
    checkStateMethod(state, this.method);
    const damping = decodeNumber(state.damping, 'state.damping');
    if (!(damping >= MIN_DAMPING && damping <= MAX_DAMPING)) {
      resumeMismatch('state.damping', damping, `a number in [${MIN_DAMPING}, ${MAX_DAMPING}]`);
    }
    const steps = decodeCount(state.steps, 'state.steps');
    const value = decodeNumber(state.lastValue, 'state.lastValue');
    this.damping = damping;
    this.steps = steps;
    this.value = value;
  }

  reset(): void {
    this.damping = this.initialDamping;
    this.steps = 0;
    this.value = NaN;
  }
}

function sameValues(a: Float64Array, b: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
