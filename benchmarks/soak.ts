/**
 * Soak: optimize() back to back in one process, with worker threads, for a fixed time. Reports RSS
 * and heap after warm-up and at the end, the OS thread count, and the number of runs, so leaks of
 * memory, threads or handles show up as growth.
 *
 *   npx tsx benchmarks/soak.ts [--minutes 10] [--warmup-runs 100]
 */
import { readdirSync } from 'node:fs';
import { optimize } from '../src/index.js';
import type { OptimizeOptions, Problem } from '../src/index.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const minutes = arg('minutes', 10);
const warmupRuns = arg('warmup-runs', 100);

const threads = () => readdirSync('/proc/self/task').length;
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** A mix of exit paths: target, certified, budget, abort, and a validation error. */
const runs: [string, Problem, OptimizeOptions][] = [
  [
    'example1 hybrid',
    { model: { type: 'example1', init: { type: 'uniform', low: 0, high: 0.49 } }, loss: { type: 'smoothed-hinge', power: 3 }, data: { x: [0], y: [-1] } },
    { walkers: 4, local: { method: 'gd', learningRate: 0.002 }, targetLoss: 1e-6, maxEvaluations: 100_000 },
  ],
  [
    'xor tanh',
    { model: { type: 'mlp', layers: [2, 2, 1], activation: 'tanh', init: { type: 'uniform', low: -1, high: 1 } }, loss: 'squared', data: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] } },
    { walkers: 4, local: { method: 'gd', learningRate: 0.2, stepsPerRound: 50 }, maxRounds: 40 },
  ],
  ['rastrigin budget', { objective: { type: 'rastrigin', dimension: 5 } }, { walkers: 4, local: { method: 'adam', learningRate: 0.05 }, maxEvaluations: 20_000 }],
];

async function once(i: number): Promise<void> {
  const [, problem, options] = runs[i % runs.length];
  const controller = new AbortController();
  const abortEarly = i % 7 === 6;
  await optimize(problem, {
    ...options,
    threads: 2,
    seed: i,
    signal: controller.signal,
    onProgress: (p) => {
      if (abortEarly && p.round === 2) controller.abort();
    },
  });
  if (i % 11 === 10) await optimize(problem, { ...options, walkers: 0 }).catch(() => undefined);
}

let count = 0;
for (; count < warmupRuns; count++) await once(count);
global.gc?.();
const start = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, threads: threads(), at: Date.now() };
const samples: number[] = [];
const trajectory: string[] = [];
let nextReport = 1;
while (Date.now() - start.at < minutes * 60_000) {
  await once(count++);
  if (count % 50 === 0) samples.push(process.memoryUsage().rss);
  // Ten points along the way show whether RSS climbs steadily (a leak) or levels off.
  if (Date.now() - start.at >= (nextReport * minutes * 60_000) / 10) {
    global.gc?.();
    const m = process.memoryUsage();
    trajectory.push(`${nextReport * 10}%: ${count} runs, RSS ${mib(m.rss)}, heap ${mib(m.heapUsed)} MiB, ${threads()} threads`);
    nextReport += 1;
  }
}
global.gc?.();
const end = { rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, threads: threads() };
const pct = (a: number, b: number) => `${(((b - a) / a) * 100).toFixed(1)}%`;
console.log(`soak: ${count} runs of optimize() (${warmupRuns} warm-up) in ${minutes} min, threads: 2, Node ${process.version}`);
console.log(`RSS  after warm-up ${mib(start.rss)} MiB → end ${mib(end.rss)} MiB (${pct(start.rss, end.rss)}); peak sampled ${mib(Math.max(start.rss, ...samples))} MiB`);
console.log(`heap after warm-up ${mib(start.heap)} MiB → end ${mib(end.heap)} MiB (${pct(start.heap, end.heap)})${global.gc ? ' (after gc)' : ' (run with --expose-gc for post-gc figures)'}`);
console.log(`OS threads between runs: ${start.threads} → ${end.threads}`);
console.log(trajectory.join('\n'));
