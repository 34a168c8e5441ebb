/**
 * The worker-thread entry: runs one walker batch and sends the result back, the walker's new z by
 * transfer.
 */
import { Piscina, transferableSymbol, valueSymbol } from 'piscina';
import { runBatch } from '../src/walker/batch.js';
import type { BatchTask } from '../src/walker/batch.js';

export default async function walkerBatch(task: BatchTask): Promise<unknown> {
  const result = await runBatch(task);
  return Piscina.move({
    get [transferableSymbol]() {
      return [result.walker.z.buffer];
    },
    get [valueSymbol]() {
      return result;
    },
  });
}
