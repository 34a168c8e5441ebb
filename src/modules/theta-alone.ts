/**
 * The one place where the package's vectors meet an objective's or a model's own code: the
 * augmentations evaluate at z = [θ, auxiliary], and every objective (module, object, function or
 * built-in) and every model sees θ and its gradient alone, as views of exactly their own size
 * (ExactView: no copy, one view per buffer). The resolved problem holds these wrappers
 * (problem/instantiate.ts), so nothing downstream makes views of its own.
 *
 * It is also where a non-finite value or gradient from that code is caught and named (issue 27):
 * which function, what it returned or wrote, and whose code it is, so that a user reads the cause in
 * faults.details and in ALL_WALKERS_FAULTED's message.
 *
 * And where a gradient that was never written is caught (issue 26): the first gradient
 * evaluations fill the gradient buffer with NaN before the user's code runs, and a buffer still all
 * NaN afterwards (with a finite value, or a finite dOut for a model) means the code did not write
 * it. After the first call that writes it, calls go straight through.
 */
import type { Matrix } from 'ml-matrix';
import { describeValue, NoBadMinimaError } from '../errors.js';
import type { StepperBounds } from '../optimizers/bounds.js';
import { projectInto } from '../optimizers/bounds.js';
import type { Model, ObjectiveFunction, Rng } from '../types.js';
import { ExactView } from './exact-view.js';

/**
 * Gradient evaluations in a row, from the first, that may leave the gradient all NaN before the
 * code is judged not to write it: two, so that code that wrote NaN everywhere at one unlucky first
 * point is a numerical fault (the walker is reset) rather than a stopped run.
 */
export const GRADIENT_PROBES = 2;

/** Whose code an objective or model runs, for messages: the field and how the source is named. */
export interface Whose {
  /** Where it sits in the user's input: 'problem.objective' or 'problem.model'. */
  field: string;
  /** 'problem.objective (export "f" of /abs/f.mjs)', 'problem.objective (function objective)', … */
  source: string;
}

/**
 * An objective behind views of exactly `dimension` entries, whose value and gradient are checked.
 * evaluate throws NUMERICAL_FAULT naming the objective (`whose`) and what was not finite.
 *
 * @example
 * const f = new ExactObjective(
 *   { dimension: 1, init() {}, evaluate: (x, g) => ((g[0] = 2 * x[0]), x[0] ** 2) },
 *   { field: 'problem.objective', source: 'problem.objective (function objective)' },
 *   true,
 * );
 * f.evaluate(Float64Array.of(3, 7, 8), new Float64Array(3)); // 9: the function saw θ = [3]
 */
export class ExactObjective {
  readonly dimension: number;
  private readonly thetaView: ExactView;
  private readonly gradView: ExactView;
  /** The gradient buffer of value-only calls, whose contract always writes one; made when first needed. */
  private scratch: Float64Array | null = null;
  /** Gradient calls are still checked for writing the gradient (until one does). */
  private probing: boolean;
  /** Checked gradient calls so far that left the gradient all NaN. */
  private unwritten = 0;

  constructor(
    private readonly objective: ObjectiveFunction,
    /** Whose code it is, as fault messages name it. */
    readonly whose: Whose,
    /** false: the user's evaluate takes θ alone and the gradient is by differences (for the messages). */
    private readonly gradient: boolean,
  ) {
    this.dimension = objective.dimension;
    this.thetaView = new ExactView(this.dimension, 'theta');
    this.gradView = new ExactView(this.dimension, 'gradOut');
    // By differences, the package writes the gradient itself.
    this.probing = gradient;
  }

  /** The objective's init on θ's part of `out`. Not through the views: they keep the hot path's buffers. */
  init(rng: Rng, out: Float64Array): void {
    this.objective.init(rng, exact(out, this.dimension));
  }

  /**
   * L(θ) for θ the first `dimension` entries of z, and ∇L(θ) into as many entries of grad when it
   * is given (the others are not touched).
   */
  evaluate(z: Float64Array, grad: Float64Array | null): number {
    if (this.probing && grad !== null) return this.probedEvaluate(z, grad);
    const n = this.dimension;
    const g = grad === null ? (this.scratch ?? (this.scratch = new Float64Array(n))) : this.gradView.of(grad);
    const value = this.objective.evaluate(this.thetaView.of(z), g);
    if (!Number.isFinite(value)) throw this.valueFault(value);
    if (grad !== null && !finiteEntries(g, n)) {
      const i = firstNonFinite(g, n);
      throw this.gradientFault(i, g[i]);
    }
    return value;
  }

