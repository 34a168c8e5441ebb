/**
 * One round of one walker: up to `budget` evaluations of local descent on L̃, then one evaluation at
 * the end point for the monitor's statistics. A pure function of the task, so the result is the
 * same in a worker thread and in-process.
 */
import { NoBadMinimaError } from '../errors.js';
import type { AugmentedObjective } from '../augment/augmented.js';
import { augment } from '../augment/create.js';
import type { RoundStats } from '../monitor/divergence.js';
import { createStepper } from '../optimizers/create.js';
import type { ResolvedLocalOptions } from '../optimizers/options.js';
import type { Differentiable } from '../types.js';
import type { StepperState } from '../optimizers/stepper.js';
import { instantiate } from '../problem/instantiate.js';
import { Recent } from '../problem/recent.js';
import type { PreparedProblem } from '../problem/types.js';
import type { Augmentation } from '../types.js';

export interface RoundTask {
  problem: PreparedProblem;
  augmentation: Augmentation;
  lambda: number;
  local: ResolvedLocalOptions;
  /** Evaluations this walker may spend on steps this round (one more is spent on the end statistics). */
  budget: number;
  /** Stop the round early once L(θ) ≤ targetLoss (−Infinity for never). */
  targetLoss: number;
  z: Float64Array;
  /** null: start the stepper fresh. */
  stepper: StepperState | null;
  /** Cooperative stop flag: a non-zero first entry ends the round within 64 steps. */
  stop: Int32Array | null;
  /**
   * Date.now() at which the run's time limit expires (Infinity for none). Checked every few steps,
   * because in-process rounds run synchronously and no timer can set `stop` during them.
   */
  deadline: number;
}

export interface RoundFault {
  code: string;
  message: string;
}

export interface RoundResult {
  /** The walker's new point: a buffer of its own (task.z may be shared memory), free to transfer. */
  z: Float64Array;
  stepper: StepperState | null;
  evaluations: number;
  stats: RoundStats | null;
  /** A numerical fault (overflow, NaN) ended the round; z and stepper are as they were at the fault. */
  fault: RoundFault | null;
  interrupted: boolean;
}

/** The thread's most recent L̃s (bounded: each holds buffers the size of the data). */
const objectives = new Recent<Promise<AugmentedObjective>>(4);

/** The thread's L̃ for this problem and augmentation, built once. */
function objectiveFor(task: RoundTask): Promise<AugmentedObjective> {
  const key = `${task.problem.id}|${task.augmentation}|${task.lambda}`;
  return objectives.get(key, () => {
    const built = instantiate(task.problem).then((p) => augment(p, task.augmentation, task.lambda));
    // A failure (a user module that throws on import, say) is retried next round, not remembered.
    built.catch(() => objectives.delete(key));
    return built;
  });
}

export async function runRound(task: RoundTask): Promise<RoundResult> {
  const obj = await objectiveFor(task);
  // The steps write to a copy made on this thread. task.z was allocated on the main thread a few
  // hundred bytes from other walkers' buffers, which another thread may be writing every step: the
  // two could share cache lines.
  const z = task.z.slice();
  const P = obj.thetaSize;
  const start = z.slice(0, P);
  const stepper = createStepper(obj.dimension, task.local);
  if (task.stepper) stepper.setState(task.stepper);
  const f: Differentiable = task.local.method === 'levenberg-marquardt' ? requireLeastSquares(obj) : obj;
  let evaluations = 0;
  let interrupted = false;
  // No await from here on: the objective (and its stats) belongs to the thread, shared by every
  // walker the thread runs, so the round must not yield before its statistics are read.
  try {
    for (let steps = 1; evaluations < task.budget; steps++) {
      evaluations += stepper.step(f, z);
      if (obj.stats.loss <= task.targetLoss) break;
      // The stop flag is shared memory every thread polls; every 64 steps is soon enough.
      if ((steps & 63) === 0 && ((task.stop !== null && Atomics.load(task.stop, 0) !== 0) || Date.now() >= task.deadline)) {
        interrupted = true;
        break;
      }
    }
    const grad = new Float64Array(obj.dimension);
    obj.evaluate(z, grad);
    evaluations += 1;
    let gradSq = 0;
    let thetaGradSq = 0;
    for (let i = 0; i < grad.length; i++) {
      gradSq += grad[i] * grad[i];
      if (i < P) thetaGradSq += grad[i] * grad[i];
    }
    let stepSq = 0;
    let normSq = 0;
    for (let i = 0; i < P; i++) {
      stepSq += (z[i] - start[i]) ** 2;
      normSq += z[i] * z[i];
    }
    const stats: RoundStats = {
      ...obj.stats,
      gradNorm: Math.sqrt(gradSq),
      thetaGradNorm: Math.sqrt(thetaGradSq),
      thetaStep: Math.sqrt(stepSq),
      thetaNorm: Math.sqrt(normSq),
    };
    return { z, stepper: stepper.getState(), evaluations, stats, fault: null, interrupted };
  } catch (error) {
    if (error instanceof NoBadMinimaError && error.code === 'NUMERICAL_FAULT') {
      return { z, stepper: null, evaluations: Math.max(evaluations, 1), stats: null, fault: { code: error.code, message: error.message }, interrupted };
    }
    throw error;
  }
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
