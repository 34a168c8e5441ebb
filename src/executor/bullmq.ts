/**
 * The BullMQ executor: each walker batch becomes a job on a BullMQ queue in Redis, run by
 * `no-bad-minima worker` processes on any host (worker-host.ts), and its result comes back on a
 * list of the run's own. The coordinator is the one that drives the local pool: a batch is a pure
 * function of the walker's state, so where it runs does not change the result.
 *
 * Faults: a host killed mid-job loses its lock, BullMQ's stalled-job check gives the job to
 * another host, and the result comes back with `restarts` (counted in faults.worker); a job
 * BullMQ fails (stalled more than the hosts' maxStalledCount) is reported lost and the coordinator
 * sends the batch again. Redis unreachable for `timeoutMs` rejects every batch with
 * EXECUTOR_UNAVAILABLE, which ends the run. Changes of a run's control array (HALT, STOP_ROUND)
 * are published on the run's channel, so that hosts cut their batches short as the pool's
 * threads do.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { invalid, NoBadMinimaError } from '../errors.js';
import type { PreparedProblem } from '../problem/types.js';
import type { BatchResult, BatchTask } from '../walker/batch.js';
import { HALT, STOP_ROUND } from '../walker/round.js';
import type { Executor, RunOptions } from './executor.js';
import type { BullMQExecutorOptions } from './options.js';
import type { BatchJobData, WireTask } from './redis-run.js';
import { controlChannel, PREFIX, problemKey, redisConnection, resultsKey, RUN_KEY_TTL_MS } from './redis-run.js';
import { decode, encode, functionPath } from './wire.js';

/** Milliseconds between looks at the run's control arrays. */
const CONTROL_POLL_MS = 20;

interface Pending {
  resolve: (result: BatchResult) => void;
  reject: (error: unknown) => void;
  sentAt: number;
}

/** A result as a worker host pushes it. */
export interface WireResult {
  id: string;
  restarts: number;
  result: BatchResult;
}

/** Resolves to the value, or rejects after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One run's executor: it is bound to the problem given to connect(), whatever a task's `problem`. */
export class BullMQExecutor implements Executor {
  readonly remote = true;
  readonly queued = true;
  /** Jobs given up on through run()'s signal. */
  private readonly abandoned: string[] = [];
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  private dead: NoBadMinimaError | null = null;
  private closed = false;
  private lastOk = Date.now();
  private pinging = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly watch: NodeJS.Timeout;
  private readonly receiving: Promise<void>;
  /** The control arrays the run's batches follow, by id, with the values last announced. */
  private readonly controls = new Map<Int32Array, { id: number; halt: number; stopRound: number }>();

  private constructor(
    private readonly options: Required<BullMQExecutorOptions>,
    readonly runId: string,
    private readonly redis: Redis,
    private readonly blocking: Redis,
    private readonly queue: Queue,
  ) {
    this.heartbeat = setInterval(() => void this.beat(), options.pollMs);
    // The pool's threads see HALT and STOP_ROUND change in shared memory; hosts hear of it here.
    this.watch = setInterval(() => this.announce(), CONTROL_POLL_MS);
    this.receiving = this.receive();
  }

  /**
   * Connects to Redis and stores the problem for the run's jobs. Throws INVALID_INPUT for a problem
   * built from in-process functions (a worker host cannot import them), EXECUTOR_UNAVAILABLE when
   * Redis does not answer within `timeoutMs`.
   *
   * @example
   * const executor = await BullMQExecutor.connect({ type: 'bullmq', connection: 'redis://127.0.0.1:6379', queue: 'no-bad-minima', timeoutMs: 10_000, pollMs: 500 }, prepared);
   * try { await coordinate({ ...input, executor }); } finally { await executor.close(); }
   */
  static async connect(options: Required<BullMQExecutorOptions>, problem: PreparedProblem): Promise<BullMQExecutor> {
    const fn = functionPath(problem, 'problem');
    if (fn !== null) {
      invalid(fn, Function.prototype, "a module reference ({ module, export?, args? }) for options.executor 'bullmq': a worker host imports the problem's modules, it cannot receive in-process functions");
    }
    const redis = redisConnection(options.connection, options.timeoutMs);
    const blocking = redisConnection(options.connection, options.timeoutMs);
    const runId = randomUUID();
    try {
      await within(Promise.all([redis.connect(), blocking.connect()]), options.timeoutMs, `Redis at ${options.connection}`);
      await within(redis.set(problemKey(options.queue, runId), encode(problem), 'PX', RUN_KEY_TTL_MS), options.timeoutMs, `Redis at ${options.connection}`);
    } catch (error) {
      redis.disconnect();
      blocking.disconnect();
      throw new NoBadMinimaError(
        'EXECUTOR_UNAVAILABLE',
        `options.executor.connection: Redis at ${options.connection} is unreachable (${error instanceof Error ? error.message : String(error)})`,
        'options.executor.connection',
        { cause: error },
      );
    }
    const queue = new Queue(options.queue, { connection: redis, prefix: PREFIX, skipVersionCheck: true });
    queue.on('error', () => {});
    return new BullMQExecutor(options, runId, redis, blocking, queue);
  }

