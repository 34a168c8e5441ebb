/**
 * The default executor when `options.threads` is not given: in-process until the pool is ready and
 * worth it. A cheap objective (microseconds per evaluation) never pays for the pool's start-up and
 * per-batch messages, which cost 30× the work at Safran–Shamir k = 14 (0.41 s in-process against
 * 11.95 s on 2 threads); an expensive one gains the parallel speedup.
 *
 * The pool is started in the background once the run has spent START_AFTER_MS computing in-process
 * (about what starting a pool costs, so that a run which ends soon after loses little to it: the
 * rent-or-buy rule) and the last WARM_BATCHES batches have each taken
 * MIN_BATCH_MS or more (a round trip costs tens of microseconds, so such batches lose nothing to
 * it; one slow batch is not enough, since the first ones include the JIT's work). One thread is
 * started and warmed up with a batch of zero rounds, which imports the problem's objective and
 * builds its data there; until it is back, batches keep running in-process, so the run never waits
 * for the start-up. Only one: with the in-process run on one core, a second thread importing at
 * the same time took CPU from it (its batches ran up to twice as long while a 2-thread pool warmed
 * up, 2 cores, a 0.5 ms objective). The other threads are warmed up as soon as the first batch has
 * gone to the pool, when the main thread only waits for results: their warm-ups carry a signal, so
 * piscina, which runs one abortable task per thread, starts a thread for each of them instead of
 * queueing them behind the first thread's batch.
 * A pool that fails to start (a module that cannot load in a worker) is closed, and the run stays
 * in-process. Which executor runs a batch never changes its result (a batch is a pure function of
 * the walker's state), so the switch, which depends on timing, leaves the result as it was.
 */
import type { BatchResult, BatchTask } from '../walker/batch.js';
import { cloneWalker } from '../walker/state.js';
import type { Executor, RunOptions } from './executor.js';
import { InProcessExecutor } from './in-process.js';
import { PoolExecutor } from './pool.js';

/** In-process batch time, in milliseconds, from which the pool is started. */
export const MIN_BATCH_MS = 1;
/** Batches in a row that must each take MIN_BATCH_MS. */
export const WARM_BATCHES = 3;
/**
 * In-process compute, in milliseconds, before the pool is started: a 2-thread pool took 0.3–1 s
 * here from its creation to its first task back (the threads import the package), and about
 * 0.15 s to destroy.
 */
export const START_AFTER_MS = 500;

/**
 * @example
 * const executor = new AdaptiveExecutor(2);
 * await executor.run(task); // in-process at first
 * executor.remote; // true once the pool has started and warmed up
 * await executor.close();
 */
export class AdaptiveExecutor implements Executor {
  private pool: Executor | null = null;
  private ready = false;
  private warming: Promise<void> | null = null;
  private closed = false;
  /** The pool failed to start once: whatever failed would fail again. */
  private failed = false;
  /** The warm-up task, kept for the threads started after the first. */
  private warmup: BatchTask | null = null;
  /** Aborts the later threads' warm-ups at close. */
  private readonly restWarming = new AbortController();
  private slowBatches = 0;
  private inProcessMs = 0;
  private readonly runInProcess: (task: BatchTask, options?: RunOptions) => Promise<BatchResult>;

  /**
   * `startPool` and `runInProcess` stand in for the pool and for the in-process executor in tests,
   * which must not depend on how long a batch really takes. In-process batches go through an
   * InProcessExecutor: one at a time, yielding to the event loop between slices (issue 28).
   */
  constructor(
    private readonly threads: number,
    private readonly startPool: (threads: number, minThreads: number) => Executor = (t, min) => new PoolExecutor(t, Infinity, min),
    runInProcess?: (task: BatchTask, options?: RunOptions) => Promise<BatchResult>,
  ) {
    const inProcess = new InProcessExecutor();
    this.runInProcess = runInProcess ?? ((task, options) => inProcess.run(task, options));
  }

  /** True once batches go to the pool: the coordinator then batches rounds and runs ahead. */
  get remote(): boolean {
    return this.ready;
  }

  /** `options.signal` aborts a batch on the pool as PoolExecutor.run does (the coordinator's watchdog). */
  async run(task: BatchTask, options: RunOptions = {}): Promise<BatchResult> {
    if (this.closed) throw new Error('AdaptiveExecutor: run() after close()');
    if (this.ready) {
      const pool = this.pool!;
      const batch = pool.run(task, options);
      if (this.warmup !== null) this.warmRest(pool, this.warmup);
      return batch;
    }
    // In-process batches chain on microtasks alone: without a turn of the event loop, the pool's
    // messages (its warm-ups coming back) would wait until the run ends.
    if (this.warming !== null && this.pool !== null) await new Promise((resolve) => setImmediate(resolve));
    const result = await this.runInProcess(task, options);
    this.slowBatches = result.computeMs >= MIN_BATCH_MS ? this.slowBatches + 1 : 0;
    this.inProcessMs += result.computeMs;
    const worth = this.slowBatches >= WARM_BATCHES && this.inProcessMs >= START_AFTER_MS;
    // A warm-up runs zero rounds, so the walker as this batch left it serves as well as any; it is
    // copied only when the pool starts, since copying an L-BFGS history on every cheap batch
    // tripled a short run's time.
    if (this.pool === null && !this.failed && this.threads >= 2 && !this.closed && worth) {
      this.start({ ...task, walker: cloneWalker(task.walker), rounds: 0 });
    }
    return result;
  }

  private start(warmup: BatchTask): void {
    // One thread at first (see the module comment); warmRest starts the others.
    const pool = this.startPool(this.threads, 1);
    this.pool = pool;
    this.warmup = warmup;
    this.warming = pool.run({ ...warmup, walker: cloneWalker(warmup.walker) }).then(
      (result) => {
        // A warm-up that could not build the objective in its thread says so in its error.
        if (result.error !== null) return this.abandon();
        if (!this.closed) this.ready = true;
      },
      () => this.abandon(),
    );
  }

  /** Warm-ups for the threads after the first, once (see the module comment); their results are not needed. */
  private warmRest(pool: Executor, warmup: BatchTask): void {
    this.warmup = null;
    const signal = this.restWarming.signal;
    for (let k = 1; k < this.threads; k++) pool.run({ ...warmup, walker: cloneWalker(warmup.walker) }, { signal }).catch(() => {});
  }

  private async abandon(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    this.ready = false;
    this.failed = true;
    if (pool !== null) await pool.close();
  }

  /** Ends the pool at once, warming up or not: a warm-up's result is never needed. */
  async close(): Promise<void> {
    this.closed = true;
    this.ready = false;
    this.warmup = null;
    this.restWarming.abort();
    const pool = this.pool;
    this.pool = null;
    if (pool !== null) await pool.close();
    await this.warming?.catch(() => {});
  }
}
