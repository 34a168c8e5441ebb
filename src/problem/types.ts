/** What users pass to `optimize()` and `createObjective()` as the problem. */
import type { LossSpec, ModelSpec, ObjectiveSpec } from '../types.js';
import type { MatrixInput } from './matrix-input.js';
import type { Reduction } from './resolved.js';

/** Train a model: minimize (1/m)·Σ_i ℓ(f(x_i; θ), y_i). */
export interface ModelProblem {
  model: ModelSpec;
  loss: LossSpec;
  data: { x: MatrixInput; y: MatrixInput };
  /** Mean or sum over samples. @default 'mean' */
  reduction?: Reduction;
}

/** Minimize a non-negative objective whose global minimum is 0. */
export interface ObjectiveProblem {
  objective: ObjectiveSpec;
}

export type Problem = ModelProblem | ObjectiveProblem;

/**
 * A validated problem in a form that crosses to worker threads: specs as plain data, x and y in
 * SharedArrayBuffers (shared, not copied). `id` is a content hash: the same problem gets the same id.
 */
export type PreparedProblem =
  | {
      kind: 'model';
      id: string;
      model: ModelSpec;
      loss: LossSpec;
      x: Float64Array;
      y: Float64Array;
      m: number;
      inputSize: number;
      outputSize: number;
      parameterCount: number;
      reduction: Reduction;
    }
  | { kind: 'objective'; id: string; objective: ObjectiveSpec; dimension: number };
