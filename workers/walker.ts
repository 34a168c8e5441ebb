/**
 * The worker-thread entry: runs the rounds of a batch of walkers, one after another, and sends
 * their z back by transfer. One batch per thread per round: a walker finishing does not wait for
 * the main thread to wake up and send the next one.
 */
import { Piscina, transferableSymbol, valueSymbol } from 'piscina';
import { runBatch } from '../src/walker/batch.js';
import type { RoundTask } from '../src/walker/round.js';

export default async function walkerBatch(tasks: RoundTask[]): Promise<unknown> {
  const outcomes = await runBatch(tasks);
  return Piscina.move({
    get [transferableSymbol]() {
      return outcomes.flatMap((out) => (out.status === 'fulfilled' ? [out.value.z.buffer] : []));
    },
    get [valueSymbol]() {
      return outcomes;
    },
  });
}
