/**
 * L(θ) and ∇L(θ) of the original problem, with no augmentation: the mean (or sum) of the loss over
 * the data for a model problem, or the user's objective. Reused by the scalar augmentation.
 */
import type { Differentiable } from '../types.js';
import type { LeastSquares } from '../optimizers/stepper.js';
import type { ResolvedModelProblem, ResolvedProblem } from '../problem/resolved.js';
import { thetaSize } from '../problem/resolved.js';
import { allFinite } from '../modules/theta-alone.js';
import { assertFinite } from './guard.js';

export class OriginalLoss implements Differentiable {
  readonly dimension: number;
  private readonly problem: ResolvedProblem;
  private readonly out: Float64Array;
  private readonly dOut: Float64Array;

  constructor(problem: ResolvedProblem) {
    this.problem = problem;
    this.dimension = thetaSize(problem);
    const width = problem.kind === 'model' ? problem.m * problem.model.outputSize : 0;
    this.out = new Float64Array(width);
    this.dOut = new Float64Array(width);
  }

  /** ∂L/∂f per sample and output (scaled by the reduction) of the last model evaluation with a gradient. */
  get residuals(): Float64Array {
    return this.dOut;
  }

  /**
   * Returns L(θ) and writes ∇L(θ) into grad when given. z and grad may be longer than `dimension`
   * (the augmented objectives pass theirs): the resolved problem's model and objective see θ's part
   * alone (modules/theta-alone.ts), and only those entries of grad are written. Throws
   * NUMERICAL_FAULT, naming the user's function when its output is what is not finite.
   */
  evaluate(z: Float64Array, grad: Float64Array | null): number {
    const p = this.problem;
    // The objective checks its own value and gradient.
    if (p.kind === 'objective') return p.objective.evaluate(z, grad);
    const dy = p.model.outputSize;
    p.model.forward(z, p.x, p.m, this.out);
    const scale = p.reduction === 'mean' ? 1 / p.m : 1;
    const value = scale * p.loss.evaluate(this.out, p.y, p.m, dy, grad ? this.dOut : null);
    if (grad) {
      for (let i = 0; i < this.dOut.length; i++) this.dOut[i] *= scale;
      p.model.backward(z, p.x, p.m, this.dOut, grad);
    }
    if (!allFinite(value, grad, this.dimension)) this.fault(value, grad);
    return value;
  }

  /** Throws the NUMERICAL_FAULT for a non-finite L or ∇L of a model problem, naming the model's method when it is the cause. */
  private fault(value: number, grad: Float64Array | null): never {
    const p = this.problem as ResolvedModelProblem;
    const cause = p.model.numericalFault(this.out, grad ? this.dOut : null, grad);
    if (cause !== null) throw cause;
    assertFinite('model loss', value, grad);
    throw new Error('OriginalLoss.fault: every value was finite');
  }
}

/**
 * The squared loss as a sum of squares, F(θ) = Σ_j r_j², with r_ik = √s·(f_k(x_i) − y_ik) and
 * s = 1/m or 1, so that F equals L exactly.
 */
export class OriginalLeastSquares implements LeastSquares {
  readonly dimension: number;
  readonly residualCount: number;
  private readonly p: ResolvedModelProblem;
  private readonly base: OriginalLoss;
  private readonly out: Float64Array;
  private readonly root: number;
  private cachedSample = -1;
  private cachedJacobian: number[][] = [];

  constructor(problem: ResolvedModelProblem, base: OriginalLoss) {
    this.p = problem;
    this.base = base;
    this.dimension = problem.model.parameterCount;
    this.residualCount = problem.m * problem.model.outputSize;
    this.out = new Float64Array(this.residualCount);
    this.root = Math.sqrt(problem.reduction === 'mean' ? 1 / problem.m : 1);
  }

  evaluate(z: Float64Array, grad: Float64Array | null): number {
    return this.base.evaluate(z, grad);
  }

  residuals(z: Float64Array, out: Float64Array): void {
    this.p.model.forward(z, this.p.x, this.p.m, this.out);
    for (let j = 0; j < this.residualCount; j++) out[j] = this.root * (this.out[j] - this.p.y[j]);
    this.cachedSample = -1;
  }

  residualGradient(z: Float64Array, j: number, out: Float64Array): void {
    const dy = this.p.model.outputSize;
    const i = Math.floor(j / dy);
    const k = j - i * dy;
    if (i !== this.cachedSample) {
      const dx = this.p.model.inputSize;
      this.cachedJacobian = this.p.model.jacobian(z, this.p.x.subarray(i * dx, (i + 1) * dx)).to2DArray();
      this.cachedSample = i;
    }
    const row = this.cachedJacobian[k];
    for (let t = 0; t < this.dimension; t++) out[t] = this.root * row[t];
  }
}
