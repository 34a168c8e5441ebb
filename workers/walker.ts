/**
 * The worker-thread entry: runs one walker batch and sends the result back, the walker's new z and
 * the packed round records by transfer.
 */
import { Piscina, transferableSymbol, valueSymbol } from 'piscina';
import { runBatch } from '../src/walker/batch.js';
import type { BatchTask } from '../src/walker/batch.js';
import { packedBuffers } from '../src/walker/packed-records.js';

export default async function walkerBatch(task: BatchTask): Promise<unknown> {
  const result = await runBatch(task);
  return Piscina.move({
    get [transferableSymbol]() {
      return [result.walker.z.buffer, ...packedBuffers(result.records)];
    },
    get [valueSymbol]() {
      return result;
    },
  });
}
