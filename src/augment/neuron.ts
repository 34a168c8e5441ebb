/**
 * Kawaguchi–Kaelbling neuron augmentation: one exponential unit per output,
 * g_k(x) = a_k·exp(w_kᵀx + b_k), and L̃ = (1/m)·Σ_i ℓ(f(x_i;θ) + g(x_i), y_i) + λ‖a‖².
 *
 * z = [θ (P), a (dy), b (dy), W (dy × dx, row k = w_k)].
 */
import { groupRows } from './group-rows.js';
import type { AuxParts, EvaluationStats, Rng } from '../types.js';
import type { LeastSquares } from '../optimizers/stepper.js';
import type { ResolvedModelProblem } from '../problem/resolved.js';
import type { AugmentedObjective } from './augmented.js';
import { fillAux } from './augmented.js';
import { dgemmNT } from '../kernels/dgemm-nt.js';
import { dtranspose } from '../kernels/dtranspose.js';
import { EXP_LIMIT, assertFinite, exponentOverflow } from './guard.js';
import { OriginalLoss } from './original.js';
import { allFinite } from '../modules/theta-alone.js';

export class NeuronAugmented implements AugmentedObjective {
  readonly augmentation = 'neuron' as const;
  readonly lambda: number;
  readonly thetaSize: number;
  readonly dimension: number;
  readonly stats: EvaluationStats = { loss: NaN, augmentedLoss: NaN, aNorm: NaN, auxNorm: NaN, auxOutput: NaN, residual: NaN };
  readonly leastSquares: LeastSquares | null;

  private readonly p: ResolvedModelProblem;
  private readonly dx: number;
  private readonly dy: number;
  /** Model output f(x_i; θ), m × dy. */
  private readonly f: Float64Array;
  /** f + g, m × dy. */
  private readonly q: Float64Array;
  /** exp(w_kᵀx_i + b_k), m × dy. */
  private readonly e: Float64Array;
  /** ∂ℓ/∂q scaled by the reduction, m × dy. */
  private readonly r: Float64Array;
  /** r_ik·a_k·e_ik, transposed: dy × m, so that ∂L̃/∂W = (this)·X is one dgemmNT with Xᵀ. */
  private readonly areT: Float64Array;
  /** Xᵀ, dx × m (the data never change). */
  private readonly xT: Float64Array;
  /** Index of each sample's distinct input row, and the number of distinct rows. */
  private readonly group: Int32Array;
  private readonly groupCount: number;
  /** Per distinct input and output: the summed residual, groupCount × dy. */
  private readonly groupSum: Float64Array;
  /** Samples per distinct input. */
  private readonly groupSize: Float64Array;
  /** The last evaluation took evaluateResting's rest path with a gradient: completeResting may finish it. */
  private restedWithGradient = false;
  /** L(θ) and ∇L(θ) alone, for `evaluateResting`. */
  private readonly original: OriginalLoss;

  constructor(problem: ResolvedModelProblem, lambda: number) {
    this.p = problem;
    this.lambda = lambda;
    this.dx = problem.model.inputSize;
    this.dy = problem.model.outputSize;
    this.thetaSize = problem.model.parameterCount;
    this.dimension = this.thetaSize + this.dy * (2 + this.dx);
    const n = problem.m * this.dy;
    this.f = new Float64Array(n);
    this.q = new Float64Array(n);
    this.e = new Float64Array(n);
    this.r = new Float64Array(n);
    this.areT = new Float64Array(n);
    this.xT = new Float64Array(problem.m * this.dx);
    dtranspose(problem.m, this.dx, problem.x, 0, this.xT, 0);
    this.group = new Int32Array(problem.m);
    this.groupCount = groupRows(problem.x, problem.m, this.dx, this.group);
    this.groupSum = new Float64Array(this.groupCount * this.dy);
    this.groupSize = new Float64Array(this.groupCount);
    for (let i = 0; i < problem.m; i++) this.groupSize[this.group[i]] += 1;
    this.leastSquares = problem.squaredLoss ? new NeuronLeastSquares(this) : null;
    this.original = new OriginalLoss(problem);
  }

