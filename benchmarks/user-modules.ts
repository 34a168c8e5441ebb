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
 *   npx tsx benchmarks/user-modules.ts [--repeats 15] [--ms 150] [--only <substring of a case name>]
 */
import { cpus } from 'node:os';
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
async function evaluateCase(name: string, problem: Problem, augmentation: Augmentation, pairs: 1 | 2): Promise<Case> {
  const obj: AugmentedObjective = await createObjective(problem, { augmentation, lambda: 1 });
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
async function timeOptimize(): Promise<number> {
  const start = process.hrtime.bigint();
  const r = await optimize(objectiveProblem(2), {
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

const cases: Case[] = [
  await evaluateCase('objective rastrigin-2, scalar', objectiveProblem(2), 'scalar', 1),
  await evaluateCase('objective rastrigin-2, scalar, 2 pairs', objectiveProblem(2), 'scalar', 2),
  await evaluateCase('objective rastrigin-2, none', objectiveProblem(2), 'none', 1),
  await evaluateCase('objective rastrigin-100, scalar', objectiveProblem(100), 'scalar', 1),
  await evaluateCase('model linear 2→1 m=4, neuron', modelProblem(2, 4), 'neuron', 1),
  await evaluateCase('model linear 2→1 m=4, neuron, 2 pairs', modelProblem(2, 4), 'neuron', 2),
  await evaluateCase('model linear 2→1 m=4, scalar', modelProblem(2, 4), 'scalar', 1),
  await evaluateCase('model linear 2→1 m=4, none', modelProblem(2, 4), 'none', 1),
];
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt < 0 ? null : process.argv[onlyAt + 1];
if (only !== null) cases.splice(0, cases.length, ...cases.filter((c) => c.name.includes(only)));
for (const c of cases) calibrate(c);
const whole: Case = { name: 'optimize() rastrigin-2, scalar, threads 0, gd, 40k evals', call: () => 0, calls: 1, nsPerCall: [] };
await timeOptimize();

for (let r = 0; r < repeats; r++) {
  for (const c of cases) c.nsPerCall.push(timeBatch(c));
  if (only === null) whole.nsPerCall.push(await timeOptimize());
}

const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)];
console.log(`${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, one thread; ${repeats} repeats of about ${batchMs} ms per case`);
for (const c of only === null ? [...cases, whole] : cases) {
  const v = c.nsPerCall;
  console.log(`${c.name.padEnd(58)} ${median(v).toFixed(1).padStart(8)} ns/eval  (${Math.min(...v).toFixed(1)}–${Math.max(...v).toFixed(1)})`);
}
if (!Number.isFinite(sink)) console.log('(non-finite checksum)');
