/**
 * A thread's share of a round: it claims walkers one at a time from a counter that every thread of
 * the pool shares, and runs each claimed walker's round. A thread that runs slow (these virtual
 * CPUs often do, for seconds at a time) simply claims fewer walkers, where a fixed split would make
 * the whole round wait for it. Each walker's outcome stands alone: one that throws is a rejected
 * entry, and the others still run.
 */
import { runRound } from './round.js';
import type { RoundResult, RoundTask } from './round.js';

/** What each thread of the pool receives for a round: every walker's task and the shared counter. */
export interface ThreadShare {
  tasks: RoundTask[];
  claim: Int32Array;
}

/** The outcome of one claimed walker, with its index in the round's task list. */
export type ClaimedOutcome = [index: number, outcome: PromiseSettledResult<RoundResult>];

/**
 * Runs the rounds of the walkers this thread claims: `Atomics.add(claim, 0, 1)` hands out the next
 * unclaimed index until none is left. With `claim` null every task is this thread's.
 *
 * @example
 * const claim = new Int32Array(new SharedArrayBuffer(4));
 * // In each of two threads, with the same tasks and the same claim:
 * const mine = await runClaimed(tasks, claim); // e.g. [[0, …], [2, …], [3, …]]
 */
export async function runClaimed(tasks: RoundTask[], claim: Int32Array | null): Promise<ClaimedOutcome[]> {
  const out: ClaimedOutcome[] = [];
  for (let next = 0; ; next++) {
    const i = claim === null ? next : Atomics.add(claim, 0, 1);
    if (i >= tasks.length) return out;
    try {
      out.push([i, { status: 'fulfilled', value: await runRound(tasks[i]) }]);
    } catch (reason) {
      out.push([i, { status: 'rejected', reason }]);
    }
  }
}
