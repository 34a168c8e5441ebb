/**
 * A problem with every spec turned into live objects: what the augmented objectives evaluate. Built
 * once per thread from a PreparedProblem (see prepare.ts), since functions cannot cross threads.
 */
import type { ExactModel, ExactObjective } from '../modules/theta-alone.js';
import type { Loss } from '../types.js';

/** How per-sample losses are combined: L = (1/m)·Σ ℓ ('mean') or Σ ℓ ('sum'). */
export type Reduction = 'mean' | 'sum';

export interface ResolvedModelProblem {
  kind: 'model';
  /** The model behind views of θ alone. */
  model: ExactModel;
  loss: Loss;
  /** True when the loss is the squared loss, so Levenberg–Marquardt applies. */
  squaredLoss: boolean;
  /** m × inputSize, row-major. */
  x: Float64Array;
  /** m × outputSize, row-major (class labels already one-hot). */
  y: Float64Array;
  m: number;
  reduction: Reduction;
}

export interface ResolvedObjectiveProblem {
  kind: 'objective';
  /** The objective behind views of θ alone, its value and gradient checked. */
  objective: ExactObjective;
}

export type ResolvedProblem = ResolvedModelProblem | ResolvedObjectiveProblem;

/** Size of θ for either kind of problem. */
export function thetaSize(problem: ResolvedProblem): number {
  return problem.kind === 'model' ? problem.model.parameterCount : problem.objective.dimension;
}
