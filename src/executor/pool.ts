/**
 * Worker-thread executor on a piscina pool. Walker state goes out and comes back by transfer; the
 * data sit in SharedArrayBuffers. The Piscina type stays private: consumers without @types/node
 * would break on it in our declarations.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { batchBounds } from '../walker/batch.js';
import type { RoundResult, RoundTask } from '../walker/round.js';
import type { Executor } from './executor.js';

/** The compiled worker beside dist/src, or the TypeScript source run through tsx (tests, examples). */
function workerEntry(): { filename: string; execArgv: string[] } {
  const compiled = new URL('../../workers/walker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return { filename: compiled.href, execArgv: [] };
  const source = new URL('../../workers/walker.ts', import.meta.url);
  return { filename: source.href, execArgv: ['--import', 'tsx'] };
}

export class PoolExecutor implements Executor {
  private pool: Piscina | null;
  private readonly threads: number;

  constructor(threads: number) {
    const { filename, execArgv } = workerEntry();
    this.threads = threads;
    this.pool = new Piscina({ filename, execArgv, minThreads: threads, maxThreads: threads, idleTimeout: Infinity });
  }

  /**
   * One batch of contiguous walkers per thread. A task per walker would make each thread wait, after
   * every walker, for the main thread (which shares the cores with the workers) to wake up and
   * send the next one. A thread that dies loses its whole batch: every walker in it is a rejected entry.
   */
  async run(tasks: RoundTask[]): Promise<PromiseSettledResult<RoundResult>[]> {
    const pool = this.pool;
    // run() after destroy() would silently start new workers.
    if (pool === null) throw new Error('PoolExecutor: run() after close()');
    const batches = batchBounds(tasks.length, this.threads).map(([from, to]) => tasks.slice(from, to));
    const settled = await Promise.allSettled(
      batches.map(
        (batch) =>
          pool.run(batch, { transferList: batch.map((task) => task.z.buffer as ArrayBuffer) }) as Promise<PromiseSettledResult<RoundResult>[]>,
      ),
    );
    return settled.flatMap((out, k) => (out.status === 'fulfilled' ? out.value : batches[k].map(() => ({ status: 'rejected' as const, reason: out.reason }))));
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool !== null) await pool.destroy();
  }
}
