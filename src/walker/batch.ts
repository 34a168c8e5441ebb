/**
 * A batch: one walker advanced by up to `rounds` rounds in a row on one thread, with no word from
 * the coordinator in between. Rounds a walker runs past the round at which the run stops are thrown
 * away by the coordinator, so a batch ends early once it knows that round (the control's
 * STOP_ROUND, lowered by any walker that reaches the target or is certified).
 */
import { SliceOverrun } from '../executor/slice-guard.js';
import type { ErrorCode } from '../errors.js';
import { NoBadMinimaError } from '../errors.js';
import { attributeFault } from '../problem/source.js';
import type { PreparedProblem } from '../problem/types.js';
import { resumeStream } from '../rng.js';
import type { WalkerContext } from './advance.js';
import { advanceSteps, RewoundError, roundBudget } from './advance.js';
import { objectiveFor } from './objectives.js';
import type { PackedRecords } from './packed-records.js';
import { packRecords, RecordPacker } from './packed-records.js';
import { STOP_ROUND } from './round.js';
import type { WalkerState } from './state.js';

export interface BatchTask {
  problem: PreparedProblem;
  context: WalkerContext;
  /** The walker at the start of the batch; the batch owns it and advances it in place. */
  walker: WalkerState;
  /** Rounds to run at most. */
  rounds: number;
  /** The run's control array (walker/round.ts): HALT and STOP_ROUND, shared by every thread. */
  control: Int32Array;
  /** Date.now() at which the run's time limit expires (Infinity for none). */
  deadline: number;
}

/**
 * How a batch on the calling thread lets the event loop run: after every `sliceMs` of work it
 * awaits `wait()`. Only for a caller that runs one batch at a time (the in-process executor): the
 * round's stepper and objective are the thread's, shared by every batch on it.
 */
export interface Pause {
  sliceMs: number;
  wait(): Promise<void>;
  /**
   * Runs one slice (the in-process executor ends a slice that overruns the run's stop:
   * executor/slice-guard.ts). What it throws as SliceOverrun loses the batch: runBatch rejects.
   */
  run?: <T>(slice: () => T) => T;
}

/** A thrown error in a form that survives the trip between threads. */
export interface BatchError {
  name: string;
  message: string;
  code?: string;
  /** The error's field and details, for a fatal error only (see {@link FATAL_CODES}): plain data. */
  field?: string;
  details?: Record<string, unknown>;
}

/**
 * Codes of errors that stop the run at once, from whichever walker meets them first: the problem
 * is wrong everywhere (a gradient never written, a negative L under the scalar augmentation), so
 * retrying or resetting the walker would only burn the budget.
 */
export const FATAL_CODES: ReadonlySet<string> = new Set<ErrorCode>(['GRADIENT_NOT_WRITTEN', 'NEGATIVE_OBJECTIVE']);

/** The fatal error a batch reported, as the NoBadMinimaError to throw from optimize(); null for any other. */
export function fatalError(error: BatchError | null): NoBadMinimaError | null {
  if (error === null || error.code === undefined || !FATAL_CODES.has(error.code)) return null;
  return new NoBadMinimaError(error.code as ErrorCode, error.message, error.field, error.details ?? {});
}

export interface BatchResult {
  /** The walker after its last recorded round. */
  walker: WalkerState;
  /** One per round run, in order. */
  records: PackedRecords;
  /** What the round after the last record threw (a user module, say), or null. */
  error: BatchError | null;
  /** Milliseconds spent running the rounds, for pacing the next batch. */
  computeMs: number;
  /** Times the batch was lost with a remote worker and run again from its start (faults.worker). */
  restarts?: number;
}

/**
 * Runs the batch. It stops after `rounds` rounds, when the walker's share of the budget is spent,
 * after a round that stops the run or is interrupted, once the run's stop round is behind it, or
 * at a round that throws. With `pause`, it awaits pause.wait() between slices of its rounds.
 *
 * @example
 * const { records, walker } = await runBatch({ problem, context, walker: w, rounds: 10, control: createControl(), deadline: Infinity });
 * records.count; // 10, unless the walker reached the target or spent its share first
 */
export async function runBatch(task: BatchTask, pause?: Pause): Promise<BatchResult> {
  const w = task.walker;
  // Timed from after the await: a thread runs two batches at once (pool.ts), and the other one's
  // rounds run while this one waits for its objective.
  let started = performance.now();
  let packer: RecordPacker | null = null;
  let error: BatchError | null = null;
  let stream = null;
  try {
    const obj = await objectiveFor(task.problem, task.context.augmentation, task.context.lambda);
    started = performance.now();
    packer = new RecordPacker(task.rounds, obj.dimension);
    stream = resumeStream(w.rng);
    for (let k = 0; k < task.rounds; k++) {
      if (w.round + 1 > Atomics.load(task.control, STOP_ROUND) || roundBudget(w, task.context) < 1) break;
      const steps = advanceSteps(w, obj, stream, task.context, task.control, task.deadline, pause ? pause.sliceMs : Infinity);
      const slice = () => steps.next();
      let next = pause?.run ? pause.run(slice) : slice();
      while (!next.done) {
        await pause!.wait();
        next = pause!.run ? pause!.run(slice) : slice();
      }
      const rec = next.value;
      packer.push(rec);
      if (rec.stopsRun) lowerStopRound(task.control, rec.round);
      if (rec.stopsRun || rec.interrupted) break;
    }
    w.rng = stream.state();
  } catch (thrown) {
    // Terminated mid-round: nothing of the batch can be trusted, as when a thread is lost.
    if (thrown instanceof SliceOverrun) throw thrown;
    if (thrown instanceof RewoundError && thrown.original instanceof SliceOverrun) throw thrown.original;
    if (thrown instanceof RewoundError) {
      w.rng = thrown.rng;
      thrown = thrown.original;
    } else if (stream !== null) {
      w.rng = stream.state();
    }
    // Only the message crosses back from a worker: it must say whose code threw (issue 27).
    error = describeError(attributeFault(thrown, task.problem));
  }
  const records = packer === null ? packRecords([], w.z.length) : packer.finish();
  return { walker: w, records, error, computeMs: performance.now() - started };
}

/** STOP_ROUND ← min(STOP_ROUND, round), atomically. */
function lowerStopRound(control: Int32Array, round: number): void {
  for (let seen = Atomics.load(control, STOP_ROUND); round < seen; ) {
    const previous = Atomics.compareExchange(control, STOP_ROUND, seen, round);
    if (previous === seen) return;
    seen = previous;
  }
}

function describeError(thrown: unknown): BatchError {
  if (thrown instanceof NoBadMinimaError && FATAL_CODES.has(thrown.code)) {
    // Its details are numbers and strings (value, source), so they cross threads and JSON.
    return { name: thrown.name, message: thrown.message, code: thrown.code, ...(thrown.field !== undefined ? { field: thrown.field } : {}), details: { ...thrown.details } };
  }
  if (thrown instanceof Error) {
    const code = (thrown as { code?: unknown }).code;
    return { name: thrown.name, message: thrown.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(thrown) };
}