  /**
   * An abort through `options.signal` stops waiting for the batch (its promise rejects); the job
   * itself runs on, cut short by HALT on its host, and its result is ignored.
   */
  run(task: BatchTask, options: RunOptions = {}): Promise<BatchResult> {
    if (this.dead !== null) return Promise.reject(this.dead);
    if (this.closed) return Promise.reject(new Error('BullMQExecutor: run() after close()'));
    const id = `${this.runId}-${++this.seq}`;
    const c = this.controlOf(task.control);
    const wire: WireTask = { context: task.context, walker: task.walker, rounds: task.rounds, deadline: task.deadline, control: c.id, halt: c.halt, stopRound: c.stopRound };
    const data: BatchJobData = { run: this.runId, task: encode(wire) };
    return new Promise<BatchResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, sentAt: Date.now() });
      const { signal } = options;
      if (signal !== undefined) {
        const onAbort = () => {
          // Its result will never be taken in: the job goes with the others at close, if still there.
          if (this.pending.has(id)) this.abandoned.push(id);
          this.settle(id, null, signal.reason ?? new Error('BullMQExecutor: batch aborted'));
        };
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      }
      // Failed jobs stay for the heartbeat to see (it removes them); completed ones go at once.
      this.queue.add('batch', data, { jobId: id, removeOnComplete: true, removeOnFail: false, attempts: 1 }).catch((error: unknown) => this.settle(id, null, error));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    clearInterval(this.watch);
    const lost = this.dead ?? new Error('BullMQExecutor: closed');
    const unsettled = [...this.pending.keys(), ...this.abandoned];
    for (const id of unsettled) this.settle(id, null, lost);
    const budget = this.dead === null ? this.options.timeoutMs : 1;
    try {
      // The problem key first: a batch finishing now finds it gone and pushes nothing.
      await within(this.redis.del(problemKey(this.options.queue, this.runId), resultsKey(this.options.queue, this.runId)), budget, 'cleanup');
      await within(this.removeJobs(unsettled), budget, 'cleanup');
      await within(this.queue.close(), budget, 'queue close');
    } catch {
      // Redis is gone: the run's keys expire on their own (RUN_KEY_TTL_MS).
    }
    this.blocking.disconnect();
    await this.receiving;
    try {
      await within(this.redis.quit(), budget, 'quit');
    } catch {
      this.redis.disconnect();
    }
  }

  /**
   * Jobs of this run whose result never came (the coordinator stops waiting only when the run
   * ends with an error): those still waiting are removed. A job a host is running keeps its lock
   * and cannot be removed; it ends without pushing (the problem key is gone) and removeOnComplete
   * takes it away. A job whose result came is removed by BullMQ as it completes.
   */
  private async removeJobs(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const job = await this.queue.getJob(id);
      if (job !== undefined) await job.remove().catch(() => {});
    }
  }

  private controlOf(control: Int32Array): { id: number; halt: number; stopRound: number } {
    let c = this.controls.get(control);
    if (c === undefined) {
      c = { id: this.controls.size, halt: Atomics.load(control, HALT), stopRound: Atomics.load(control, STOP_ROUND) };
      this.controls.set(control, c);
    }
    return c;
  }

  /** Publishes the control arrays that changed since last time, while batches are out. */
  private announce(): void {
    if (this.pending.size === 0 || this.dead !== null || this.closed) return;
    for (const [control, c] of this.controls) {
      const halt = Atomics.load(control, HALT);
      const stopRound = Atomics.load(control, STOP_ROUND);
      if (halt === c.halt && stopRound === c.stopRound) continue;
      c.halt = halt;
      c.stopRound = stopRound;
      this.redis.publish(controlChannel(this.options.queue, this.runId), `${c.id} ${halt} ${stopRound}`).catch(() => {});
    }
  }

  private settle(id: string, result: BatchResult | null, error: unknown): void {
    const p = this.pending.get(id);
    if (p === undefined) return;
    this.pending.delete(id);
    if (result !== null) p.resolve(result);
    else p.reject(error);
  }

  /** Takes results in as the hosts push them; a duplicate (a batch run twice after a stall) is ignored. */
  private async receive(): Promise<void> {
    const key = resultsKey(this.options.queue, this.runId);
    while (!this.closed && this.dead === null) {
      let popped: [string, string] | null;
      try {
        popped = await this.blocking.blpop(key, 1);
      } catch {
        if (this.closed || this.dead !== null) return;
        await new Promise((r) => setTimeout(r, this.options.pollMs));
        continue;
      }
      this.lastOk = Date.now();
      if (popped === null) continue;
      const { id, restarts, result } = decode<WireResult>(popped[1]);
      this.settle(id, restarts > 0 ? { ...result, restarts } : result, null);
    }
  }

  /** Redis's pulse, and the jobs BullMQ gave up on. */
  private async beat(): Promise<void> {
    if (this.closed || this.dead !== null) return;
    if (Date.now() - this.lastOk > this.options.timeoutMs) {
      this.die();
      return;
    }
    if (this.pinging) return;
    this.pinging = true;
    try {
      await this.redis.pexpire(problemKey(this.options.queue, this.runId), RUN_KEY_TTL_MS);
      this.lastOk = Date.now();
      const now = Date.now();
      for (const [id, p] of this.pending) {
        if (now - p.sentAt < this.options.pollMs) continue;
        const job = await this.queue.getJob(id);
        if (job === undefined || !(await job.isFailed())) continue;
        const reason = job.failedReason;
        await job.remove().catch(() => {});
        this.settle(id, null, new Error(`BullMQ failed the batch's job ${id}: ${reason}`));
      }
    } catch {
      // Not answered: lastOk stays behind, and the next beat decides.
    } finally {
      this.pinging = false;
    }
  }

  private die(): void {
    this.dead = new NoBadMinimaError(
      'EXECUTOR_UNAVAILABLE',
      `options.executor.connection: Redis at ${this.options.connection} did not answer for ${this.options.timeoutMs} ms (options.executor.timeoutMs)`,
      'options.executor.connection',
    );
    for (const id of [...this.pending.keys()]) this.settle(id, null, this.dead);
    this.blocking.disconnect();
    this.redis.disconnect();
  }
}