  split(z: Float64Array): AuxParts {
    const P = this.thetaSize;
    const dy = this.dy;
    return {
      theta: z.subarray(0, P),
      a: z.subarray(P, P + dy),
      b: z.subarray(P + dy, P + 2 * dy),
      W: z.subarray(P + 2 * dy, this.dimension),
    };
  }

  init(rng: Rng, z: Float64Array, auxScale: number): void {
    this.p.model.init(rng, z.subarray(0, this.thetaSize));
    this.resetAux(rng, z, auxScale);
  }

  resetAux(rng: Rng, z: Float64Array, auxScale: number): void {
    fillAux(rng, z, this.thetaSize, this.dy, auxScale);
  }

  restAux(z: Float64Array): void {
    z.fill(0, this.thetaSize, this.dimension);
  }

  wakeAux(z: Float64Array): void {
    z.fill(0, this.thetaSize, this.dimension);
  }

  /** Forward pass of model and unit into f, e and q; fills the stats' norms. */
  forward(z: Float64Array): void {
    const { x, m } = this.p;
    const { dx, dy, thetaSize: P, f, e, q } = this;
    // The model's own forward, with ExactModel's views: one frame fewer on the hot path.
    const model = this.p.model;
    model.own.forward(model.thetaOf(z), x, m, f);
    // e ← X·Wᵀ + b (the exponents), then exponentiated in place.
    dgemmNT(m, dy, dx, x, 0, z, P + 2 * dy, z, P + dy, e, 0);
    let outSq = 0;
    for (let i = 0, idx = 0; i < m; i++) {
      for (let k = 0; k < dy; k++, idx++) {
        const s = e[idx];
        if (s > EXP_LIMIT) exponentOverflow('exp(wᵀx + b)', s);
        const ei = Math.exp(s);
        const g = z[P + k] * ei;
        e[idx] = ei;
        q[idx] = f[idx] + g;
        outSq += g * g;
      }
    }
    let aSq = 0;
    for (let k = 0; k < dy; k++) aSq += z[P + k] * z[P + k];
    let auxSq = aSq;
    for (let t = P + dy; t < this.dimension; t++) auxSq += z[t] * z[t];
    const st = this.stats;
    st.aNorm = Math.sqrt(aSq);
    st.auxNorm = Math.sqrt(auxSq);
    st.auxOutput = Math.sqrt(outSq / (m * dy));
  }

  evaluate(z: Float64Array, grad: Float64Array | null): number {
    this.restedWithGradient = false;
    const { x, y, m, loss } = this.p;
    const { dx, dy, thetaSize: P, r, e } = this;
    this.forward(z);
    const scale = this.p.reduction === 'mean' ? 1 / m : 1;
    const st = this.stats;
    const value = scale * loss.evaluate(this.q, y, m, dy, grad ? r : null) + this.lambda * st.aNorm * st.aNorm;
    st.loss = scale * loss.evaluate(this.f, y, m, dy, null);
    st.augmentedLoss = value;
    if (grad) {
      for (let t = 0; t < r.length; t++) r[t] *= scale;
      const model = this.p.model;
      // The first calls through backward(), which checks that the model writes the gradient.
      if (model.probing) model.backward(z, x, m, r, grad);
      else model.own.backward(model.thetaOf(z), x, m, r, model.gradOf(grad));
      const areT = this.areT;
      for (let k = 0; k < dy; k++) {
        const a = z[P + k];
        let ga = 0;
        let gb = 0;
        for (let i = 0, idx = k, t = k * m; i < m; i++, idx += dy, t++) {
          const re = r[idx] * e[idx];
          const are = re * a;
          ga += re;
          gb += are;
          areT[t] = are;
        }
        grad[P + k] = ga + 2 * this.lambda * a;
        grad[P + dy + k] = gb;
      }
      // ∂L̃/∂w_k = Σ_i r_ik·a_k·e_ik·x_i for every k at once: (dy × m)·(m × dx).
      dgemmNT(dy, dx, m, areT, 0, this.xT, 0, null, 0, grad, P + 2 * dy);
      st.residual = this.groupedResidual(scale);
    } else {
      st.residual = NaN;
    }
    if (!allFinite(value, grad) || !Number.isFinite(st.loss)) this.fault(value, grad);
    return value;
  }

