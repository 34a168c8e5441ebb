/**
 * Worker-thread executor on a piscina pool: one task per walker batch, so a thread that finishes
 * a batch takes the next one queued, whichever walker it belongs to, without waiting for the
 * others. The walker's z goes out and comes back by transfer; the data sit in SharedArrayBuffers.
 * The Piscina type stays private: consumers without @types/node would break on it in our
 * declarations.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { BatchResult, BatchTask } from '../walker/batch.js';
import type { Executor, RunOptions } from './executor.js';

/** The compiled worker beside dist/src, or the TypeScript source run through tsx (tests, examples). */
function workerEntry(): { filename: string; execArgv: string[] } {
  const compiled = new URL('../../workers/walker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return { filename: compiled.href, execArgv: [] };
  const source = new URL('../../workers/walker.ts', import.meta.url);
  return { filename: source.href, execArgv: ['--import', 'tsx'] };
}

export class PoolExecutor implements Executor {
  readonly remote = true;
  private pool: Piscina | null;

  /**
   * `memoryMb`: each thread's V8 heap limit (resourceLimits.maxOldGenerationSizeMb), so that a user
   * module that allocates without end kills its thread (a lost batch, a worker fault), not the host.
   */
  constructor(threads: number, memoryMb = Infinity) {
    const { filename, execArgv } = workerEntry();
    // Two tasks per thread: the next batch is already waiting in the thread when one ends, so the
    // thread does not idle while the main thread wakes up to send it. (A thread runs its tasks one
    // after another: a batch does not yield once it has its objective.)
    this.pool = new Piscina({ filename, execArgv, minThreads: threads, maxThreads: threads, idleTimeout: Infinity, concurrentTasksPerWorker: 2, ...(Number.isFinite(memoryMb) ? { resourceLimits: { maxOldGenerationSizeMb: memoryMb } } : {}) });
    // piscina emits 'error' on the pool for a thread that dies with no task of its own (e.g. a
    // thread that ran out of memory while its batch was being cancelled). A batch's own failure
    // rejects its run() and is counted as a worker fault; without a listener, this one would be an
    // uncaught exception in the user's process.
    this.pool.on('error', () => {});
  }

  /** An abort through `options.signal` ends the thread running the batch; piscina starts another. */
  run(task: BatchTask, options: RunOptions = {}): Promise<BatchResult> {
    const pool = this.pool;
    // run() after destroy() would silently start new workers.
    if (pool === null) return Promise.reject(new Error('PoolExecutor: run() after close()'));
    return pool.run(task, { transferList: [task.walker.z.buffer as ArrayBuffer], ...(options.signal ? { signal: options.signal } : {}) }) as Promise<BatchResult>;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool !== null) await pool.destroy();
  }
}