  /** evaluate with the gradient filled with NaN first, to see that the user's code writes it. */
  private probedEvaluate(z: Float64Array, grad: Float64Array): number {
    const n = this.dimension;
    const g = this.gradView.of(grad);
    g.fill(NaN);
    const value = this.objective.evaluate(this.thetaView.of(z), g);
    if (!Number.isFinite(value)) throw this.valueFault(value);
    if (!allNaN(g, n)) this.probing = false;
    else if (++this.unwritten >= GRADIENT_PROBES) throw this.notWritten(value);
    if (!finiteEntries(g, n)) {
      const i = firstNonFinite(g, n);
      throw this.gradientFault(i, g[i], true);
    }
    return value;
  }

  private notWritten(value: number): NoBadMinimaError {
    const { field, source } = this.whose;
    return new NoBadMinimaError(
      'GRADIENT_NOT_WRITTEN',
      `${source}: expected evaluate(theta, gradOut) to write ∇L(θ) into gradOut, but in its first ${GRADIENT_PROBES} calls it returned a value ` +
        `(last ${describeValue(value)}) and left gradOut untouched (all ${this.dimension} entries still the NaN the package filled it with): ` +
        'write gradOut[i] = ∂L/∂θ_i for every i, or set gradient: false in the problem to have the gradient computed by central differences',
      field,
      { value, source },
    );
  }

  private valueFault(value: unknown): NoBadMinimaError {
    const call = this.gradient ? 'evaluate(theta, gradOut)' : 'evaluate(theta)';
    if (typeof value !== 'number') {
      // A broken module rather than a numerical fault: retrying elsewhere will not help.
      const field = `${this.whose.field}.evaluate`;
      return new NoBadMinimaError('INVALID_MODULE', `${field}: expected evaluate to return a number, got ${describeValue(value)} (${this.whose.source})`, field, { value, source: this.whose.source });
    }
    return numericalFault(this.whose, `${call} returned ${describeValue(value)}`, { value });
  }

  /** `probed`: gradOut was filled with NaN before the call, so a NaN there may be an entry left unwritten. */
  private gradientFault(index: number, value: number, probed = false): NoBadMinimaError {
    const unwritten = probed && Number.isNaN(value) ? ' (or left it unwritten: the package fills gradOut with NaN before its first calls, and evaluate must write every entry)' : '';
    const what = this.gradient
      ? `evaluate(theta, gradOut) wrote gradOut[${index}] = ${describeValue(value)}${unwritten}`
      : // evaluate(θ) was finite: a step of the central differences was not, or their quotient overflowed.
        `the central-difference gradient's entry ${index} is ${describeValue(value)} (evaluate(theta) at a difference step was not finite)`;
    return numericalFault(this.whose, what, { value, index });
  }
}

/**
 * A model behind views of exactly `parameterCount` entries of θ and of its gradient, with its init
 * clipped into θ's box when there is one.
 *
 * @example
 * const model = new ExactModel(userModel, { field: 'problem.model', source: 'problem.model (export "linear" of /abs/m.mjs)' }, null);
 * model.forward(z, x, m, out); // userModel.forward saw z's first parameterCount entries
 */
export class ExactModel implements Model {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly parameterCount: number;
  private readonly thetaView: ExactView;
  private readonly gradView: ExactView;
  /**
   * backward is still checked for writing the gradient (until a call does): a hot caller that
   * calls `own.backward` itself calls backward() instead while this is true.
   */
  probing: boolean;
  /** Checked backward calls so far that left the gradient all NaN. */
  private unwritten = 0;

  constructor(
    /** The model as given: call it only with thetaOf's and gradOf's views. */
    readonly own: Model,
    /** Whose code it is, as fault messages name it. */
    readonly whose: Whose,
    private readonly bounds: StepperBounds | null,
  ) {
    this.inputSize = own.inputSize;
    this.outputSize = own.outputSize;
    this.parameterCount = own.parameterCount;
    this.thetaView = new ExactView(this.parameterCount, 'theta');
    this.gradView = new ExactView(this.parameterCount, 'grad');
    this.probing = this.parameterCount > 0;
  }

  init(rng: Rng, theta: Float64Array): void {
    const part = exact(theta, this.parameterCount);
    this.own.init(rng, part);
    if (this.bounds !== null) projectInto(part, this.bounds.lower, this.bounds.upper);
  }

