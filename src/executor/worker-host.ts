/**
 * A worker host: takes walker batches from the BullMQ queue and runs them on this machine's worker
 * threads (the pool's own batch runner, workers/walker.ts), until closed. The host's main thread
 * only moves jobs, so BullMQ's lock renewal keeps running however long a batch takes.
 */
import { Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { PreparedProblem } from '../problem/types.js';
import { Recent } from '../problem/recent.js';
import type { WalkerContext } from '../walker/advance.js';
import { createControl, HALT, STOP_ROUND } from '../walker/round.js';
import type { WalkerState } from '../walker/state.js';
import type { WireResult } from './bullmq.js';
import type { WorkerHostOptions } from './options.js';
import { resolveWorkerHostOptions } from './options.js';
import { PoolExecutor } from './pool.js';
import type { BatchJobData, WireTask } from './redis-run.js';
import { controlPattern, PREFIX, problemKey, pushResult, redisConnection } from './redis-run.js';
import { decode, encode } from './wire.js';

/** HALT only ever goes up and STOP_ROUND only down, whatever order the news arrives in. */
function apply(control: Int32Array, halt: number, stopRound: number): void {
  if (halt !== 0) Atomics.store(control, HALT, halt);
  if (stopRound < Atomics.load(control, STOP_ROUND)) Atomics.store(control, STOP_ROUND, stopRound);
}

export interface WorkerHost {
  /** Batches this host has run. */
  readonly completed: number;
  /** Lets the batches in hand finish, then disconnects and ends the threads. */
  close(): Promise<void>;
}

/**
 * Starts a worker host; it runs until close().
 *
 * @example
 * const host = await startWorkerHost({ connection: 'redis://127.0.0.1:6379', queue: 'no-bad-minima', concurrency: 2 });
 * process.once('SIGTERM', () => void host.close().then(() => process.exit(0)));
 */
export async function startWorkerHost(options: WorkerHostOptions, log: (line: string) => void = () => {}): Promise<WorkerHost> {
  const o = resolveWorkerHostOptions(options, 'worker');
  const redis = redisConnection(o.connection, 10_000);
  await redis.connect();
  const pool = new PoolExecutor(o.concurrency);
  // The runs' control announcements: the local control array of every batch in hand, by run and
  // control id, and the last values heard (a batch taken after an announcement starts with them).
  const subscriber = redisConnection(o.connection, 10_000);
  await subscriber.connect();
  const active = new Map<string, Set<Int32Array>>();
  const heard = new Map<string, [number, number]>();
  subscriber.on('pmessage', (_pattern: string, channel: string, message: string) => {
    const run = channel.split(':').at(-2) as string;
    const [id, halt, stopRound] = message.split(' ').map(Number);
    const key = `${run} ${id}`;
    heard.delete(key);
    heard.set(key, [halt, stopRound]);
    // Bounded: runs end, and their news with them.
    if (heard.size > 256) heard.delete(heard.keys().next().value as string);
    for (const control of active.get(key) ?? []) apply(control, halt, stopRound);
  });
  await subscriber.psubscribe(controlPattern(o.queue));
  /** The runs' problems, fetched once per run: a job carries only the walker. */
  const problems = new Recent<Promise<PreparedProblem | null>>(4);
  let completed = 0;

  const runJob = async (job: Job<BatchJobData>): Promise<null> => {
    const { run, task } = job.data;
    const stored = problemKey(o.queue, run);
    const problem = await problems.get(run, () => {
      const fetched = redis.get(stored).then((text) => (text === null ? null : decode<PreparedProblem>(text)));
      fetched.then((p) => p === null && problems.delete(run), () => problems.delete(run));
      return fetched;
    });
    // The run has ended (or its process died and its keys expired): nobody waits for this batch.
    if (problem === null) return null;
    const t = decode<WireTask>(task);
    const control = createControl();
    apply(control, t.halt, t.stopRound);
    const key = `${run} ${t.control}`;
    const last = heard.get(key);
    if (last !== undefined) apply(control, last[0], last[1]);
    let mine = active.get(key);
    if (mine === undefined) active.set(key, (mine = new Set()));
    mine.add(control);
    let result;
    try {
      result = await pool.run({ problem, context: t.context as WalkerContext, walker: t.walker as WalkerState, rounds: t.rounds, control, deadline: t.deadline });
    } finally {
      mine.delete(control);
      if (mine.size === 0) active.delete(key);
    }
    // stalledCounter: times BullMQ took the job back from a host that stopped renewing its lock.
    const payload: WireResult = { id: job.id as string, restarts: job.stalledCounter ?? 0, result };
    await pushResult(redis, o.queue, run, encode(payload));
    completed += 1;
    return null;
  };

  const worker = new Worker<BatchJobData, null>(o.queue, runJob, {
    connection: redis,
    prefix: PREFIX,
    concurrency: o.concurrency,
    lockDuration: o.lockDuration,
    stalledInterval: o.stalledInterval,
    maxStalledCount: o.maxStalledCount,
    skipVersionCheck: true,
  });
  worker.on('error', (error) => log(`worker error: ${error.message}`));
  worker.on('failed', (job, error) => log(`job ${job?.id ?? '?'} failed: ${error.message}`));
  await worker.waitUntilReady();
  log(`worker on queue ${o.queue} at ${o.connection}, ${o.concurrency} batch(es) at a time`);

  let closing: Promise<void> | null = null;
  return {
    get completed() {
      return completed;
    },
    close() {
      closing ??= (async () => {
        await worker.close();
        await pool.close();
        await subscriber.quit().catch(() => subscriber.disconnect());
        await redis.quit().catch(() => redis.disconnect());
      })();
      return closing;
    },
  };
}
