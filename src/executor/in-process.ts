/** `threads: 0`: every batch runs on the calling thread, one after another. */
import { runBatch } from '../walker/batch.js';
import type { BatchResult, BatchTask } from '../walker/batch.js';
import type { Executor } from './executor.js';

export class InProcessExecutor implements Executor {
  readonly remote = false;

  run(task: BatchTask): Promise<BatchResult> {
    return runBatch(task);
  }

  async close(): Promise<void> {}
}
