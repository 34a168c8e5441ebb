/** No augmentation: L̃ = L, z = θ. The baseline the augmented objectives are compared with. */
import type { AuxParts, EvaluationStats, Rng } from '../types.js';
import type { LeastSquares } from '../optimizers/stepper.js';
import type { ResolvedProblem } from '../problem/resolved.js';
import type { AugmentedObjective } from './augmented.js';
import { EMPTY } from './augmented.js';
import { OriginalLeastSquares, OriginalLoss } from './original.js';

export class NotAugmented implements AugmentedObjective {
  readonly augmentation = 'none' as const;
  readonly lambda = 0;
  readonly thetaSize: number;
  readonly dimension: number;
  readonly stats: EvaluationStats = { loss: NaN, augmentedLoss: NaN, aNorm: 0, auxNorm: 0, auxOutput: 0, residual: 0 };
  readonly leastSquares: LeastSquares | null;
  private readonly base: OriginalLoss;
  private readonly problem: ResolvedProblem;

  constructor(problem: ResolvedProblem) {
    this.problem = problem;
    this.base = new OriginalLoss(problem);
    this.thetaSize = this.base.dimension;
    this.dimension = this.thetaSize;
    this.leastSquares =
      problem.kind === 'model' && problem.squaredLoss ? new OriginalLeastSquares(problem, this.base) : null;
  }

  split(z: Float64Array): AuxParts {
    return { theta: z.subarray(0, this.thetaSize), a: EMPTY, b: EMPTY, W: EMPTY };
  }

  init(rng: Rng, z: Float64Array): void {
    const theta = z.subarray(0, this.thetaSize);
    if (this.problem.kind === 'model') this.problem.model.init(rng, theta);
    else this.problem.objective.init(rng, theta);
  }

  resetAux(): void {}

  restAux(): void {}

  wakeAux(): void {}

  evaluate(z: Float64Array, grad: Float64Array | null): number {
    const value = this.base.evaluate(z, grad);
    this.stats.loss = value;
    this.stats.augmentedLoss = value;
    return value;
  }
}
