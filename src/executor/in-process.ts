/** `threads: 0`: every walker's round runs on the calling thread, one after another. */
import { runBatch } from '../walker/batch.js';
import type { RoundResult, RoundTask } from '../walker/round.js';
import type { Executor } from './executor.js';

export class InProcessExecutor implements Executor {
  run(tasks: RoundTask[]): Promise<PromiseSettledResult<RoundResult>[]> {
    return runBatch(tasks);
  }

  async close(): Promise<void> {}
}
