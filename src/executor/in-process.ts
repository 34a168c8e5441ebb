/** `threads: 0`: every walker's round runs on the calling thread, one after another. */
import { runClaimed } from '../walker/batch.js';
import type { RoundResult, RoundTask } from '../walker/round.js';
import type { Executor } from './executor.js';

export class InProcessExecutor implements Executor {
  async run(tasks: RoundTask[]): Promise<PromiseSettledResult<RoundResult>[]> {
    return (await runClaimed(tasks, null)).map(([, outcome]) => outcome);
  }

  async close(): Promise<void> {}
}
