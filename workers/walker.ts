/**
 * The worker-thread entry: claims walkers from the round's shared counter and runs their rounds,
 * one after another, then sends the outcomes back with each new z by transfer. One message per
 * thread per round: a walker finishing does not wait for the main thread to wake up.
 */
import { Piscina, transferableSymbol, valueSymbol } from 'piscina';
import { runClaimed } from '../src/walker/batch.js';
import type { ThreadShare } from '../src/walker/batch.js';

export default async function walkerShare({ tasks, claim }: ThreadShare): Promise<unknown> {
  const outcomes = await runClaimed(tasks, claim);
  return Piscina.move({
    get [transferableSymbol]() {
      return outcomes.flatMap(([, out]) => (out.status === 'fulfilled' ? [out.value.z.buffer] : []));
    },
    get [valueSymbol]() {
      return outcomes;
    },
  });
}
