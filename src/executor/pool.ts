/**
 * Worker-thread executor on a piscina pool. Walker state goes out and comes back by transfer; the
 * data sit in SharedArrayBuffers. The Piscina type stays private: consumers without @types/node
 * would break on it in our declarations.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
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

  constructor(threads: number) {
    const { filename, execArgv } = workerEntry();
    this.pool = new Piscina({ filename, execArgv, minThreads: threads, maxThreads: threads, idleTimeout: Infinity });
  }

  async run(tasks: RoundTask[]): Promise<PromiseSettledResult<RoundResult>[]> {
    const pool = this.pool;
    // run() after destroy() would silently start new workers.
    if (pool === null) throw new Error('PoolExecutor: run() after close()');
    return Promise.allSettled(tasks.map((task) => pool.run(task, { transferList: [task.z.buffer as ArrayBuffer] }) as Promise<RoundResult>));
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool !== null) await pool.destroy();
  }
}
