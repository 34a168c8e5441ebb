/**
 * Is the default executor (`threads` left out: adaptive) ever slower than `threads: 0`? For every
 * suite task under the hybrid's options (target mode, the task's budget), with the package's
 * default walkers and with 4, and for an objective module that busy-waits per evaluation (slow
 * enough that the adaptive executor moves to its pool), it times optimize() both ways, alternating
 * the two on every repeat so that a shared machine's load falls on both alike. The figure is the
 * median over repeats and seeds of the per-run ratio adaptive / threads: 0, its maximum, and the
 * ratio of the summed times (runs of a few milliseconds are at the mercy of a collection or a
 * context switch, so the sum is the steadier figure), with where the adaptive runs ended
 * (`result.threads`).
 *
 *   node dist/benchmarks/adaptive-executor.js [--seeds 3] [--repeats 3] [--tasks id,id] [--no-slow]
 *
 * Run it compiled, as users run the package: through tsx, every worker thread compiles the package
 * again as it starts, which makes the pool's start-up several times what it is in dist.
 */
import { existsSync } from 'node:fs';
import { optimize } from '../src/optimize.js';
import type { OptimizeOptions } from '../src/options.js';
import type { Problem } from '../src/problem/types.js';
import { median } from './metrics/stats.js';
import { problemOf, runOptions } from './runner/run-one.js';
import { selectTasks, TASKS } from './tasks/index.js';

const flag = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const count = (name: string, fallback: number): number => {
  const v = Number(flag(name) ?? fallback);
  if (!Number.isSafeInteger(v) || v < 1) throw new Error(`${name}: expected a positive integer, got ${flag(name)}`);
  return v;
};
const seeds = count('--seeds', 3);
const repeats = count('--repeats', 3);
const tasks = flag('--tasks') ? selectTasks(flag('--tasks')!.split(',')) : TASKS;

interface Case {
  name: string;
  problem: Problem;
  options: (seed: number) => OptimizeOptions;
}

const cases: Case[] = [];
for (const task of tasks) {
  for (const walkers of [undefined, 4]) {
    cases.push({
      name: `${task.id}, ${walkers ?? 'default'} walkers`,
      problem: problemOf(task),
      options: (seed) => {
        const { threads: _ignored, ...rest } = runOptions(task, 'hybrid', seed, task.full.maxEvaluations, walkers);
        return rest;
      },
    });
  }
}
if (!process.argv.includes('--no-slow')) {
  // The fixture is plain JavaScript, not compiled: one level up from benchmarks/, two from dist/benchmarks/.
  const fixture = ['../test/fixtures/modules/slow.mjs', '../../test/fixtures/modules/slow.mjs'].map((p) => new URL(p, import.meta.url)).find((u) => existsSync(u));
  if (fixture === undefined) throw new Error('adaptive-executor: test/fixtures/modules/slow.mjs not found beside benchmarks/ or dist/benchmarks/');
  const module = fixture.href;
  for (const walkers of [1, 4]) {
    cases.push({
      name: `slowRastrigin 0.5 ms/evaluation, ${walkers} walkers`,
      problem: { objective: { module, export: 'slowRastrigin', args: { dimension: 3, msPerEvaluation: 0.5 } } },
      options: (seed) => ({ seed, walkers, maxEvaluations: 4000, targetLoss: 1e-6, stopWhenCertified: false }),
    });
  }
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

async function timed(problem: Problem, options: OptimizeOptions): Promise<{ ms: number; threads: number; evaluations: number; loss: number }> {
  const started = performance.now();
  const r = await optimize(problem, options);
  return { ms: performance.now() - started, threads: r.threads, evaluations: r.evaluations, loss: r.loss };
}

console.log('| case | median ms adaptive | median ms threads: 0 | median ratio | max ratio | total ratio | adaptive ended on | same result |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
for (const c of cases) {
  const ratios: number[] = [];
  const adaptiveMs: number[] = [];
  const inProcessMs: number[] = [];
  const endedOn = new Map<number, number>();
  let same = true;
  // One untimed run each way first, so that the JIT's work on the case falls on neither side.
  await timed(c.problem, c.options(0));
  await timed(c.problem, { ...c.options(0), threads: 0 });
  for (let seed = 0; seed < seeds; seed++) {
    for (let rep = 0; rep < repeats; rep++) {
      // Alternate which goes first, so that neither always runs on a warmer JIT or a quieter moment.
      const order = rep % 2 === 0 ? ['adaptive', 'zero'] : ['zero', 'adaptive'];
      const out: Record<string, Awaited<ReturnType<typeof timed>>> = {};
      for (const which of order) {
        const options = c.options(seed);
        out[which] = await timed(c.problem, which === 'zero' ? { ...options, threads: 0 } : options);
      }
      ratios.push(out.adaptive.ms / out.zero.ms);
      adaptiveMs.push(out.adaptive.ms);
      inProcessMs.push(out.zero.ms);
      endedOn.set(out.adaptive.threads, (endedOn.get(out.adaptive.threads) ?? 0) + 1);
      same &&= out.adaptive.evaluations === out.zero.evaluations && Object.is(out.adaptive.loss, out.zero.loss);
    }
  }
  const ended = [...endedOn].map(([t, n]) => `${t === 0 ? 'in-process' : `${t} threads`} ×${n}`).join(', ');
  console.log(
    `| ${c.name} | ${median(adaptiveMs).toFixed(1)} | ${median(inProcessMs).toFixed(1)} | ${median(ratios).toFixed(2)}× | ${Math.max(...ratios).toFixed(2)}× | ${(sum(adaptiveMs) / sum(inProcessMs)).toFixed(2)}× | ${ended} | ${same ? 'yes' : 'NO'} |`,
  );
}
