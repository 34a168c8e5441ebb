/**
 * One round of local descent on L̃: up to `budget` evaluations of the stepper, then one evaluation
 * at the end point for the monitor's statistics. A pure function of its inputs, so the result is
 * the same on any thread.
 */
import { NoBadMinimaError } from '../errors.js';
import type { AugmentedObjective } from '../augment/augmented.js';
import type { RoundStats } from '../monitor/divergence.js';
import type { StepperBounds } from '../optimizers/bounds.js';
import { projectedGradient, projectInto, sameBounds } from '../optimizers/bounds.js';
import { createStepper } from '../optimizers/create.js';
import type { ResolvedLocalOptions } from '../optimizers/options.js';
import { isLeastSquares } from '../optimizers/stepper.js';
import type { LeastSquares, Stepper, StepperState } from '../optimizers/stepper.js';
import type { Differentiable } from '../types.js';
import { LastEvaluation } from './last-evaluation.js';

/** Entries of the run's shared control array (an Int32Array on a SharedArrayBuffer). */
export const HALT = 0;
/** The round at which the run is known to stop; rounds after it are never used. */
export const STOP_ROUND = 1;
export const CONTROL_LENGTH = 2;

/** A fresh control array: not halted, no stop round known. */
export function createControl(): Int32Array {
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_LENGTH));
  control[STOP_ROUND] = 0x7fffffff;
  return control;
}

export interface RoundInput {
  local: ResolvedLocalOptions;
  /** Evaluations the steps may spend (one more is spent on the end statistics). */
  budget: number;
  /** Stop the round early once L(θ) ≤ targetLoss (−Infinity for never). */
  targetLoss: number;
  /**
   * End the round early once the stepper's gradient norm is at most this (the monitor's
   * gradientTolerance), or once the stepper reports that its search has converged: the monitor can
   * judge the point at once instead of after the rest of the round's budget.
   */
  gradientTolerance: number;
  /** The round's starting point; not written to. */
  z: Float64Array;
  /** null: start the stepper fresh. */
  stepper: StepperState | null;
  /**
   * The auxiliary rests: the steps descend L̃ in θ alone (the auxiliary's gradient is dropped); the
   * end-of-round statistics still use the full ∇L̃.
   */
  thetaOnly: boolean;
  /** The round's number: the round is abandoned once the control's stop round falls below it. */
  round: number;
  /** The run's control array (see HALT, STOP_ROUND), polled about every millisecond or step. */
  control: Int32Array;
  /**
   * Date.now() at which the run's time limit expires (Infinity for none). Checked with the control,
   * because in-process rounds run synchronously and no timer can set HALT during them.
   */
  deadline: number;
  /**
   * z's box (θ's bounds, the auxiliary free), or null/absent. A stepper that does not keep z in it
   * itself (Stepper.bounds) has z clipped after each of its steps; the end statistics use the
   * projected gradient, which is 0 at a minimum on the box's wall.
   */
  bounds?: StepperBounds | null;
  /** Calls of the user's objective per evaluation (1 + 2n for a gradient by differences). @default 1 */
  cost?: number;
}

export interface RoundFault {
  code: string;
  message: string;
}

export interface RoundResult {
  /** The walker's new point, in a buffer of its own. */
  z: Float64Array;
  stepper: StepperState | null;
  evaluations: number;
  stats: RoundStats | null;
  /** A numerical fault (overflow, NaN) ended the round; z and stepper are as they were at the fault. */
  fault: RoundFault | null;
  /** HALT, the deadline or the stop round cut the round short. */
  interrupted: boolean;
  /** The round ended because the local search converged (see RoundInput.gradientTolerance). */
  localConverged: boolean;
}

/** Milliseconds between polls of the control and the clock that a round aims at, at most. */
const POLL_MS = 1;
/** Steps between polls at most: cheap steps are polled in strides, so polling costs nothing. */
const MAX_POLL_STRIDE = 64;

/**
 * Runs one round on `obj`. No await: the objective's `stats` belong to the thread, so the round
 * must not yield before its statistics are read.
 *
 * @example
 * const r = runRound(obj, { local, budget: 100, targetLoss: -Infinity, gradientTolerance: 1e-6, z, stepper: null, round: 1, control: createControl(), deadline: Infinity });
 * r.evaluations; // 101
 */
