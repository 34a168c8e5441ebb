/**
 * Issue 25: the BullMQ executor against a private redis-server and worker host processes started
 * from source. Same seed, same result as threads: 0 and the local pool, with 1, 2 or 3 hosts; a
 * host killed mid-job is survived; Redis lost mid-run ends the run with EXECUTOR_UNAVAILABLE;
 * two runs on one queue do not mix; nothing of a run is left in Redis. Skipped, with the reason
 * printed, only when redis-server is not installed and CI is not set.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoBadMinimaError } from '../../src/errors.js';
import { optimize } from '../../src/index.js';
import type { OptimizeOptions, OptimizeResult } from '../../src/index.js';
import type { Problem } from '../../src/problem/types.js';
import { example1, xorTanh } from '../fixtures/problems.js';
import type { RedisServer, WorkerProcess } from '../helpers/redis.js';
import { redisUnavailableReason, requireRedisUnderCi, startRedis, startWorker } from '../helpers/redis.js';
import { expectSameResult } from '../helpers/runs.js';

requireRedisUnderCi();
const skipReason = redisUnavailableReason();
if (skipReason !== null) console.warn(`test/executor/bullmq.test.ts skipped: ${skipReason}`);

const slow = new URL('../fixtures/modules/slow.mjs', import.meta.url).href;
const slowValley = (spinMs: number): Problem => ({ objective: { module: slow, export: 'slowValley', args: { dimension: 3, spinMs } } });

const cases: [string, Problem, OptimizeOptions][] = [
  ['Example 1, hybrid with hops', example1(0, 0.49), { walkers: 4, local: { method: 'gd', learningRate: 0.002, stepsPerRound: 100 }, maxRounds: 20 }],
  ['XOR tanh, certified early', xorTanh, { walkers: 3, local: { method: 'gd', learningRate: 0.2, stepsPerRound: 50 }, maxRounds: 30, monitor: { patience: 2 } }],
];

/** A run and the checkpoints it emitted, elapsed times set aside (the only wall-clock fields). */
async function runWith(problem: Problem, options: OptimizeOptions): Promise<{ r: OptimizeResult; checkpoints: unknown[] }> {
  const checkpoints: unknown[] = [];
  const r = await optimize(problem, { ...options, checkpointEvery: 4, onCheckpoint: (s) => checkpoints.push({ ...(s as object), elapsedMs: 0 }) });
  return { r, checkpoints };
}

/** `faults`: what a's final checkpoint says of faults where b's differ (a killed host). */
function expectSameRun(a: { r: OptimizeResult; checkpoints: unknown[] }, b: { r: OptimizeResult; checkpoints: unknown[] }, faults = b.r.faults): void {
  expectSameResult(a.r, b.r);
  // The checkpoint's integrity hash (issue 28) covers its fault counts: where they differ, so does it.
  const integrity = faults === b.r.faults ? {} : { integrity: (b.r.checkpoint as { integrity: string }).integrity };
  expect({ ...(a.r.checkpoint as object), elapsedMs: 0, ...integrity }).toEqual({ ...(b.r.checkpoint as object), elapsedMs: 0, faults });
  if (faults === b.r.faults) expect(a.checkpoints).toEqual(b.checkpoints);
}

/** Every key in Redis. */
async function keys(url: string): Promise<string[]> {
  const c = new Redis(url);
  try {
    return (await c.keys('*')).sort();
  } finally {
    c.disconnect();
  }
}

/** What BullMQ keeps for a queue as long as it exists, whatever ran on it. */
const queueKeys = (queue: string) => new Set(['meta', 'events', 'id', 'stalled-check', 'marker', 'wait', 'active', 'completed', 'failed', 'stalled'].map((k) => `bull:${queue}:${k}`));

