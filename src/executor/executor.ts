/** Runs walker batches in worker threads or in-process; the coordinator does not care which. */
import type { BatchResult, BatchTask } from '../walker/batch.js';

/** Per-batch controls the coordinator may pass to run(); an executor may ignore what it cannot do. */
export interface RunOptions {
  /**
   * Aborting it gives up on the batch: the promise rejects, and an executor that can (the pool)
   * ends the thread running it, so a batch stuck in a user module's endless loop does not hold the
   * run or the process. The coordinator aborts a batch that overruns its watchdog or the stop
   * (coordinator/watchdog.ts); the batch is then counted as a worker fault.
   */
  signal?: AbortSignal;
}

export interface Executor {
  /**
   * Runs one batch. Rejects only when the batch was lost with its thread (a user module that calls
   * process.exit, say) or was aborted through `options.signal`; a round that throws comes back as
   * the result's `error`.
   */
  run(task: BatchTask, options?: RunOptions): Promise<BatchResult>;
  /**
   * Whether a batch costs a round trip to another thread. Then batches of many rounds pay off, and
   * walkers may run rounds ahead of the slowest one; in-process, each round runs when the run
   * needs it, and nothing is computed in vain.
   */
  readonly remote: boolean;
  /**
   * Batches wait in a queue shared with other runs and hosts (BullMQ): the time since a batch was
   * sent says nothing about whether it is stuck, so the coordinator gives it no per-batch watchdog
   * (BullMQ's stalled-job check stands in); HALT_GRACE_MS after the run stops still applies.
   */
  readonly queued?: boolean;
  /** Ends every thread. Safe to call more than once. */
  close(): Promise<void>;
}