export function runRound(obj: AugmentedObjective, input: RoundInput): RoundResult {
  const steps = roundSteps(obj, input, Infinity);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * runRound in slices: yields after each `sliceMs` of work, so that an in-process caller can let
 * the event loop run (timers, an abort signal) in the middle of a long round. Whoever drives it
 * must let nothing else use this thread's steppers or objective until it is done: the stepper's
 * state between slices lives in the shared stepper. The result is the same bits as runRound's.
 *
 * @example
 * const steps = roundSteps(obj, input, 10);
 * let next = steps.next();
 * while (!next.done) { await new Promise((r) => setImmediate(r)); next = steps.next(); }
 */
export function* roundSteps(obj: AugmentedObjective, input: RoundInput, sliceMs: number): Generator<void, RoundResult, void> {
  const z = input.z.slice();
  const P = obj.thetaSize;
  const bounds = input.bounds ?? null;
  const cost = input.cost ?? 1;
  const stepper = stepperFor(obj.dimension, input.local, bounds);
  // Kept feasible here where the stepper does not do it itself (levenberg-marquardt).
  const clip = bounds !== null && !stepper.bounds ? bounds : null;
  if (input.stepper) stepper.setState(input.stepper);
  else stepper.reset();
  const retriesBefore = stepper.retries ?? 0;
  // Levenberg–Marquardt also evaluates residuals, which set the objective's stats behind the
  // tracker's back: its rounds always end with an evaluation of their own.
  const lm = input.local.method === 'levenberg-marquardt';
  const last = lm ? null : trackerFor(obj.dimension, input.local);
  last?.reset();
  const full: Differentiable = lm ? requireLeastSquares(obj) : last!.track(obj);
  const block = input.thetaOnly ? thetaBlock(full, P, obj, last) : full;
  const { control, round } = input;
  // The deadline on the monotonic clock, read once: polls then cost one performance.now().
  const deadline = input.deadline === Infinity ? Infinity : performance.now() + (input.deadline - Date.now());
  const stopped = (now: number) => Atomics.load(control, HALT) !== 0 || Atomics.load(control, STOP_ROUND) < round || now >= deadline;
  // obj.stats as they were at the last yield, while no evaluation has come since: what runs on
  // this thread during a yield (another run on the same objective) may overwrite obj.stats.
  let statsAtYield: RoundStatsSource | null = null;
  let evaluations = 0;
  let interrupted = false;
  let localConverged = false;
  try {
    // Polled after every step while steps are slow, in strides of up to 64 once they take less
    // than POLL_MS: a stop then takes effect within about a millisecond or one step.
    let stride = 1;
    let nextPoll = 1;
    let lastPoll = performance.now();
    let sliceStart = lastPoll;
    for (let steps = 1; evaluations < input.budget; steps++) {
      statsAtYield = null;
      evaluations += cost * stepper.step(block, z);
      if (clip !== null) projectInto(z, clip.lower, clip.upper);
      if (obj.stats.loss <= input.targetLoss) break;
      if (stepper.converged === true || (stepper.gradientNorm ?? NaN) <= input.gradientTolerance) {
        localConverged = true;
        break;
      }
      if (steps < nextPoll) continue;
      let now = performance.now();
      if (stopped(now)) {
        interrupted = true;
        break;
      }
      if (now - sliceStart >= sliceMs) {
        statsAtYield = copyStats(obj.stats);
        yield;
        now = performance.now();
        sliceStart = now;
        if (stopped(now)) {
          interrupted = true;
          break;
        }
      }
      stride = now - lastPoll < POLL_MS ? Math.min(MAX_POLL_STRIDE, 2 * stride) : Math.max(1, stride >> 1);
      lastPoll = now;
      nextPoll = steps + stride;
    }
    const grad = new Float64Array(obj.dimension);
    let reused = false;
    if (last !== null && last.isAt(z)) {
      if (!last.resting || statsAtYield === null) {
        // grad and the stats are z's, from the search's own last evaluation.
        reused = reuse(obj, last, grad);
      } else {
        // The resting shortcut completes from the objective's internals, which a run that went on
        // during a yield may have overwritten: z is evaluated again instead. It is the same
        // evaluation, already counted; counting it again would make `evaluations` depend on when
        // the yields fell, and so on timing.
        obj.evaluate(z, grad);
        reused = true;
        statsAtYield = null;
      }
    }
    if (!reused) {
      obj.evaluate(z, grad);
      evaluations += cost;
    }
    const st = reused && statsAtYield !== null ? statsAtYield : obj.stats;
    if (bounds !== null) projectedGradient(z, grad, bounds.lower, bounds.upper);
    let gradSq = 0;
    let thetaGradSq = 0;
    for (let i = 0; i < grad.length; i++) {
      gradSq += grad[i] * grad[i];
      if (i < P) thetaGradSq += grad[i] * grad[i];
    }
    let stepSq = 0;
    let normSq = 0;
    for (let i = 0; i < P; i++) {
      stepSq += (z[i] - input.z[i]) ** 2;
      normSq += z[i] * z[i];
    }
    const stats: RoundStats = {
      loss: st.loss,
      augmentedLoss: st.augmentedLoss,
      aNorm: st.aNorm,
      auxNorm: st.auxNorm,
      auxOutput: st.auxOutput,
      residual: st.residual,
      gradNorm: Math.sqrt(gradSq),
      thetaGradNorm: Math.sqrt(thetaGradSq),
      thetaStep: Math.sqrt(stepSq),
      thetaNorm: Math.sqrt(normSq),
      stepRetries: (stepper.retries ?? 0) - retriesBefore,
    };
    return { z, stepper: stepper.getState(), evaluations, stats, fault: null, interrupted, localConverged };
  } catch (error) {
    if (error instanceof NoBadMinimaError && error.code === 'NUMERICAL_FAULT') {
      return { z, stepper: null, evaluations: Math.max(evaluations, 1), stats: null, fault: { code: error.code, message: error.message }, interrupted, localConverged: false };
    }
    throw error;
  }
}

/**
 * One stepper per thread, options object and dimension, reused round after round: building one
 * validates its options and allocates its buffers, which costs as much as a round of cheap steps
 * (a fifth of Example 1's round, measured). setState or reset then gives it exactly the state the
 * round starts from, so reuse does not change a bit of the result (the determinism tests across
 * thread counts, where walkers' rounds interleave differently on a shared stepper, would show it).
 */
const steppers = new WeakMap<ResolvedLocalOptions, Map<number, { stepper: Stepper; bounds: StepperBounds | null }>>();
/**
 * One tracker per thread, options object and dimension, as with the steppers: per options object
 * (that is, per run) because an in-process round yields mid-round (roundSteps), and another run's
 * round on this thread must not move the tracker under it.
 */
const trackers = new WeakMap<ResolvedLocalOptions, Map<number, LastEvaluation>>();

function trackerFor(dimension: number, local: ResolvedLocalOptions): LastEvaluation {
  let byDimension = trackers.get(local);
  if (byDimension === undefined) {
    byDimension = new Map();
    trackers.set(local, byDimension);
  }
  let tracker = byDimension.get(dimension);
  if (tracker === undefined) {
    tracker = new LastEvaluation(dimension);
    byDimension.set(dimension, tracker);
  }
  return tracker;
}

/** The objective's statistics that a round's RoundStats copy. */
type RoundStatsSource = Pick<AugmentedObjective['stats'], 'loss' | 'augmentedLoss' | 'aNorm' | 'auxNorm' | 'auxOutput' | 'residual'>;

function copyStats(st: RoundStatsSource): RoundStatsSource {
  return { loss: st.loss, augmentedLoss: st.augmentedLoss, aNorm: st.aNorm, auxNorm: st.auxNorm, auxOutput: st.auxOutput, residual: st.residual };
}

function stepperFor(dimension: number, local: ResolvedLocalOptions, bounds: StepperBounds | null): Stepper {
  let byDimension = steppers.get(local);
  if (byDimension === undefined) {
    byDimension = new Map();
    steppers.set(local, byDimension);
  }
  let entry = byDimension.get(dimension);
  // Bounds arrive as fresh copies with every batch sent to a worker: compared by value.
  if (entry === undefined || !sameBounds(entry.bounds, bounds)) {
    entry = { stepper: createStepper(dimension, local, 'options.local', bounds), bounds };
    byDimension.set(dimension, entry);
  }
  return entry.stepper;
}

/** Fills grad from the last evaluation at the round's end point; false when a full evaluation is needed. */
function reuse(obj: AugmentedObjective, last: LastEvaluation, grad: Float64Array): boolean {
  grad.set(last.grad);
  return !last.resting || obj.completeResting!(grad);
}

/**
 * f as a function of θ alone: the same value, the gradient with the auxiliary's entries set to 0,
 * so a stepper leaves the auxiliary (and its own state for it) where it is. A least-squares view
 * keeps its residuals and drops the auxiliary's Jacobian columns. When f is the objective itself and
 * it has a shortcut for its resting auxiliary (the neuron's), that gives the same bits cheaper.
 */
function thetaBlock(f: Differentiable, P: number, obj: AugmentedObjective, last: LastEvaluation | null): Differentiable {
  if (last !== null && obj.evaluateResting) {
    return {
      dimension: f.dimension,
      evaluate: (z, grad) => {
        last.invalidate();
        const value = obj.evaluateResting!(z, grad);
        if (grad !== null && obj.completeResting) last.record(z, grad, true);
        return value;
      },
    };
  }
  const evaluate = (z: Float64Array, grad: Float64Array | null): number => {
    const value = f.evaluate(z, grad);
    if (grad) grad.fill(0, P);
    return value;
  };
  if (!isLeastSquares(f)) return { dimension: f.dimension, evaluate };
  const block: LeastSquares = {
    dimension: f.dimension,
    residualCount: f.residualCount,
    evaluate,
    residuals: (z, out) => f.residuals(z, out),
    residualGradient: (z, j, out) => {
      f.residualGradient(z, j, out);
      out.fill(0, P);
    },
  };
  return block;
}

function requireLeastSquares(obj: AugmentedObjective): Differentiable {
  if (obj.leastSquares === null) {
    throw new NoBadMinimaError(
      'INVALID_INPUT',
      `options.local.method: expected a gradient method for this problem, got "levenberg-marquardt" (it needs the squared loss with augmentation 'neuron' or 'none')`,
      'options.local.method',
    );
  }
  return obj.leastSquares;
}
