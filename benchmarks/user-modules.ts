/**
 * The hot path of a user's own module: nanoseconds per evaluation of L̃ and ∇L̃ (the augmented
 * objective's `evaluate`, what every local step calls) for a user objective module and a user model
 * module, under each augmentation, plus one in-process `optimize()` run for the whole round loop.
 * The modules (benchmarks/fixtures/user-modules.mjs) are cheap on purpose — Rastrigin in 2
 * dimensions costs tens of nanoseconds — so that what the package adds around a user's function
 * (views, checks) shows, rather than drowning in the function's own cost.
 *
 * The cases run round-robin, `--repeats` times, each time for a batch of about `--ms`
 * milliseconds, so that a shared, noisy machine disturbs every case alike; the figure is the
 * median over the repeats, with the fastest and slowest batch beside it. One thread.
 *
 * With `--baseline <dir>` (another checkout of the package, e.g. an earlier commit unpacked with
 * `git archive <commit> | tar -x -C <dir>` and node_modules linked in), every case also runs on that
 * checkout's code in the same process, its batches alternating with this checkout's, so that both
 * see the same load; the figure is then the median of the per-repeat ratios (this / baseline).
 *
 *   npx tsx benchmarks/user-modules.ts [--repeats 15] [--ms 150] [--only <substring of a case name>] [--baseline <dir>]
 */
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import seedrandom from 'seedrandom';
import { createObjective } from '../src/augment/create.js';
import type { AugmentedObjective } from '../src/augment/augmented.js';
import { optimize } from '../src/optimize.js';
import type { Problem } from '../src/problem/types.js';
import type { Augmentation } from '../src/types.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  const v = i < 0 ? NaN : Number(process.argv[i + 1]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const repeats = arg('--repeats', 15);
const batchMs = arg('--ms', 150);

const modules = new URL('./fixtures/user-modules.mjs', import.meta.url).href;
const objectiveProblem = (dimension: number): Problem => ({ objective: { module: modules, export: 'rastrigin', args: { dimension } } });
const modelProblem = (inputSize: number, m: number): Problem => {
  const prng = seedrandom.xor4096('user-modules-data');
  const x = Array.from({ length: m }, () => Array.from({ length: inputSize }, () => 2 * prng.double() - 1));
  const y = x.map((row) => row.reduce((s, v) => s + v, 0.5));
  return { model: { module: modules, export: 'linear', args: { inputSize } }, loss: 'squared', data: { x, y } };
};

interface Case {
  name: string;
  /** One call of the hot path; returns a number so that the work cannot be optimized away. */
  call: () => number;
  /** Calls per batch, calibrated once. */
  calls: number;
  nsPerCall: number[];
}

let sink = 0;

/** `evaluate` on one (z, grad) pair, or alternating between two, as L-BFGS does (x and its trial). */
type Build = typeof createObjective;
type Run = typeof optimize;

async function evaluateCase(build: Build, name: string, problem: Problem, augmentation: Augmentation, pairs: 1 | 2): Promise<Case> {
  const obj: AugmentedObjective = await build(problem, { augmentation, lambda: 1 });
  const prng = seedrandom.xor4096(`user-modules-${name}`);
  const rng = () => prng.double();
  const zs = Array.from({ length: pairs }, () => {
    const z = new Float64Array(obj.dimension);
    obj.init(rng, z, 0.1);
    return z;
  });
  const grads = zs.map(() => new Float64Array(obj.dimension));
  let k = 0;
  const call =
    pairs === 1
      ? () => obj.evaluate(zs[0], grads[0])
      : () => {
          k ^= 1;
          return obj.evaluate(zs[k], grads[k]);
        };
  return { name, call, calls: 0, nsPerCall: [] };
}

function timeBatch(c: Case): number {
  const start = process.hrtime.bigint();
  let s = 0;
  for (let i = 0; i < c.calls; i++) s += c.call();
  const ns = Number(process.hrtime.bigint() - start);
  sink += s;
  return ns / c.calls;
}

function calibrate(c: Case): void {
  for (let i = 0; i < 20_000; i++) sink += c.call();
  c.calls = 1000;
  for (;;) {
    const ns = timeBatch(c) * c.calls;
    if (ns > 20e6) break;
    c.calls *= 4;
  }
  c.calls = Math.max(1000, Math.round((c.calls * batchMs * 1e6) / (timeBatch(c) * c.calls)));
}

