/**
 * What a run keeps in Redis besides BullMQ's jobs, shared by the run's side (bullmq.ts) and the
 * worker hosts (worker-host.ts): the prepared problem, stored once per run rather than in every
 * job, and the list the workers push results to. Both carry the run id, so runs sharing a queue
 * never see each other's batches, and both are deleted when the run ends (and expire on their own
 * should the run's process die).
 */
import { Redis } from 'ioredis';

/** BullMQ's default key prefix: the queue's own keys are `bull:<queue>:…`. */
export const PREFIX = 'bull';

/** Milliseconds the run's keys live without the run refreshing them. */
export const RUN_KEY_TTL_MS = 120_000;

export function problemKey(queue: string, runId: string): string {
  return `${PREFIX}:${queue}:nbm:${runId}:problem`;
}

export function resultsKey(queue: string, runId: string): string {
  return `${PREFIX}:${queue}:nbm:${runId}:results`;
}

/**
 * The pub/sub channel on which a run announces changes of a control array (HALT, STOP_ROUND), so
 * that batches on other hosts are cut short as on the local pool's shared memory. Pub/sub leaves
 * no key behind. Message: `${control id} ${halt} ${stopRound}`.
 */
export function controlChannel(queue: string, runId: string): string {
  return `${PREFIX}:${queue}:nbm:${runId}:control`;
}

/** The pattern a worker host subscribes to: every run's control channel on its queue. */
export function controlPattern(queue: string): string {
  return `${PREFIX}:${queue}:nbm:*:control`;
}

/** The job's data: which run, and the encoded batch (executor/wire.ts) without the problem. */
export interface BatchJobData {
  run: string;
  task: string;
}

/** The batch as it travels in a job: the BatchTask less the problem and the shared control array. */
export interface WireTask {
  context: unknown;
  walker: unknown;
  rounds: number;
  deadline: number;
  /** Which of the run's control arrays the batch follows (the run's own, or a replay's). */
  control: number;
  /** HALT and STOP_ROUND of that array when the batch was sent. */
  halt: number;
  stopRound: number;
}

/**
 * Pushes a result only while the run's problem key exists: a batch that finishes after its run
 * ended (or a second copy of a batch run again after a stall) must not leave a list behind.
 */
const PUSH_SCRIPT = `if redis.call('exists', KEYS[1]) == 1 then
  redis.call('rpush', KEYS[2], ARGV[1])
  redis.call('pexpire', KEYS[2], ARGV[2])
  return 1
end
return 0`;

export async function pushResult(redis: Redis, queue: string, runId: string, payload: string): Promise<boolean> {
  const pushed = await redis.eval(PUSH_SCRIPT, 2, problemKey(queue, runId), resultsKey(queue, runId), payload, String(RUN_KEY_TTL_MS));
  return pushed === 1;
}

/**
 * An ioredis connection as BullMQ wants it (commands wait for a reconnect instead of failing
 * after a few retries); `connectTimeout` bounds each attempt to connect.
 */
export function redisConnection(url: string, connectTimeout: number): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, connectTimeout, lazyConnect: true, retryStrategy: (times) => Math.min(50 * times, 1000) });
  // Connection errors come back through the commands (and the run's heartbeat); without a
  // listener ioredis would print each reconnection attempt's error.
  redis.on('error', () => {});
  return redis;
}
