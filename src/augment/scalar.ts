/**
 * Sohl-Dickstein–Kawaguchi scalar augmentation, for any L ≥ 0 whose global minimum is 0:
 * L̃(θ, a, b) = L(θ)·(1 + (a·e^b − 1)²) + λa².   z = [θ, a, b].
 */
import type { AuxParts, EvaluationStats, Rng } from '../types.js';
import type { ResolvedProblem } from '../problem/resolved.js';
import type { AugmentedObjective } from './augmented.js';
import { EMPTY, fillAux } from './augmented.js';
import { EXP_LIMIT, assertFinite, exponentOverflow } from './guard.js';
import { OriginalLoss } from './original.js';
import { describeValue, NoBadMinimaError } from '../errors.js';

/**
 * How far below 0 an L(θ) may be and still pass as rounding error, as from an objective with its
 * known minimum subtracted (L − L* for |L*| up to about 1e5). Anything lower is NEGATIVE_OBJECTIVE:
 * L̃ = L·(1 + (u − 1)²) + λa² has no lower bound in u when L < 0.
 */
export const NEGATIVE_TOLERANCE = 1e-10;

export class ScalarAugmented implements AugmentedObjective {
  readonly augmentation = 'scalar' as const;
  readonly lambda: number;
  readonly thetaSize: number;
  readonly dimension: number;
  readonly stats: EvaluationStats = { loss: NaN, augmentedLoss: NaN, aNorm: NaN, auxNorm: NaN, auxOutput: NaN, residual: NaN };
  /** L̃ is not kept as a sum of squares here; Levenberg–Marquardt does not apply. */
  readonly leastSquares = null;
  private readonly base: OriginalLoss;
  private readonly problem: ResolvedProblem;

  constructor(problem: ResolvedProblem, lambda: number) {
    this.problem = problem;
    this.base = new OriginalLoss(problem);
    this.lambda = lambda;
    this.thetaSize = this.base.dimension;
    this.dimension = this.thetaSize + 2;
  }

  split(z: Float64Array): AuxParts {
    const P = this.thetaSize;
    return { theta: z.subarray(0, P), a: z.subarray(P, P + 1), b: z.subarray(P + 1, P + 2), W: EMPTY };
  }

  init(rng: Rng, z: Float64Array, auxScale: number): void {
    const theta = z.subarray(0, this.thetaSize);
    if (this.problem.kind === 'model') this.problem.model.init(rng, theta);
    else this.problem.objective.init(rng, theta);
    this.resetAux(rng, z, auxScale);
  }

  resetAux(rng: Rng, z: Float64Array, auxScale: number): void {
    fillAux(rng, z, this.thetaSize, 1, auxScale);
  }

  restAux(z: Float64Array): void {
    z[this.thetaSize] = 1;
    z[this.thetaSize + 1] = 0;
  }

  wakeAux(z: Float64Array): void {
    z[this.thetaSize] = 0;
    z[this.thetaSize + 1] = 0;
  }

  evaluate(z: Float64Array, grad: Float64Array | null): number {
    const P = this.thetaSize;
    const a = z[P];
    const b = z[P + 1];
    if (b > EXP_LIMIT) exponentOverflow('exp(b)', b);
    const eb = Math.exp(b);
    const u = a * eb;
    const L = this.base.evaluate(z, grad);
    if (L < -NEGATIVE_TOLERANCE) this.negative(L);
    const factor = 1 + (u - 1) * (u - 1);
    const value = L * factor + this.lambda * a * a;
    if (grad) {
      for (let t = 0; t < P; t++) grad[t] *= factor;
      grad[P] = 2 * L * (u - 1) * eb + 2 * this.lambda * a;
      grad[P + 1] = 2 * L * (u - 1) * u;
    }
    const st = this.stats;
    st.loss = L;
    st.augmentedLoss = value;
    st.aNorm = Math.abs(a);
    st.auxNorm = Math.hypot(a, b);
    st.auxOutput = Math.abs(u);
    st.residual = Math.sqrt(L);
    assertFinite('augmented loss (scalar)', value, grad);
    return value;
  }

  /** Throws NEGATIVE_OBJECTIVE for L(θ) = `value` < 0: out of evaluate, which stays small. */
  private negative(value: number): never {
    const p = this.problem;
    const [field, source] = p.kind === 'objective' ? [p.objective.whose.field, p.objective.whose.source] : ['problem.loss', 'problem.loss'];
    throw new NoBadMinimaError(
      'NEGATIVE_OBJECTIVE',
      `${source}: expected L(θ) ≥ 0 for the scalar augmentation (the default for an objective problem: it needs L ≥ 0 with min L = 0), ` +
        `got L(θ) = ${describeValue(value)}; set augmentation: 'none' in the options, or subtract the known minimum from L so that min L = 0`,
      field,
      { value, source },
    );
  }
}