describe.skipIf(skipReason !== null)('BullMQ executor on a private redis-server', () => {
  let redis: RedisServer;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    workers.push(...(await Promise.all([1, 2, 3].map(() => startWorker(redis.url)))));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await redis?.stop();
  }, 60_000);

  it.each(cases)('%s: bit-identical to threads 0 and the local pool with 3, 2 and 1 worker hosts; SIGTERM exits 0', async (_name, problem, options) => {
    const seed = 'scale-out';
    const inProcess = await runWith(problem, { ...options, seed, threads: 0 });
    const pool = await runWith(problem, { ...options, seed, threads: 2 });
    expect(inProcess.r.hops > 0 || inProcess.r.stopReason === 'certified').toBe(true);
    expectSameRun(pool, inProcess);
    const live = [...workers];
    for (const hosts of [3, 2, 1]) {
      expect(live.length).toBe(hosts);
      const remote = await runWith(problem, { ...options, seed, executor: { type: 'bullmq', connection: redis.url } });
      expectSameRun(remote, inProcess);
      expect(remote.r.faults).toEqual(inProcess.r.faults);
      if (hosts > 1) expect(await live.pop()!.stop()).toBe(0);
    }
    // Back to three hosts for the next case.
    workers.length = 0;
    workers.push(...live, ...(await Promise.all([1, 2].map(() => startWorker(redis.url)))));
  }, 240_000);

  it('two runs on one queue at once do not mix, and nothing of either is left in Redis', async () => {
    const [, p1, o1] = cases[0];
    const [, p2, o2] = cases[1];
    const local1 = await runWith(p1, { ...o1, seed: 'a', threads: 0 });
    const local2 = await runWith(p2, { ...o2, seed: 'b', threads: 0 });
    const before = await keys(redis.url);
    const executor = { type: 'bullmq' as const, connection: redis.url };
    const [r1, r2] = await Promise.all([runWith(p1, { ...o1, seed: 'a', executor }), runWith(p2, { ...o2, seed: 'b', executor })]);
    expectSameRun(r1, local1);
    expectSameRun(r2, local2);
    const after = await keys(redis.url);
    const allowed = queueKeys('no-bad-minima');
    expect(after.filter((k) => !allowed.has(k))).toEqual([]);
    // The earlier runs left the queue's own keys; these two added none.
    expect(after.length).toBeLessThanOrEqual(Math.max(before.length, allowed.size));
    expect(before.filter((k) => !allowed.has(k))).toEqual([]);
  }, 120_000);

  it('a worker host killed mid-job (SIGKILL): the job is run again by another, same result, faults.worker counts it', async () => {
    const queue = 'faults';
    const fast = ['--queue', queue, '--lock-duration', '1000', '--stalled-interval', '300'];
    const problem = slowValley(4);
    const options: OptimizeOptions = { walkers: 1, augmentation: 'scalar', local: { method: 'gd', learningRate: 0.01, stepsPerRound: 25 }, maxRounds: 6, seed: 'kill' };
    const local = await runWith(problem, { ...options, threads: 0 });
    const victim = await startWorker(redis.url, fast);
    const run = runWith(problem, { ...options, executor: { type: 'bullmq', connection: redis.url, queue } });
    const probe = new Redis(redis.url);
    // The victim holds a job once the active list has one (it is the queue's only host).
    while ((await probe.llen(`bull:${queue}:active`)) === 0) await new Promise((r) => setTimeout(r, 5));
    await victim.kill();
    const rescuer = await startWorker(redis.url, fast);
    const remote = await run;
    await rescuer.stop();
    probe.disconnect();
    expectSameRun(remote, local, { ...local.r.faults, worker: 1 });
    expect(local.r.faults.worker).toBe(0);
    expect(remote.r.faults.worker).toBe(1);
    expect(remote.r.faults.numerical).toBe(local.r.faults.numerical);
    const left = await keys(redis.url);
    expect(left.filter((k) => k.startsWith(`bull:${queue}:`) && !queueKeys(queue).has(k))).toEqual([]);
  }, 120_000);

  it('an abort reaches a batch running on a host: the round is cut short, as on the local pool', async () => {
    // One round is 100 evaluations of 20 ms busy wait each: 2 s that the abort interrupts.
    const problem = slowValley(20);
    const options: OptimizeOptions = { walkers: 1, augmentation: 'scalar', local: { method: 'gd', learningRate: 0.01, stepsPerRound: 100 }, maxRounds: 3, seed: 'abort' };
    const controller = new AbortController();
    const run = optimize(problem, { ...options, signal: controller.signal, executor: { type: 'bullmq', connection: redis.url } });
    const probe = new Redis(redis.url);
    while ((await probe.llen('bull:no-bad-minima:active')) === 0) await new Promise((r) => setTimeout(r, 5));
    probe.disconnect();
    controller.abort();
    const r = await run;
    expect(r.stopReason).toBe('aborted');
    expect(r.rounds).toBe(1);
    // A whole round would have spent 100 steps and the end evaluation.
    expect(r.evaluations).toBeLessThan(101);
  }, 60_000);

  it('Redis lost mid-run: EXECUTOR_UNAVAILABLE with the best result so far, no hang', async () => {
    const own = await startRedis();
    const host = await startWorker(own.url);
    let killed = false;
    const error = await optimize(slowValley(1), {
      walkers: 2,
      augmentation: 'scalar',
      local: { method: 'gd', learningRate: 0.01, stepsPerRound: 20 },
      maxRounds: 10_000,
      seed: 'lost',
      executor: { type: 'bullmq', connection: own.url, timeoutMs: 1500, pollMs: 200 },
      onProgress: (p) => {
        if (p.round === 3 && !killed) {
          killed = true;
          void own.stop();
        }
      },
    }).catch((e: unknown) => e);
    await host.kill();
    expect(killed).toBe(true);
    expect(error).toBeInstanceOf(NoBadMinimaError);
    const e = error as NoBadMinimaError;
    expect(e.code).toBe('EXECUTOR_UNAVAILABLE');
    const best = e.details.best as OptimizeResult;
    expect(best.rounds).toBeGreaterThanOrEqual(3);
    expect(best.stopReason).toBe('executor-unavailable');
    expect(best.message).toMatch(/because the executor's Redis became unreachable/);
    expect(Number.isFinite(best.loss)).toBe(true);
    expect(best.theta).toHaveLength(3);
  }, 120_000);
});
