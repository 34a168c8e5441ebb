/**
 * The contract shared by every local optimizer. A stepper updates z in place, one step at a time,
 * so that a walker can run K steps per round and hand its state back as plain JSON.
 */
import type { Differentiable } from '../types.js';
import type { StepperBounds } from './bounds.js';

export type LocalMethod = 'gd' | 'nesterov' | 'adam' | 'lbfgs' | 'levenberg-marquardt';

/** A sum of squared residuals, F(z) = Σ_j r_j(z)², for Levenberg–Marquardt. */
export interface LeastSquares extends Differentiable {
  readonly residualCount: number;
  /** out (length residualCount) ← r(z). */
  residuals(z: Float64Array, out: Float64Array): void;
  /** out (length dimension) ← ∂r_j/∂z. May rely on the preceding `residuals` call at the same z. */
  residualGradient(z: Float64Array, j: number, out: Float64Array): void;
}

/** Plain-JSON state of a stepper: numbers, strings, arrays and objects only. */
export interface StepperState {
  method: LocalMethod;
  [key: string]: unknown;
}

export interface Stepper {
  readonly method: LocalMethod;
  readonly dimension: number;
  /**
   * Takes one step on f from z, updating z in place. Returns the number of evaluations of f
   * (value and gradient) the step used.
   */
  step(f: Differentiable, z: Float64Array): number;
  /** f at the last point where the stepper evaluated it (NaN before the first step). */
  readonly lastValue: number;
  /**
   * The last step found nothing more to gain from this point: a local search with it is over
   * (see LBFGS). Steppers with a fixed step size leave that to the monitor and never set it.
   */
  readonly converged?: boolean;
  /** Steps the blow-up guard retried at half the rate in this local search, as carried in the state (fixed-step methods). */
  readonly retries?: number;
  /** ‖∇f‖ at the point z holds after the last step, where the stepper knows it (NaN otherwise). */
  readonly gradientNorm?: number;
  /** A plain-JSON snapshot; `setState(JSON.parse(JSON.stringify(getState())))` resumes exactly. */
  getState(): StepperState;
  setState(state: StepperState): void;
  /** Forgets all history (moments, curvature pairs, damping), as after construction. */
  reset(): void;
  /**
   * The box this stepper keeps z in, given at construction (see optimizers/bounds.ts): after every
   * step z lies inside it, and the gradient it acts on is the projected one. Absent or null: the
   * stepper ignores bounds, and a caller with bounds (walker/round.ts) clips z after each of its
   * steps instead, a fallback that keeps the iterates feasible but does not make the method aware
   * of the box (its line search and curvature pairs see the unclipped trial).
   */
  readonly bounds?: StepperBounds | null;
}

/**
 * True when `f` offers residuals, as Levenberg–Marquardt needs.
 *
 * @example
 * if (!isLeastSquares(f)) throw new Error('needs the squared loss');
 */
export function isLeastSquares(f: Differentiable): f is LeastSquares {
  const candidate = f as Partial<LeastSquares>;
  return (
    typeof candidate.residuals === 'function' &&
    typeof candidate.residualGradient === 'function' &&
    Number.isInteger(candidate.residualCount)
  );
}
