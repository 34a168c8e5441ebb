/** `threads: 0`: every walker's round runs on the calling thread, one after another. */
import { runRound } from '../walker/round.js';
import type { RoundResult, RoundTask } from '../walker/round.js';
import type { Executor } from './executor.js';

export class InProcessExecutor implements Executor {
  async run(tasks: RoundTask[]): Promise<PromiseSettledResult<RoundResult>[]> {
    const out: PromiseSettledResult<RoundResult>[] = [];
    for (const task of tasks) {
      try {
        out.push({ status: 'fulfilled', value: await runRound(task) });
      } catch (reason) {
        out.push({ status: 'rejected', reason });
      }
    }
    return out;
  }

  async close(): Promise<void> {}
}
