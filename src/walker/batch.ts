/**
 * Several walkers' rounds in sequence on one thread. Each walker's outcome stands alone: one that
 * throws is a rejected entry, and the others still run.
 */
import { runRound } from './round.js';
import type { RoundResult, RoundTask } from './round.js';

export async function runBatch(tasks: RoundTask[]): Promise<PromiseSettledResult<RoundResult>[]> {
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

/**
 * Splits `count` walkers into at most `parts` contiguous batches whose sizes differ by at most one.
 *
 * @example
 * batchBounds(8, 3); // [[0, 3], [3, 6], [6, 8]]
 */
export function batchBounds(count: number, parts: number): Array<[number, number]> {
  const n = Math.min(count, parts);
  const bounds: Array<[number, number]> = [];
  for (let k = 0, start = 0; k < n; k++) {
    const size = Math.floor(count / n) + (k < count % n ? 1 : 0);
    bounds.push([start, start + size]);
    start += size;
  }
  return bounds;
}
