import { describe, expect, it } from 'vitest';
import { AdaptiveExecutor, MIN_BATCH_MS, START_AFTER_MS, WARM_BATCHES } from '../../src/executor/adaptive.js';
import type { Executor, RunOptions } from '../../src/executor/executor.js';
import type { BatchResult, BatchTask } from '../../src/walker/batch.js';
import { packRecords } from '../../src/walker/packed-records.js';

/** A task with just what the executor touches: the walker (cloned for warm-ups) and rounds. */
function task(rounds = 1): BatchTask {
  const walker = { index: 0, round: 0, z: new Float64Array(2), hop: {}, monitor: {} } as unknown as BatchTask['walker'];
  return { walker, rounds } as BatchTask;
}

function result(t: BatchTask, computeMs: number, error: BatchResult['error'] = null): BatchResult {
  return { walker: t.walker, records: packRecords([], 2), error, computeMs };
}

/** A pool that records what it is asked to run; its warm-ups resolve when `release` is called. */
class FakePool implements Executor {
  readonly remote = true;
  readonly runs: BatchTask[] = [];
  readonly signals: (AbortSignal | undefined)[] = [];
  closed = false;
  private releases: (() => void)[] = [];
  constructor(private readonly warmupError: BatchResult['error'] = null) {}
  run(t: BatchTask, options?: RunOptions): Promise<BatchResult> {
    this.runs.push(t);
    this.signals.push(options?.signal);
    if (t.rounds === 0) return new Promise((resolve) => this.releases.push(() => resolve(result(t, 0, this.warmupError))));
    return Promise.resolve(result(t, 5));
  }
  release(): void {
    for (const r of this.releases.splice(0)) r();
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

function setup(computeMs: number, warmupError: BatchResult['error'] = null) {
  const pools: FakePool[] = [];
  const started: [number, number][] = [];
  let inProcess = 0;
  const executor = new AdaptiveExecutor(
    2,
    (threads, minThreads) => {
      started.push([threads, minThreads]);
      const pool = new FakePool(warmupError);
      pools.push(pool);
      return pool;
    },
    async (t) => {
      inProcess++;
      return result(t, computeMs);
    },
  );
  return { executor, pools, started, inProcess: () => inProcess };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('AdaptiveExecutor', () => {
  it('never starts a pool for batches shorter than MIN_BATCH_MS, however long the run', async () => {
    const { executor, pools, inProcess } = setup(MIN_BATCH_MS / 2);
    for (let k = 0; k < 10 * Math.ceil(START_AFTER_MS / MIN_BATCH_MS); k++) await executor.run(task());
    expect(pools).toHaveLength(0);
    expect(executor.remote).toBe(false);
    expect(inProcess()).toBe(10 * Math.ceil(START_AFTER_MS / MIN_BATCH_MS));
  });

  it(`starts the pool after ${WARM_BATCHES} slow batches and ${START_AFTER_MS} ms in-process, stays in-process until its first thread has warmed up, then sends batches to it`, async () => {
    const batchMs = START_AFTER_MS / 2;
    const { executor, pools, started, inProcess } = setup(batchMs);
    const needed = Math.max(WARM_BATCHES, Math.ceil(START_AFTER_MS / batchMs));
    for (let k = 0; k < needed - 1; k++) await executor.run(task());
    expect(pools).toHaveLength(0);
    const trigger = task();
    await executor.run(trigger);
    expect(pools).toHaveLength(1);
    // A pool of 2 threads that starts with 1.
    expect(started).toEqual([[2, 1]]);
    const pool = pools[0];
    // One warm-up of zero rounds, on a copy of the walker: the other threads start when batches queue.
    expect(pool.runs.map((t) => t.rounds)).toEqual([0]);
    expect(pool.runs[0].walker).not.toBe(trigger.walker);
    await executor.run(task());
    expect(inProcess()).toBe(needed + 1);
    expect(executor.remote).toBe(false);
    pool.release();
    await settle();
    expect(executor.remote).toBe(true);
    await executor.run(task());
    expect(inProcess()).toBe(needed + 1);
    // The first batch on the pool, then the second thread's warm-up (once, with a signal: piscina
    // starts a thread for it rather than queue it behind the batch).
    expect(pool.runs.map((t) => t.rounds)).toEqual([0, 1, 0]);
    const restSignal = pool.signals[2];
    expect(restSignal).toBeInstanceOf(AbortSignal);
    expect(pool.runs[2].walker).not.toBe(pool.runs[0].walker);
    await executor.run(task());
    expect(pool.runs.map((t) => t.rounds)).toEqual([0, 1, 0, 1]);
    expect(restSignal!.aborted).toBe(false);
    await executor.close();
    expect(pool.closed).toBe(true);
    // A warm-up still running at close is not waited for.
    expect(restSignal!.aborted).toBe(true);
  });

  it('stays in-process for good, and closes the pool, when a warm-up could not build the objective', async () => {
    const { executor, pools, inProcess } = setup(START_AFTER_MS, { name: 'Error', message: 'cannot import' });
    for (let k = 0; k < WARM_BATCHES; k++) await executor.run(task());
    expect(pools).toHaveLength(1);
    pools[0].release();
    await settle();
    expect(pools[0].closed).toBe(true);
    for (let k = 0; k < 2 * WARM_BATCHES; k++) await executor.run(task());
    expect(pools).toHaveLength(1);
    expect(executor.remote).toBe(false);
    expect(inProcess()).toBe(3 * WARM_BATCHES);
  });

  it("passes run()'s signal on, to the in-process runner and then to the pool: the coordinator's watchdog reaches the pool's threads (issue 28)", async () => {
    const pools: FakePool[] = [];
    const inProcessSignals: (AbortSignal | undefined)[] = [];
    const executor = new AdaptiveExecutor(
      2,
      () => {
        const pool = new FakePool();
        pools.push(pool);
        return pool;
      },
      async (t, options) => {
        inProcessSignals.push(options?.signal);
        return result(t, START_AFTER_MS);
      },
    );
    const controllers = Array.from({ length: WARM_BATCHES + 1 }, () => new AbortController());
    for (let k = 0; k < WARM_BATCHES; k++) await executor.run(task(), { signal: controllers[k].signal });
    expect(inProcessSignals).toEqual(controllers.slice(0, WARM_BATCHES).map((c) => c.signal));
    pools[0].release();
    await settle();
    expect(executor.remote).toBe(true);
    await executor.run(task(), { signal: controllers[WARM_BATCHES].signal });
    // The first warm-up has no watchdog; the batch sent to the pool carries the coordinator's signal.
    expect(pools[0].signals.slice(0, 2)).toEqual([undefined, controllers[WARM_BATCHES].signal]);
    await executor.close();
  });

  it('with one thread there is nothing to overlap: it never starts a pool', async () => {
    let started = 0;
    const executor = new AdaptiveExecutor(1, () => {
      started++;
      return new FakePool();
    }, async (t) => result(t, 10 * START_AFTER_MS));
    for (let k = 0; k < 5; k++) await executor.run(task());
    expect(started).toBe(0);
  });
});