  /** Throws the NUMERICAL_FAULT for a non-finite L̃, L or ∇L̃: out of evaluate, which stays small. */
  private fault(value: number, grad: Float64Array | null): never {
    // The model's own output first, when it is the cause; then the augmented loss, then L.
    const cause = this.p.model.numericalFault(this.f, grad ? this.r : null, grad);
    if (cause !== null) throw cause;
    assertFinite('augmented loss (neuron)', value, grad);
    assertFinite('model loss', this.stats.loss, null);
    throw new Error('NeuronAugmented.fault: every value was finite');
  }

  /**
   * L̃ and ∂L̃/∂θ while the unit rests (a = 0, b = 0, W = 0: options.auxiliary 'dormant'), with the
   * auxiliary's gradient entries set to 0; what `evaluate` and then zeroing them gives, bit for bit.
   * At rest g ≡ 0, so q = f, L̃ = L and ∂L̃/∂θ = ∇L: the original loss alone, where `evaluate` also
   * runs the unit's two products, m exponentials and a second loss pass, all of whose extra output
   * the θ-only steps throw away (on deep-linear that made each evaluation about 15 % dearer than
   * plain gradient descent's). The statistics' residual is not computed (NaN); a z whose auxiliary
   * is not exactly at rest takes the full path.
   *
   * @example
   * obj.restAux(z);
   * obj.evaluateResting(z, grad) === obj.evaluate(z, null); // true; grad's auxiliary entries are 0
   */
  evaluateResting(z: Float64Array, grad: Float64Array | null): number {
    const P = this.thetaSize;
    for (let t = P; t < this.dimension; t++) {
      if (z[t] !== 0) {
        const value = this.evaluate(z, grad);
        if (grad) grad.fill(0, P);
        return value;
      }
    }
    // First, so that the original loss's finiteness check of grad sees no stale auxiliary entries.
    if (grad) grad.fill(0, P);
    this.restedWithGradient = false;
    const loss = this.original.evaluate(z, grad);
    // + λ·0², as `evaluate` adds it: x + 0 turns −0 into +0.
    const value = loss + this.lambda * 0 * 0;
    this.restedWithGradient = grad !== null;
    const st = this.stats;
    st.loss = loss;
    st.augmentedLoss = value;
    st.aNorm = 0;
    st.auxNorm = 0;
    st.auxOutput = 0;
    st.residual = NaN;
    return value;
  }

  /**
   * At rest e ≡ 1 and a = 0, so evaluate's sums reduce to ∂L̃/∂a_k = Σ_i r_ik (the same additions in
   * the same order) and ∂L̃/∂b_k = ∂L̃/∂w_k = 0, with r the original loss's residuals: the round's
   * closing statistics come from the search's last evaluation instead of one more full evaluation
   * (one per round on every neuron task).
   *
   * @example
   * obj.restAux(z);
   * obj.evaluateResting(z, grad);
   * obj.completeResting(grad); // true: grad and obj.stats are now evaluate(z, grad)'s
   */
  completeResting(grad: Float64Array): boolean {
    if (!this.restedWithGradient) return false;
    this.restedWithGradient = false;
    const { dy, thetaSize: P } = this;
    const m = this.p.m;
    const r = this.original.residuals;
    for (let k = 0; k < dy; k++) {
      let ga = 0;
      for (let i = 0, idx = k; i < m; i++, idx += dy) ga += r[idx];
      grad[P + k] = ga + 2 * this.lambda * 0;
    }
    grad.fill(0, P + dy);
    this.stats.residual = this.groupedResidual(this.p.reduction === 'mean' ? 1 / m : 1, r);
    return true;
  }

