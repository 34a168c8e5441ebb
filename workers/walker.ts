/**
 * The worker-thread entry: runs one walker round and sends the walker's z back by transfer.
 */
import { Piscina, transferableSymbol, valueSymbol } from 'piscina';
import { runRound } from '../src/walker/round.js';
import type { RoundTask } from '../src/walker/round.js';

export default async function walkerRound(task: RoundTask): Promise<unknown> {
  const result = await runRound(task);
  return Piscina.move({
    get [transferableSymbol]() {
      return [result.z.buffer];
    },
    get [valueSymbol]() {
      return result;
    },
  });
}
