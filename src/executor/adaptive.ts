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
 * it; one slow batch is not enough, since the first ones include the JIT's work). The threads are
 * one-thread pools started one after another: each is warmed up with a batch of zero rounds, which
 * imports the problem's objective and builds its data there, and the next starts when it is back. Batches keep running in-process until every thread is warm,
 * so the run never waits for a start-up: with the in-process run on one core, two threads importing
 * at once took CPU from it (its batches ran up to twice as long while a 2-thread pool warmed up,
 * 2 cores, a 0.5 ms objective); and a batch handed to a thread that was still starting held the
 * run's stop until that thread had imported everything (a run that stopped just then took 24 %
 * longer than in-process, slowRastrigin, 4 walkers). Batches go to the thread with the fewest
 * batches outstanding.
 * A thread that fails to start (a module that cannot load in a worker) closes them all, and the
 * run stays in-process. Which executor runs a batch never changes its result (a batch is a pure
 * function of the walker's state), so the switch, which depends on timing, leaves the result as it
 * was.
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
  /** Warm threads, in the order they were started. */
  private readonly pools: Executor[] = [];
  /** Batches outstanding on each of `pools`. */
  private readonly outstanding: number[] = [];
  /** The thread warming up now, if any. */
  private starting: Executor | null = null;
  private ready = false;
  /** The first thread has been started: it happens once per run. */
  private started = false;
  private closed = false;
  /** A thread failed to start once: whatever failed would fail again. */
  private failed = false;
  private slowBatches = 0;
  private inProcessMs = 0;
  private readonly runInProcess: (task: BatchTask, options?: RunOptions) => Promise<BatchResult>;

  /**
   * `startThread` (a one-thread pool) and `runInProcess` stand in for the pool's threads and for
   * the in-process executor in tests, which must not depend on how long a batch really takes.
   * In-process batches go through an InProcessExecutor: one at a time, yielding to the event loop
   * between slices (issue 28).
   */
  constructor(
    private readonly threads: number,
    private readonly startThread: () => Executor = () => new PoolExecutor(1),
    runInProcess?: (task: BatchTask, options?: RunOptions) => Promise<BatchResult>,
  ) {
    const inProcess = new InProcessExecutor();
    this.runInProcess = runInProcess ?? ((task, options) => inProcess.run(task, options));
  }

  /** True once batches go to the threads: the coordinator then batches rounds and runs ahead. */
  get remote(): boolean {
    return this.ready;
  }

  /** `options.signal` aborts a batch on its thread as PoolExecutor.run does (the coordinator's watchdog). */
  async run(task: BatchTask, options: RunOptions = {}): Promise<BatchResult> {
    if (this.closed) throw new Error('AdaptiveExecutor: run() after close()');
    if (this.ready) return this.runRemote(task, options);
    // In-process batches chain on microtasks alone: without a turn of the event loop, the
    // threads' messages (their warm-ups coming back) would wait until the run ends.
    if (this.starting !== null) await new Promise((resolve) => setImmediate(resolve));
    const result = await this.runInProcess(task, options);
    this.slowBatches = result.computeMs >= MIN_BATCH_MS ? this.slowBatches + 1 : 0;
    this.inProcessMs += result.computeMs;
    const worth = this.slowBatches >= WARM_BATCHES && this.inProcessMs >= START_AFTER_MS;
    // A warm-up runs zero rounds, so the walker as this batch left it serves as well as any; it is
    // copied only when the threads start, since copying an L-BFGS history on every cheap batch
    // tripled a short run's time.
    if (!this.started && !this.failed && this.threads >= 2 && !this.closed && worth) {
      this.startNext({ ...task, walker: cloneWalker(task.walker), rounds: 0 });
    }
    return result;
  }

  /** To the warm thread with the fewest batches outstanding (the first of them on a tie). */
  private async runRemote(task: BatchTask, options: RunOptions): Promise<BatchResult> {
    let k = 0;
    for (let j = 1; j < this.pools.length; j++) if (this.outstanding[j] < this.outstanding[k]) k = j;
    this.outstanding[k]++;
    try {
      return await this.pools[k].run(task, options);
    } finally {
      this.outstanding[k]--;
    }
  }

  /** Starts one more thread and warms it up; the next starts when it is back, and the last makes the executor remote. */
  private startNext(warmup: BatchTask): void {
    const thread = this.startThread();
    this.started = true;
    this.starting = thread;
    void thread.run({ ...warmup, walker: cloneWalker(warmup.walker) }).then(
      (result) => {
        // A warm-up that could not build the objective in its thread says so in its error.
        if (result.error !== null) return this.abandon();
        this.starting = null;
        if (this.closed) return thread.close();
        this.pools.push(thread);
        this.outstanding.push(0);
        if (this.pools.length < this.threads) return this.startNext(warmup);
        this.ready = true;
      },
      () => this.abandon(),
    );
  }

  /** Closes every thread, warm or starting, and stays in-process for good. */
  private async abandon(): Promise<void> {
    this.ready = false;
    this.failed = true;
    await this.closeThreads();
  }

  private async closeThreads(): Promise<void> {
    const all = this.starting === null ? this.pools.splice(0) : [...this.pools.splice(0), this.starting];
    this.starting = null;
    this.outstanding.length = 0;
    await Promise.all(all.map((thread) => thread.close()));
  }

  /** Ends every thread at once, warming up or not: a warm-up's result is never needed. */
  async close(): Promise<void> {
    this.closed = true;
    this.ready = false;
    // A warm-up still out is not waited for: its thread is closed here, and when it settles, closed
    // keeps it from starting another.
    await this.closeThreads();
  }
}
