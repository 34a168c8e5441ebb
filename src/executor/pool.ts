/**
 * Worker-thread executor on a piscina pool. Walker state goes out in shared memory and comes back
 * by transfer; the data sit in SharedArrayBuffers. The Piscina type stays private: consumers
 * without @types/node would break on it in our declarations.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { ClaimedOutcome, ThreadShare } from '../walker/batch.js';
import type { RoundResult, RoundTask } from '../walker/round.js';
import type { Executor } from './executor.js';

/** The tasks with their points copied into one SharedArrayBuffer, which every thread reads in place. */
function inSharedMemory(tasks: RoundTask[]): RoundTask[] {
  const total = tasks.reduce((n, t) => n + t.z.length, 0);
  const board = new Float64Array(new SharedArrayBuffer(8 * total));
  let offset = 0;
  return tasks.map((t) => {
    const z = board.subarray(offset, offset + t.z.length);
    z.set(t.z);
    offset += t.z.length;
    return { ...t, z };
  });
}

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
   * Every thread gets the whole round and claims walkers from a shared counter: a thread that the
   * machine slows down runs fewer walkers instead of holding up the round. The walkers' points go
   * out in one SharedArrayBuffer (no copy per thread) and come back by transfer. A thread that dies
   * loses the walkers it had claimed: each is a rejected entry.
   */
  async run(tasks: RoundTask[]): Promise<PromiseSettledResult<RoundResult>[]> {
    const pool = this.pool;
    // run() after destroy() would silently start new workers.
    if (pool === null) throw new Error('PoolExecutor: run() after close()');
    const share: ThreadShare = { tasks: inSharedMemory(tasks), claim: new Int32Array(new SharedArrayBuffer(4)) };
    const threads = Math.min(this.threads, tasks.length);
    const settled = await Promise.allSettled(Array.from({ length: threads }, () => pool.run(share) as Promise<ClaimedOutcome[]>));
    const outcomes: Array<PromiseSettledResult<RoundResult> | undefined> = new Array(tasks.length);
    let lost: unknown = new Error('PoolExecutor: a walker was claimed by no thread');
    for (const out of settled) {
      if (out.status === 'rejected') lost = out.reason;
      else for (const [i, outcome] of out.value) outcomes[i] = outcome;
    }
    return Array.from(outcomes, (out) => out ?? { status: 'rejected', reason: lost });
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool !== null) await pool.destroy();
  }
}
