/**
 * Where walker batches run: the option `executor` of optimize(), and the options of a worker host
 * (`no-bad-minima worker`). Nested in options.ts as the stepper's options are.
 */
import { invalid } from '../errors.js';

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

/**
 * Fills in defaults and checks the executor option, throwing INVALID_INPUT naming the field.
 *
 * @example
 * resolveExecutorOptions({ type: 'bullmq', connection: 'redis://127.0.0.1:6379' }, 'options.executor').queue; // 'no-bad-minima'
 * resolveExecutorOptions({ type: 'bullmq' }, 'options.executor'); // throws: options.executor.connection: expected a redis:// URL…
 */
export function resolveExecutorOptions(value: unknown, field: string): ResolvedExecutorOptions {
  if (value === undefined) return { type: 'local' };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, value, "an object { type: 'local' } or { type: 'bullmq', connection }");
  const v = value as Record<string, unknown>;
  if (v.type === 'local') {
    known(v, ['type'], field);
    return { type: 'local' };
  }
  if (v.type !== 'bullmq') invalid(`${field}.type`, v.type, "'local' or 'bullmq'");
  known(v, ['type', 'connection', 'queue', 'timeoutMs', 'pollMs'], field);
  const connection = redisUrl(v.connection, `${field}.connection`);
  const queue = queueName(v.queue === undefined ? DEFAULT_QUEUE : v.queue, `${field}.queue`);
  const timeoutMs = positiveMs(v.timeoutMs === undefined ? 10_000 : v.timeoutMs, `${field}.timeoutMs`);
  const pollMs = positiveMs(v.pollMs === undefined ? 500 : v.pollMs, `${field}.pollMs`);
  return { type: 'bullmq', connection, queue, timeoutMs, pollMs };
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

export function resolveWorkerHostOptions(value: WorkerHostOptions, field: string): Required<WorkerHostOptions> {
  if (typeof value !== 'object' || value === null) invalid(field, value, 'an object');
  known(value as unknown as Record<string, unknown>, ['connection', 'queue', 'concurrency', 'lockDuration', 'stalledInterval', 'maxStalledCount'], field);
  return {
    connection: redisUrl(value.connection, `${field}.connection`),
    queue: queueName(value.queue ?? DEFAULT_QUEUE, `${field}.queue`),
    concurrency: integer(value.concurrency ?? 1, `${field}.concurrency`, 1),
    lockDuration: integer(value.lockDuration ?? 30_000, `${field}.lockDuration`, 1),
    stalledInterval: integer(value.stalledInterval ?? 30_000, `${field}.stalledInterval`, 1),
    maxStalledCount: integer(value.maxStalledCount ?? 1, `${field}.maxStalledCount`, 0),
  };
}

function known(v: Record<string, unknown>, keys: string[], field: string): void {
  for (const key of Object.keys(v)) if (!keys.includes(key)) invalid(`${field}.${key}`, v[key], `no such option (known: ${keys.join(', ')})`);
}

function redisUrl(value: unknown, field: string): string {
  let ok = false;
  if (typeof value === 'string') {
    try {
      const u = new URL(value);
      ok = (u.protocol === 'redis:' || u.protocol === 'rediss:') && u.hostname !== '';
    } catch {
      ok = false;
    }
  }
  if (!ok) invalid(field, value, 'a redis:// or rediss:// URL such as redis://127.0.0.1:6379');
  return value as string;
}

function queueName(value: unknown, field: string): string {
  // BullMQ builds its keys as prefix:queue:…, so a ':' would blur which queue a key belongs to.
  if (typeof value !== 'string' || !/^[A-Za-z0-9_.-]{1,100}$/.test(value)) invalid(field, value, 'a name of 1 to 100 letters, digits, _ . or -');
  return value as string;
}

function positiveMs(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) invalid(field, value, 'a finite number of milliseconds > 0');
  return value as number;
}

function integer(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) invalid(field, value, `an integer ≥ ${min}`);
  return value as number;
}
