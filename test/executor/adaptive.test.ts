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

/** An executor of `threads` threads whose in-process batches each take computeMs; `pools` are its one-thread pools, in start order. */
function setup(computeMs: number, warmupError: BatchResult['error'] = null, threads = 2) {
  const pools: FakePool[] = [];
  let inProcess = 0;
  const executor = new AdaptiveExecutor(
    threads,
    () => {
      const pool = new FakePool(warmupError);
      pools.push(pool);
      return pool;
    },
    async (t) => {
      inProcess++;
      return result(t, computeMs);
    },
  );
  return { executor, pools, inProcess: () => inProcess };
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

  it(`starts after ${WARM_BATCHES} slow batches and ${START_AFTER_MS} ms in-process, warms its threads one after another while batches stay in-process, then sends batches to the least busy thread`, async () => {
    const batchMs = START_AFTER_MS / 2;
    const { executor, pools, inProcess } = setup(batchMs);
    const needed = Math.max(WARM_BATCHES, Math.ceil(START_AFTER_MS / batchMs));
    for (let k = 0; k < needed - 1; k++) await executor.run(task());
    expect(pools).toHaveLength(0);
    const trigger = task();
    await executor.run(trigger);
    // One thread at a time: the first is warming up, on a copy of the walker, zero rounds.
    expect(pools).toHaveLength(1);
    expect(pools[0].runs.map((t) => t.rounds)).toEqual([0]);
    expect(pools[0].runs[0].walker).not.toBe(trigger.walker);
    await executor.run(task());
    expect(inProcess()).toBe(needed + 1);
    pools[0].release();
    await settle();
    // The first is warm: the second starts, and batches still run in-process until it is warm too.
    expect(pools).toHaveLength(2);
    expect(pools[1].runs.map((t) => t.rounds)).toEqual([0]);
    expect(pools[1].runs[0].walker).not.toBe(pools[0].runs[0].walker);
    expect(executor.remote).toBe(false);
    await executor.run(task());
    expect(inProcess()).toBe(needed + 2);
    expect(pools[0].runs).toHaveLength(1);
    pools[1].release();
    await settle();
    expect(executor.remote).toBe(true);
    expect(pools).toHaveLength(2);
    // Two batches at once go one to each thread; one after another, both to the first (idle again).
    await Promise.all([executor.run(task()), executor.run(task())]);
    await executor.run(task());
    expect(inProcess()).toBe(needed + 2);
    expect(pools[0].runs.map((t) => t.rounds)).toEqual([0, 1, 1]);
    expect(pools[1].runs.map((t) => t.rounds)).toEqual([0, 1]);
    await executor.close();
    expect(pools.every((p) => p.closed)).toBe(true);
  });

  it('closes a thread that is still warming up at close, and starts no other', async () => {
    const { executor, pools } = setup(START_AFTER_MS, null, 3);
    for (let k = 0; k < WARM_BATCHES; k++) await executor.run(task());
    pools[0].release();
    await settle();
    expect(pools).toHaveLength(2);
    await executor.close();
    expect(pools.map((p) => p.closed)).toEqual([true, true]);
    // The warm-up that comes back after close does not start the third thread.
    pools[1].release();
    await settle();
    expect(pools).toHaveLength(2);
    expect(executor.remote).toBe(false);
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
    pools[1].release();
    await settle();
    expect(executor.remote).toBe(true);
    await executor.run(task(), { signal: controllers[WARM_BATCHES].signal });
    // Warm-ups have no watchdog; the batch sent to a thread carries the coordinator's signal.
    expect(pools[0].signals).toEqual([undefined, controllers[WARM_BATCHES].signal]);
    expect(pools[1].signals).toEqual([undefined]);
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
