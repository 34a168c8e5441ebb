/** Runs walker batches in worker threads or in-process; the coordinator does not care which. */
import type { BatchResult, BatchTask } from '../walker/batch.js';

export interface Executor {
  /**
   * Runs one batch. Rejects only when the batch was lost with its thread (a user module that calls
   * process.exit, say); a round that throws comes back as the result's `error`.
   */
  run(task: BatchTask): Promise<BatchResult>;
  /**
   * Whether a batch costs a round trip to another thread. Then batches of many rounds pay off, and
   * walkers may run rounds ahead of the slowest one; in-process, each round runs when the run
   * needs it, and nothing is computed in vain.
   */
  readonly remote: boolean;
  /** Ends every thread. Safe to call more than once. */
  close(): Promise<void>;
}
