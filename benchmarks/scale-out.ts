/**
 * Scale-out: the same run on the local pool and on the BullMQ executor with 1 and 2 worker host
 * processes (a private redis-server on a loopback port), on an expensive objective: the
 * teacher–student task with a large sample. Prints walker-rounds per second of each, whether
 * the results are the same, and the overhead per job (a one-round batch of a tiny problem sent
 * and received again and again, less the batch's own compute time).
 *
 *   npx tsc -p tsconfig.json && node dist/benchmarks/scale-out.js [--m 16000] [--rounds 8] [--walkers 4] [--jobs 300]
 *
 * From dist: worker threads cannot import the task's TypeScript student module through tsx.
 *
 * Needs redis-server installed (apt-get install redis-server). Figures depend on the machine: on a
 * 2-core machine two hosts share the cores with the coordinator and Redis.
 */
import { parseArgs } from 'node:util';
import { augment } from '../src/augment/create.js';
import { BullMQExecutor } from '../src/executor/bullmq.js';
import type { Executor } from '../src/executor/executor.js';
import { resolveExecutorOptions } from '../src/executor/options.js';
import { PoolExecutor } from '../src/executor/pool.js';
import { optimize } from '../src/index.js';
import type { OptimizeOptions, OptimizeResult } from '../src/index.js';
import { HOPPING_DEFAULTS, resolveOptions } from '../src/options.js';
import { instantiate } from '../src/problem/instantiate.js';
import { prepareProblem } from '../src/problem/prepare.js';
import type { Problem } from '../src/problem/types.js';
import type { WalkerContext } from '../src/walker/advance.js';
import { createControl } from '../src/walker/round.js';
import { cloneWalker, createWalker } from '../src/walker/state.js';
import { startRedis, startWorker } from './runner/local-redis.js';
import type { WorkerProcess } from './runner/local-redis.js';
import { fixedOutputStudentPath, teacherStudentData } from './tasks/teacher-student-relu-finite.js';

const { values } = parseArgs({
  options: { m: { type: 'string', default: '16000' }, rounds: { type: 'string', default: '8' }, walkers: { type: 'string', default: '4' }, jobs: { type: 'string', default: '300' } },
});
const m = Number(values.m);
const rounds = Number(values.rounds);
const walkers = Number(values.walkers);
const jobs = Number(values.jobs);

const problem: Problem = {
  model: { module: fixedOutputStudentPath(), export: 'createFixedOutputStudent', args: { inputSize: 12, width: 12 } },
  loss: 'squared',
  data: teacherStudentData(m),
};
const options: OptimizeOptions = {
  augmentation: 'neuron',
  local: { method: 'nesterov', learningRate: 0.025, momentum: 0.9, stepsPerRound: 20 },
  hopping: { stepSize: 0.5, restartAfter: 2 },
  walkers,
  maxRounds: rounds,
  seed: 1,
};

function fingerprint(r: OptimizeResult): string {
  return JSON.stringify({ theta: Array.from(r.theta), loss: r.loss, evaluations: r.evaluations, history: r.history });
}

async function timed(label: string, extra: OptimizeOptions): Promise<{ label: string; seconds: number; rate: number; print: string }> {
  const started = performance.now();
  const r = await optimize(problem, { ...options, ...extra });
  const seconds = (performance.now() - started) / 1000;
  const rate = (r.rounds * walkers) / seconds;
  process.stdout.write(`${label.padEnd(34)} ${seconds.toFixed(2).padStart(7)} s  ${rate.toFixed(2).padStart(7)} walker-rounds/s  (${r.rounds} rounds × ${walkers} walkers, loss ${r.loss.toPrecision(6)})\n`);
  return { label, seconds, rate, print: fingerprint(r) };
}