  /**
   * RMS over distinct inputs and outputs of the mean residual ∂ℓ/∂q per input; r holds the residuals
   * multiplied by the reduction's `scale`, which is divided out so the figure does not depend on m.
   */
  private groupedResidual(scale: number, r: Float64Array = this.r): number {
    const { dy, groupSum, groupSize, group } = this;
    groupSum.fill(0);
    for (let i = 0; i < group.length; i++) {
      const g = group[i] * dy;
      for (let k = 0; k < dy; k++) groupSum[g + k] += r[i * dy + k];
    }
    let sq = 0;
    for (let t = 0; t < groupSum.length; t++) {
      const mean = groupSum[t] / (scale * groupSize[Math.floor(t / dy)]);
      sq += mean * mean;
    }
    return Math.sqrt(sq / groupSum.length);
  }

  /** Accessors for the least-squares view; valid after `forward`. */
  get buffers(): { f: Float64Array; q: Float64Array; e: Float64Array } {
    return { f: this.f, q: this.q, e: this.e };
  }
  get problem(): ResolvedModelProblem {
    return this.p;
  }
}

/**
 * L̃ for the squared loss as a sum of squares: r_ik = √s·(q_ik − y_ik) for the data and √λ·a_k for
 * the regularizer, so that Σ r² = L̃ exactly.
 */
class NeuronLeastSquares implements LeastSquares {
  readonly dimension: number;
  readonly residualCount: number;
  private readonly n: NeuronAugmented;
  private readonly root: number;
  private readonly rootLambda: number;
  private cachedSample = -1;
  private cachedJacobian: number[][] = [];

  constructor(n: NeuronAugmented) {
    this.n = n;
    const p = n.problem;
    this.dimension = n.dimension;
    this.residualCount = p.m * p.model.outputSize + p.model.outputSize;
    this.root = Math.sqrt(p.reduction === 'mean' ? 1 / p.m : 1);
    this.rootLambda = Math.sqrt(n.lambda);
  }

  evaluate(z: Float64Array, grad: Float64Array | null): number {
    return this.n.evaluate(z, grad);
  }

  residuals(z: Float64Array, out: Float64Array): void {
    const p = this.n.problem;
    const dy = p.model.outputSize;
    this.n.forward(z);
    const { q } = this.n.buffers;
    const count = p.m * dy;
    for (let j = 0; j < count; j++) out[j] = this.root * (q[j] - p.y[j]);
    const P = this.n.thetaSize;
    for (let k = 0; k < dy; k++) out[count + k] = this.rootLambda * z[P + k];
    this.cachedSample = -1;
  }

  residualGradient(z: Float64Array, j: number, out: Float64Array): void {
    const p = this.n.problem;
    const dy = p.model.outputSize;
    const dx = p.model.inputSize;
    const P = this.n.thetaSize;
    out.fill(0);
    const count = p.m * dy;
    if (j >= count) {
      out[P + (j - count)] = this.rootLambda;
      return;
    }
    const i = Math.floor(j / dy);
    const k = j - i * dy;
    if (i !== this.cachedSample) {
      this.cachedJacobian = p.model.jacobian(z, p.x.subarray(i * dx, (i + 1) * dx)).to2DArray();
      this.cachedSample = i;
    }
    const row = this.cachedJacobian[k];
    for (let t = 0; t < P; t++) out[t] = this.root * row[t];
    const { e } = this.n.buffers;
    const re = this.root * e[j];
    const are = re * z[P + k];
    out[P + k] = re;
    out[P + dy + k] = are;
    const wk = P + 2 * dy + k * dx;
    for (let t = 0; t < dx; t++) out[wk + t] = are * p.x[i * dx + t];
  }
}