/** A whole in-process run on Rastrigin-2 with a fixed budget: ns per evaluation, rounds included. */
async function timeOptimize(run: Run): Promise<number> {
  const start = process.hrtime.bigint();
  const r = await run(objectiveProblem(2), {
    threads: 0,
    walkers: 4,
    seed: 1,
    augmentation: 'scalar',
    local: { method: 'gd', learningRate: 2e-3, stepsPerRound: 100 },
    targetLoss: -1,
    maxEvaluations: 40_000,
  });
  const ns = Number(process.hrtime.bigint() - start);
  sink += r.loss;
  return ns / r.evaluations;
}

const baselineAt = process.argv.indexOf('--baseline');
const baselineDir = baselineAt < 0 ? null : process.argv[baselineAt + 1];
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt < 0 ? null : process.argv[onlyAt + 1];

async function buildCases(build: Build): Promise<Case[]> {
  const all = [
    await evaluateCase(build, 'objective rastrigin-2, scalar', objectiveProblem(2), 'scalar', 1),
    await evaluateCase(build, 'objective rastrigin-2, scalar, 2 pairs', objectiveProblem(2), 'scalar', 2),
    await evaluateCase(build, 'objective rastrigin-2, none', objectiveProblem(2), 'none', 1),
    await evaluateCase(build, 'objective rastrigin-100, scalar', objectiveProblem(100), 'scalar', 1),
    await evaluateCase(build, 'model linear 2→1 m=4, neuron', modelProblem(2, 4), 'neuron', 1),
    await evaluateCase(build, 'model linear 2→1 m=4, neuron, 2 pairs', modelProblem(2, 4), 'neuron', 2),
    await evaluateCase(build, 'model linear 2→1 m=4, scalar', modelProblem(2, 4), 'scalar', 1),
    await evaluateCase(build, 'model linear 2→1 m=4, none', modelProblem(2, 4), 'none', 1),
  ];
  return only === null ? all : all.filter((c) => c.name.includes(only));
}

const cases = await buildCases(createObjective);
const whole: Case = { name: 'optimize() rastrigin-2, scalar, threads 0, gd, 40k evals', call: () => 0, calls: 1, nsPerCall: [] };
let baseline: { cases: Case[]; whole: Case; run: Run } | null = null;
if (baselineDir !== null) {
  const root = pathToFileURL(`${resolve(baselineDir)}/`);
  const { createObjective: build } = (await import(new URL('src/augment/create.ts', root).href)) as { createObjective: Build };
  const { optimize: run } = (await import(new URL('src/optimize.ts', root).href)) as { optimize: Run };
  baseline = { cases: await buildCases(build), whole: { ...whole, nsPerCall: [] }, run };
}
for (const c of [...cases, ...(baseline?.cases ?? [])]) calibrate(c);
// The same number of calls per batch on both sides, so that a batch's ratio compares like with like.
if (baseline) baseline.cases.forEach((c, i) => (c.calls = cases[i].calls));
await timeOptimize(optimize);
if (baseline) await timeOptimize(baseline.run);

for (let r = 0; r < repeats; r++) {
  // Which side goes first alternates, so that neither always runs right after the other.
  const sides: [Case[], Case, Run][] = [[cases, whole, optimize]];
  if (baseline) sides[r % 2 === 0 ? 'push' : 'unshift']([baseline.cases, baseline.whole, baseline.run]);
  for (let i = 0; i < cases.length; i++) for (const [list] of sides) list[i].nsPerCall.push(timeBatch(list[i]));
  if (only === null) for (const [, w, run] of sides) w.nsPerCall.push(await timeOptimize(run));
}

const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)];
const fmt = (v: number[]) => `${median(v).toFixed(1).padStart(8)} ns/eval  (${Math.min(...v).toFixed(1)}–${Math.max(...v).toFixed(1)})`;
console.log(`${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, one thread; ${repeats} repeats of about ${batchMs} ms per case`);
if (baseline) console.log(`baseline: ${baselineDir}`);
const mine = only === null ? [...cases, whole] : cases;
const theirs = baseline ? (only === null ? [...baseline.cases, baseline.whole] : baseline.cases) : [];
mine.forEach((c, i) => {
  if (!baseline) {
    console.log(`${c.name.padEnd(58)} ${fmt(c.nsPerCall)}`);
    return;
  }
  const b = theirs[i].nsPerCall;
  const ratios = c.nsPerCall.map((v, k) => v / b[k]);
  console.log(`${c.name.padEnd(58)} this ${fmt(c.nsPerCall)} | baseline ${fmt(b)} | this/baseline ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})`);
});
if (!Number.isFinite(sink)) console.log('(non-finite checksum)');
