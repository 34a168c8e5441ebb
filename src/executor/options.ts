/**
 * Where walker batches run: the option `executor` of optimize(), and the options of a worker host
 * (`no-bad-minima worker`). Nested in options.ts as the stepper's options are.
 */
import * as v from 'valibot';
import { above, integer, isFinite, isPlainObject, number, parseOrThrow, strictEntries, strictObject } from '../validation.js';

/** The default: worker threads of this process (`options.threads` of them; 0 runs in-process). */
export interface LocalExecutorOptions {
  type: 'local';
}

/** Batches become BullMQ jobs on Redis, run by `no-bad-minima worker` processes on any host. */
export interface BullMQExecutorOptions {
  type: 'bullmq';
  /** Redis URL, redis://[user:password@]host:port[/db] (or rediss:// for TLS). */
  connection: string;
  /** Queue name; the worker hosts must listen on the same one. @default 'no-bad-minima' */
  queue?: string;
  /**
   * Milliseconds Redis may stay unreachable (at start, or mid-run) before the run ends with
   * EXECUTOR_UNAVAILABLE, the best result so far in `error.details.best`. @default 10000
   */
  timeoutMs?: number;
  /**
   * Milliseconds between the coordinator's checks on its jobs: a job BullMQ has failed (it stalled
   * more often than the workers' maxStalledCount) is sent again, and counted in `faults.worker`.
   * @default 500
   */
  pollMs?: number;
}

export type ExecutorOptions = LocalExecutorOptions | BullMQExecutorOptions;

export type ResolvedExecutorOptions = LocalExecutorOptions | Required<BullMQExecutorOptions>;

export const DEFAULT_QUEUE = 'no-bad-minima';

const redisUrl = () =>
  v.custom<string>((value) => {
    if (typeof value !== 'string') return false;
    try {
      const u = new URL(value);
      return (u.protocol === 'redis:' || u.protocol === 'rediss:') && u.hostname !== '';
    } catch {
      return false;
    }
  }, 'a redis:// or rediss:// URL such as redis://127.0.0.1:6379');

// BullMQ builds its keys as prefix:queue:…, so a ':' would blur which queue a key belongs to.
const QUEUE_NAME = 'a name of 1 to 100 letters, digits, _ . or -';
const queueName = () => v.pipe(v.string(QUEUE_NAME), v.regex(/^[A-Za-z0-9_.-]{1,100}$/, QUEUE_NAME));

const positiveMs = () => number('a finite number of milliseconds > 0', isFinite, above(0));

const EXECUTOR_EXPECTED = "an object { type: 'local' } or { type: 'bullmq', connection }";

/** The `executor` option, declared once: its variants, their checks and defaults. */
export const EXECUTOR_OPTIONS_SCHEMA = v.optional(
  v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, EXECUTOR_EXPECTED),
    v.variant(
      'type',
      [
        strictEntries({ type: v.literal('local') }),
        strictEntries({
          type: v.literal('bullmq'),
          connection: redisUrl(),
          queue: v.optional(queueName(), DEFAULT_QUEUE),
          timeoutMs: v.optional(positiveMs(), 10_000),
          pollMs: v.optional(positiveMs(), 500),
        }),
      ],
      "'local' or 'bullmq'",
    ),
  ),
  { type: 'local' },
);

/**
 * Fills in defaults and checks the executor option, throwing INVALID_INPUT naming the field.
 *
 * @example
 * resolveExecutorOptions({ type: 'bullmq', connection: 'redis://127.0.0.1:6379' }, 'options.executor').queue; // 'no-bad-minima'
 * resolveExecutorOptions({ type: 'bullmq' }, 'options.executor'); // throws: options.executor.connection: expected a redis:// URL…
 */
export function resolveExecutorOptions(value: unknown, field: string): ResolvedExecutorOptions {
  return parseOrThrow(EXECUTOR_OPTIONS_SCHEMA, value, field);
}

/** What a worker host (`no-bad-minima worker`) is started with. */
export interface WorkerHostOptions {
  /** Redis URL, as the runs' `executor.connection`. */
  connection: string;
  /** @default 'no-bad-minima' */
  queue?: string;
  /** Batches run at once, each on its own worker thread. @default 1 */
  concurrency?: number;
  /**
   * BullMQ's job lock, in ms: a host that stops renewing it (killed, cut off) loses the job, and
   * another host runs the batch again. The lock is renewed from the host's main thread, which
   * batches never block (they run on worker threads). @default 30000 (BullMQ's)
   */
  lockDuration?: number;
  /** Milliseconds between BullMQ's checks for jobs whose lock expired. @default 30000 (BullMQ's) */
  stalledInterval?: number;
  /** Times a job may be lost with a host and run again before BullMQ fails it (the run then sends it anew). @default 1 (BullMQ's) */
  maxStalledCount?: number;
}

const WORKER_HOST_OPTIONS_SCHEMA = strictObject({
  connection: redisUrl(),
  queue: v.optional(queueName(), DEFAULT_QUEUE),
  concurrency: v.optional(integer(1), 1),
  lockDuration: v.optional(integer(1), 30_000),
  stalledInterval: v.optional(integer(1), 30_000),
  maxStalledCount: v.optional(integer(0), 1),
});

export function resolveWorkerHostOptions(value: WorkerHostOptions, field: string): Required<WorkerHostOptions> {
  return parseOrThrow(WORKER_HOST_OPTIONS_SCHEMA, value, field);
}