/** Mean milliseconds per job beyond its compute: `jobs` one-round batches of a tiny problem, one at a time. */
async function overheadPerJob(make: (prepared: Awaited<ReturnType<typeof prepareProblem>>) => Promise<Executor>): Promise<{ wallMs: number; computeMs: number }> {
  const tiny: Problem = { model: { type: 'mlp', layers: [2, 2, 1], activation: 'tanh', init: { type: 'uniform', low: -1, high: 1 } }, loss: 'squared', data: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] } };
  const o = resolveOptions({ local: { method: 'gd', learningRate: 0.1, stepsPerRound: 1 }, hopping: false }, 'model');
  const prepared = await prepareProblem(tiny);
  const executor = await make(prepared);
  const obj = augment(await instantiate(prepared), o.augmentation, o.lambda);
  const context: WalkerContext = {
    augmentation: o.augmentation, lambda: o.lambda, local: o.local, share: Number.MAX_SAFE_INTEGER, targetLoss: o.targetLoss, stopWhenCertified: false,
    monitor: o.monitor, hopping: o.hopping, auxScale: HOPPING_DEFAULTS.auxScale, dormant: true, reportHops: false,
  };
  let w = createWalker(0, 'overhead', obj, HOPPING_DEFAULTS.auxScale, HOPPING_DEFAULTS.stepSize, true);
  let compute = 0;
  const run = async () => {
    const r = await executor.run({ problem: prepared, context, walker: cloneWalker(w), rounds: 1, control: createControl(), deadline: Infinity });
    w = r.walker;
    return r.computeMs;
  };
  for (let i = 0; i < 20; i++) await run(); // warm-up: the hosts import and build the problem once
  const started = performance.now();
  for (let i = 0; i < jobs; i++) compute += await run();
  const wall = performance.now() - started;
  await executor.close();
  return { wallMs: wall / jobs, computeMs: compute / jobs };
}

process.stdout.write(`teacher–student, k = 12, m = ${m}, ${walkers} walkers × ${rounds} rounds of 20 steps, nesterov; Node ${process.version}\n\n`);
const redis = await startRedis();
const hosts: WorkerProcess[] = [];
try {
  const results: Awaited<ReturnType<typeof timed>>[] = [];
  results.push(await timed('local pool, threads 1', { threads: 1 }));
  results.push(await timed('local pool, threads 2', { threads: 2 }));
  hosts.push(await startWorker(redis.url));
  results.push(await timed('bullmq, 1 worker host', { executor: { type: 'bullmq', connection: redis.url } }));
  hosts.push(await startWorker(redis.url));
  results.push(await timed('bullmq, 2 worker hosts', { executor: { type: 'bullmq', connection: redis.url } }));
  process.stdout.write(`\nsame result on every executor: ${results.every((r) => r.print === results[0].print) ? 'yes' : 'NO'}\n`);
  const base = results[0].rate;
  for (const r of results) process.stdout.write(`  ${r.label.padEnd(32)} ${(r.rate / base).toFixed(2)}x threads 1\n`);

  await hosts.pop()!.stop();
  process.stdout.write(`\noverhead per job (${jobs} one-round batches of XOR 2-2-1, one at a time; wall per job − compute per job):\n`);
  const p = await overheadPerJob(async () => new PoolExecutor(1));
  process.stdout.write(`  local pool, 1 thread:   ${(p.wallMs - p.computeMs).toFixed(3)} ms (wall ${p.wallMs.toFixed(3)} ms, compute ${p.computeMs.toFixed(3)} ms)\n`);
  const b = await overheadPerJob((prepared) => BullMQExecutor.connect(resolveExecutorOptions({ type: 'bullmq', connection: redis.url }, 'executor') as never, prepared));
  process.stdout.write(`  bullmq, 1 worker host:  ${(b.wallMs - b.computeMs).toFixed(3)} ms (wall ${b.wallMs.toFixed(3)} ms, compute ${b.computeMs.toFixed(3)} ms)\n`);
} finally {
  await Promise.all(hosts.map((h) => h.stop()));
  await redis.stop();
}
