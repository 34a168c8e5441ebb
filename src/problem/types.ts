/** What users pass to `optimize()` and `createObjective()` as the problem. */
import type { AdaptedObjective, ObjectiveFn, UserObjective } from '../objectives/user.js';
import type { StepperBounds } from '../optimizers/bounds.js';
import type { LossSpec, Model, ModelSpec, ObjectiveFunction, ObjectiveSpec } from '../types.js';
import type { BoundsSpec } from './bounds.js';
import type { MatrixInput } from './matrix-input.js';
import type { Reduction } from './resolved.js';

/** Train a model: minimize (1/m)·Σ_i ℓ(f(x_i; θ), y_i). */
export interface ModelProblem {
  /** A built-in spec, a module reference, or a Model object (run in-process). */
  model: ModelSpec | Model;
  loss: LossSpec;
  data: { x: MatrixInput; y: MatrixInput };
  /** Mean or sum over samples. @default 'mean' */
  reduction?: Reduction;
  /** A box for θ (see ObjectiveProblem.bounds). @default none */
  bounds?: BoundsSpec;
}

/**
 * Minimize an objective. Its global minimum should be 0 for the default scalar augmentation (which
 * needs L ≥ 0 with min L = 0); with `augmentation: 'none'` any objective bounded below will do.
 */
export interface ObjectiveProblem {
  /**
   * A function `(theta, gradOut) => L` (with `dimension`), an object `{ dimension, evaluate, init? }`
   * (both run in-process), a module reference `{ module, export, args }` (imported by every worker),
   * or a built-in `{ type: 'rastrigin' | 'safran-shamir', … }`.
   */
  objective: ObjectiveSpec | ObjectiveFn | UserObjective;
  /** Length of θ: needed for a function objective, optional where the objective says it. */
  dimension?: number;
  /**
   * `[low, high]` for every coordinate, or `[[low, high], …]` per coordinate (±Infinity allowed).
   * Bounds the initial draws, the hops and the local steps; the result lies inside.
   * @default none
   */
  bounds?: BoundsSpec;
  /**
   * false: the objective's evaluate takes θ alone and ∇L comes from central differences (scipy's
   * step rule), each costing 2·dimension more calls, all counted in `evaluations`.
   * @default true
   */
  gradient?: boolean;
}

export type Problem = ModelProblem | ObjectiveProblem;

/**
 * A validated problem in a form that crosses to worker threads: specs as plain data, x and y in
 * SharedArrayBuffers (shared, not copied). `id` is a content hash: the same problem gets the same id.
 * A problem from code (a function, an object, a Model object) carries it in `live` instead of a
 * spec; it cannot cross threads, so it runs in-process, and its id names that object.
 */
export type PreparedProblem =
  | {
      kind: 'model';
      id: string;
      model: ModelSpec | null;
      live?: Model;
      loss: LossSpec;
      x: Float64Array;
      y: Float64Array;
      m: number;
      inputSize: number;
      outputSize: number;
      parameterCount: number;
      reduction: Reduction;
      bounds: StepperBounds | null;
    }
  | {
      kind: 'objective';
      id: string;
      objective: ObjectiveSpec | null;
      live?: AdaptedObjective;
      dimension: number;
      bounds: StepperBounds | null;
      gradient: boolean;
      /** Calls of the user's objective per value-and-gradient evaluation: 1, or 1 + 2·dimension by differences. */
      evaluationCost: number;
    };

/** Whether the problem came from code (functions, objects) and so must run on the calling thread. */
export function runsInProcess(p: PreparedProblem): boolean {
  return p.live !== undefined;
}
