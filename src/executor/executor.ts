/** Runs one round of every walker, in worker threads or in-process; the coordinator does not care which. */
import type { RoundResult, RoundTask } from '../walker/round.js';

export interface Executor {
  /** Runs the tasks; the outcomes come back in task order, failures as rejected entries. */
  run(tasks: RoundTask[]): Promise<PromiseSettledResult<RoundResult>[]>;
  /** Ends every thread. Safe to call more than once. */
  close(): Promise<void>;
}
