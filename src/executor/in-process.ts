/**
 * `threads: 0`: every batch runs on the calling thread, one after another. Between batches, and
 * every SLICE_MS within a long round, it yields to the event loop (setImmediate), so that timers,
 * an abort signal and I/O run while the optimization does: the abort listener sets the control's
 * HALT, which the round polls. What it cannot do cooperatively is preempt a user module that never
 * returns from evaluate: with a time limit, a slice of user code still running HALT_GRACE_MS after
 * the deadline is terminated (slice-guard.ts) and the batch is lost, as a pool's thread would be;
 * without one, nothing on this thread can stop it (use worker threads for untrusted modules).
 */
import { WATCHDOG_FLOOR_MS, HALT_GRACE_MS } from '../coordinator/watchdog.js';
import { problemSource } from '../problem/source.js';
import { runsInProcess } from '../problem/types.js';
import { runBatch } from '../walker/batch.js';
import type { BatchResult, BatchTask, Pause } from '../walker/batch.js';
import type { Executor, RunOptions } from './executor.js';
import { runGuarded, SliceOverrun } from './slice-guard.js';

/** Milliseconds of work between yields to the event loop. */
const SLICE_MS = 10;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class InProcessExecutor implements Executor {
  readonly remote = false;
  /** The batch running or last queued: batches share the thread's steppers, so they take turns. */
  private tail: Promise<unknown> = Promise.resolve();
  private readonly pause: Pause = { sliceMs: SLICE_MS, wait: yieldToLoop };

  run(task: BatchTask, options: RunOptions = {}): Promise<BatchResult> {
    const { signal } = options;
    const result = this.tail.then(async () => {
      await yieldToLoop();
      if (signal?.aborted) throw new Error('InProcessExecutor: batch aborted before it started');
      try {
        return await runBatch(task, this.pauseFor(task));
      } catch (error) {
        // One turn of the event loop first: the deadline's timer, due by now, sets HALT, so the
        // coordinator takes the lost batch for one lost after the stop and settles the run.
        if (error instanceof SliceOverrun) await yieldToLoop();
        throw error;
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Slices of user code in a run with a deadline are guarded: each may run until HALT_GRACE_MS
   * past the deadline (a walker's first round, WATCHDOG_FLOOR_MS more, as the pool's first batches
   * get more: a time limit lets the first round finish).
   */
  private pauseFor(task: BatchTask): Pause {
    if (!Number.isFinite(task.deadline) || (problemSource(task.problem) === null && !runsInProcess(task.problem))) return this.pause;
    const giveUpAt = task.deadline + HALT_GRACE_MS + (task.walker.round === 0 ? WATCHDOG_FLOOR_MS : 0);
    return {
      ...this.pause,
      run: (slice) => runGuarded(slice, giveUpAt - Date.now(), `in-process, walker ${task.walker.index}'s round ${task.walker.round + 1} (user code)`),
    };
  }

  async close(): Promise<void> {}
}