  /**
   * θ's part of z, and of a gradient, as the model is to see them: for a hot caller that calls
   * `own` itself. NeuronAugmented does: through forward() and backward() its L̃ cost 7–10 % more
   * in benchmarks/user-modules.ts (an extra frame that V8 stopped inlining), and nothing directly.
   */
  thetaOf(z: Float64Array): Float64Array {
    return this.thetaView.of(z);
  }
  gradOf(grad: Float64Array): Float64Array {
    return this.gradView.of(grad);
  }

  forward(theta: Float64Array, x: Float64Array, m: number, out: Float64Array): void {
    this.own.forward(this.thetaView.of(theta), x, m, out);
  }

  backward(theta: Float64Array, x: Float64Array, m: number, dOut: Float64Array, grad: Float64Array): void {
    if (this.probing) return this.probedBackward(theta, x, m, dOut, grad);
    this.own.backward(this.thetaView.of(theta), x, m, dOut, this.gradView.of(grad));
  }

  /** backward with the gradient filled with NaN first, to see that the model writes it. */
  private probedBackward(theta: Float64Array, x: Float64Array, m: number, dOut: Float64Array, grad: Float64Array): void {
    const n = this.parameterCount;
    const g = this.gradView.of(grad);
    g.fill(NaN);
    this.own.backward(this.thetaView.of(theta), x, m, dOut, g);
    if (!allNaN(g, n)) this.probing = false;
    // From a non-finite dOut, an all-NaN gradient may well be written: that call says nothing.
    else if (finiteEntries(dOut, dOut.length) && ++this.unwritten >= GRADIENT_PROBES) {
      const { field, source } = this.whose;
      throw new NoBadMinimaError(
        'GRADIENT_NOT_WRITTEN',
        `${source}: expected backward(theta, x, m, dOut, grad) to write the gradient Σ_i J_iᵀ dOut_i into grad, overwriting it, but in its first ` +
          `${GRADIENT_PROBES} calls it left grad untouched (all ${n} entries still the NaN the package filled it with): write grad[j] for every j < parameterCount`,
        field,
        { source },
      );
    }
  }

  jacobian(theta: Float64Array, xRow: Float64Array): Matrix {
    return this.own.jacobian(this.thetaView.of(theta), xRow);
  }

  /**
   * The fault to report when a loss or gradient built on this model's output came out non-finite,
   * if the model's own output is the cause: forward wrote a non-finite entry of `out`, or backward
   * wrote a non-finite entry of θ's gradient from a finite dOut. Null when the model's part was
   * finite (the loss or the augmentation overflowed). Only on the failure path: scanning `out` on
   * every evaluation would cost as much again as the loss.
   */
  numericalFault(out: Float64Array, dOut: Float64Array | null, grad: Float64Array | null): NoBadMinimaError | null {
    const i = firstNonFinite(out, out.length);
    if (i >= 0) return numericalFault(this.whose, `forward(theta, x, m, out) wrote out[${i}] = ${describeValue(out[i])}`, { value: out[i], index: i });
    if (grad === null || dOut === null || firstNonFinite(dOut, dOut.length) >= 0) return null;
    const j = firstNonFinite(grad, this.parameterCount);
    if (j >= 0) return numericalFault(this.whose, `backward(theta, x, m, dOut, grad) wrote grad[${j}] = ${describeValue(grad[j])}`, { value: grad[j], index: j });
    return null;
  }
}

/** Whether `value` and the first n entries of `v` (when given) are all finite. */
export function allFinite(value: number, v: Float64Array | null, n = v === null ? 0 : v.length): boolean {
  if (!Number.isFinite(value)) return false;
  return v === null || finiteEntries(v, n);
}

/** Whether the first n entries of v are finite: x·0 is 0 for a finite x and NaN otherwise, so one branch for all of them. */
function finiteEntries(v: Float64Array, n: number): boolean {
  let probe = 0;
  for (let i = 0; i < n; i++) probe += v[i] * 0;
  return probe === 0;
}

/** Whether the first n entries of v are all NaN (n ≥ 1): what a gradient filled with NaN and not written is. */
function allNaN(v: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (!Number.isNaN(v[i])) return false;
  return n > 0;
}

function firstNonFinite(v: Float64Array, n: number): number {
  for (let i = 0; i < n; i++) if (!Number.isFinite(v[i])) return i;
  return -1;
}

function numericalFault(whose: Whose, what: string, details: Record<string, unknown>): NoBadMinimaError {
  return new NoBadMinimaError('NUMERICAL_FAULT', `${whose.source}: ${what}`, whose.field, { ...details, source: whose.source });
}

/** The first n entries of v: v itself, or a view made now (for calls off the hot path). */
function exact(v: Float64Array, n: number): Float64Array {
  return v.length === n ? v : v.subarray(0, n);
}
