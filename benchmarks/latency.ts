/**
 * Latency of a stop (issue 28): how long optimize() takes to settle after an abort, and how far
 * past its time limit it settles, for objectives of 1 µs, 1 ms and 20 ms per evaluation (the
 * busyWait fixture module) on threads 0, 1 and 2, and with threads left out ('auto': the adaptive
 * executor, in-process while batches are cheap). Two walkers, 100 evaluations a round.
 *
 * - abort→settle: the abort is fired 300 ms after the first round is in (the threads are up), and
 *   timed from controller.abort() to the settled promise.
 * - time-limit overshoot: settle time minus timeLimitMs, with the limit long enough (3 s) for the
 *   threads to have started.
 * - guard cost: in-process, a run with a time limit has its slices of user code guarded against a
 *   module that never returns (executor/slice-guard.ts). Wall time per round of the 1 µs module,
 *   threads 0, fixed rounds, with no time limit and with a limit far away, batches alternating.
 *
 *   npx tsc -p tsconfig.json && node dist/benchmarks/latency.js [--repeats 3]   (from the repo root)
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { optimize } from '../src/index.js';
import type { OptimizeOptions } from '../src/index.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const repeats = arg('repeats', 3);
const TIME_LIMIT_MS = 3000;
const module = pathToFileURL(resolve('test/fixtures/modules/hostile.mjs')).href;

const problem = (microseconds: number) => ({ objective: { module, export: 'busyWait', args: { microseconds, dimension: 2 } } });
const base = (threads: number | undefined): OptimizeOptions => ({
  ...(threads === undefined ? {} : { threads }),
  walkers: 2,
  local: { method: 'gd', learningRate: 0.01, stepsPerRound: 100 },
  stopWhenCertified: false,
  seed: 1,
});

async function abortToSettle(microseconds: number, threads: number | undefined): Promise<{ ms: number; stopReason: string }> {
  const controller = new AbortController();
  let abortedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onProgress = () => {
    timer ??= setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, 300);
  };
  const r = await optimize(problem(microseconds), { ...base(threads), maxRounds: 1e9, signal: controller.signal, onProgress });
  clearTimeout(timer);
  return { ms: performance.now() - abortedAt, stopReason: r.stopReason };
}

async function overshoot(microseconds: number, threads: number | undefined): Promise<{ ms: number; stopReason: string }> {
  const t0 = performance.now();
  const r = await optimize(problem(microseconds), { ...base(threads), timeLimitMs: TIME_LIMIT_MS });
  return { ms: performance.now() - t0 - TIME_LIMIT_MS, stopReason: r.stopReason };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `${median(xs).toFixed(0).padStart(5)} ms (max ${Math.max(...xs).toFixed(0)})`;

console.log(`repeats ${repeats}; median (max) over repeats; time limit ${TIME_LIMIT_MS} ms`);
console.log('evaluation  threads  abort→settle              time-limit overshoot      stop reasons');
for (const microseconds of [1, 1000, 20_000]) {
  for (const threads of [0, 1, 2, undefined]) {
    const aborts: number[] = [];
    const overs: number[] = [];
    const reasons = new Set<string>();
    for (let k = 0; k < repeats; k++) {
      const a = await abortToSettle(microseconds, threads);
      aborts.push(a.ms);
      reasons.add(a.stopReason);
      const o = await overshoot(microseconds, threads);
      overs.push(o.ms);
      reasons.add(o.stopReason);
    }
    const label = microseconds < 1000 ? `${microseconds} µs` : `${microseconds / 1000} ms`;
    console.log(`${label.padEnd(11)} ${String(threads ?? 'auto').padEnd(8)} ${fmt(aborts).padEnd(25)} ${fmt(overs).padEnd(25)} ${[...reasons].join(',')}`);
  }
}

const GUARD_ROUNDS = 400;
async function msPerRound(timeLimitMs: number | undefined): Promise<number> {
  const t0 = performance.now();
  const r = await optimize(problem(1), { ...base(0), maxRounds: GUARD_ROUNDS, ...(timeLimitMs === undefined ? {} : { timeLimitMs }) });
  return (performance.now() - t0) / r.rounds;
}
const unguarded: number[] = [];
const guarded: number[] = [];
for (let k = 0; k < 2 * repeats + 1; k++) {
  unguarded.push(await msPerRound(undefined));
  guarded.push(await msPerRound(1e9));
}
const us = (xs: number[]) => `${(1000 * median(xs)).toFixed(0)} µs`;
console.log(`guard cost, 1 µs module, threads 0, ${GUARD_ROUNDS} rounds x ${2 * repeats + 1}: per round ${us(unguarded)} without a time limit, ${us(guarded)} with one (guarded)`);
