/**
 * L(θ) and ∇L(θ) of the original problem, with no augmentation: the mean (or sum) of the loss over
 * the data for a model problem, or the user's objective. Reused by the scalar augmentation.
 */
import type { Differentiable } from '../types.js';
import type { LeastSquares } from '../optimizers/stepper.js';
import type { ResolvedModelProblem, ResolvedProblem } from '../problem/resolved.js';
import { thetaSize } from '../problem/resolved.js';
import { ExactView } from '../modules/exact-view.js';
import { assertFinite } from './guard.js';

export class OriginalLoss implements Differentiable {
  readonly dimension: number;
  private readonly problem: ResolvedProblem;
  private readonly out: Float64Array;
  private readonly dOut: Float64Array;
  /** θ and ∇ as the model or objective sees them: exactly `dimension` entries of z and grad. */
  private readonly thetaView: ExactView;
  private readonly gradView: ExactView;

  constructor(problem: ResolvedProblem) {
    this.problem = problem;
    this.dimension = thetaSize(problem);
    this.thetaView = new ExactView(this.dimension, 'theta');
    this.gradView = new ExactView(this.dimension, 'grad');
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
   * (the augmented objectives pass theirs): the model or objective gets views of exactly θ's part
   * (issue 27), and only those entries of grad are written.
   */
  evaluate(z: Float64Array, grad: Float64Array | null): number {
    const p = this.problem;
    const theta = this.thetaView.of(z);
    let value: number;
    if (p.kind === 'objective') {
      const g = grad === null ? scratchFor(this.dimension) : this.gradView.of(grad);
      value = p.objective.evaluate(theta, g);
      assertFinite('objective.evaluate', value, grad);
      return value;
    }
    const dy = p.model.outputSize;
    p.model.forward(theta, p.x, p.m, this.out);
    const scale = p.reduction === 'mean' ? 1 / p.m : 1;
    value = scale * p.loss.evaluate(this.out, p.y, p.m, dy, grad ? this.dOut : null);
    if (grad) {
      for (let i = 0; i < this.dOut.length; i++) this.dOut[i] *= scale;
      p.model.backward(theta, p.x, p.m, this.dOut, this.gradView.of(grad));
    }
    assertFinite('model loss', value, grad);
    return value;
  }
}

let scratch = new Float64Array(0);
/** A gradient buffer for value-only calls to a user objective, whose contract always writes one. */
function scratchFor(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(n);
  return n === scratch.length ? scratch : scratch.subarray(0, n);
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
  private readonly thetaView: ExactView;

  constructor(problem: ResolvedModelProblem, base: OriginalLoss) {
    this.p = problem;
    this.base = base;
    this.dimension = problem.model.parameterCount;
    this.residualCount = problem.m * problem.model.outputSize;
    this.out = new Float64Array(this.residualCount);
    this.root = Math.sqrt(problem.reduction === 'mean' ? 1 / problem.m : 1);
    this.thetaView = new ExactView(this.dimension, 'theta');
  }

  evaluate(z: Float64Array, grad: Float64Array | null): number {
    return this.base.evaluate(z, grad);
  }

  residuals(z: Float64Array, out: Float64Array): void {
    this.p.model.forward(this.thetaView.of(z), this.p.x, this.p.m, this.out);
    for (let j = 0; j < this.residualCount; j++) out[j] = this.root * (this.out[j] - this.p.y[j]);
    this.cachedSample = -1;
  }

  residualGradient(z: Float64Array, j: number, out: Float64Array): void {
    const dy = this.p.model.outputSize;
    const i = Math.floor(j / dy);
    const k = j - i * dy;
    if (i !== this.cachedSample) {
      const dx = this.p.model.inputSize;
      this.cachedJacobian = this.p.model.jacobian(this.thetaView.of(z), this.p.x.subarray(i * dx, (i + 1) * dx)).to2DArray();
      this.cachedSample = i;
    }
    const row = this.cachedJacobian[k];
    for (let t = 0; t < this.dimension; t++) out[t] = this.root * row[t];
  }
}
