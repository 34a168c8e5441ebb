/**
 * The hybrid's own figures: success against plain gradient descent at equal evaluation budgets on
 * Example 1 (θ₀ ~ U[0, 0.49], the bad basin) and on XOR 2-2-1 with ReLU and the cubic hinge; the
 * divergence monitor's precision, recall and latency on those runs; and walker-steps per second
 * with 1 against 2 threads.
 *
 *   npx tsx benchmarks/hybrid.ts [--seeds 100] [--skip-throughput | --only-throughput] [--reps 7] [--steps-per-round 5000]
 *
 * Monitor ground truth: every hop reports the walker's end-of-search state (options.onHop). That
 * walker is then run on alone, without hops, for 10× the evaluations its search had used (at least
 * 10 000). A 'stuck' verdict is right when it never reaches the tolerance. Recall counts, among the
 * searches that truly were stuck, those called 'stuck' rather than hopped later as merely 'stalled'.
 * Latency: steps from the round at which L(θ) settled (never again moving by more than 1e-3 of
 * itself within that search) to the 'stuck' verdict.
 */
import { cpus } from 'node:os';
import { createObjective, createStepper, optimize } from '../src/index.js';
import { measureHardwareCeiling } from './runner/speedup.js';
import type { HopEvent, OptimizeOptions, OptimizeResult, Problem, StepperState } from '../src/index.js';

const argv = process.argv;
const seeds = Number(argv[argv.indexOf('--seeds') + 1]) || 100;
// This VM's speed drifts from run to run: repetitions alternate 1 and 2 threads and the medians count.
const reps = Number(argv[argv.indexOf('--reps') + 1]) || 7;
const TOL = 1e-6;

interface Task {
  name: string;
  problem: Problem;
  hybrid: OptimizeOptions;
  plain: OptimizeOptions;
  budget: number;
}

const tasks: Task[] = [
  {
    name: 'Example 1, θ₀ ~ U[0, 0.49]',
    problem: {
      model: { type: 'example1', init: { type: 'uniform', low: 0, high: 0.49 } },
      loss: { type: 'smoothed-hinge', power: 3 },
      data: { x: [0], y: [-1] },
    },
    // lr < 0.003476 keeps plain gradient descent in the bad basin (docs/design.md §2).
    hybrid: { walkers: 4, local: { method: 'gd', learningRate: 0.002, stepsPerRound: 100 } },
    plain: { walkers: 4, local: { method: 'gd', learningRate: 0.002, stepsPerRound: 100 }, augmentation: 'none', hopping: false },
    budget: 100_000,
  },
  {
    name: 'XOR 2-2-1 ReLU, cubic hinge',
    problem: {
      model: { type: 'mlp', layers: [2, 2, 1], activation: 'relu', init: { type: 'uniform', low: -1, high: 1 } },
      loss: { type: 'smoothed-hinge', power: 3 },
      data: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [-1, 1, 1, -1] },
    },
    hybrid: { walkers: 4, local: { method: 'gd', learningRate: 0.05, stepsPerRound: 100 } },
    // One walker spending the whole budget: the plain method as published (lr 0.05).
    plain: { walkers: 1, local: { method: 'gd', learningRate: 0.05, stepsPerRound: 100 }, augmentation: 'none', hopping: false },
    // The full suite's budget for this task.
    budget: 100_000,
  },
];

const median = (v: number[]) => (v.length === 0 ? NaN : [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]);
const pct = (k: number, n: number) => `${((100 * k) / n).toFixed(1)}% (${k}/${n})`;

/** Runs z on alone without hops; true when L(θ) reaches the tolerance within `evaluations`. */
async function reachesTolerance(task: Task, e: HopEvent, evaluations: number): Promise<boolean> {
  const obj = await createObjective(task.problem, { augmentation: 'neuron', lambda: 1 });
  const stepper = createStepper(obj.dimension, task.hybrid.local);
  if (e.stepper) stepper.setState(e.stepper as StepperState);
  const z = e.z.slice();
  try {
    for (let used = 0; used < evaluations; ) {
      used += stepper.step(obj, z);
      if (obj.stats.loss <= TOL) return true;
    }
  } catch (error) {
    // The auxiliary overflowed on the way to infinity: that walker never reached the tolerance.
    if ((error as { code?: string }).code === 'NUMERICAL_FAULT') return false;
    throw error;
  }
  return false;
}

/** Round at which the walker's L(θ) settled within its search, from the per-round history. */
function settledRound(r: OptimizeResult, e: HopEvent): number {
  const losses = r.history.filter((h) => h.round > e.searchStartRound && h.round <= e.round).map((h) => ({ round: h.round, loss: h.walkers[e.walker].loss }));
  let settled = e.round;
  for (let i = losses.length - 1; i >= 0; i--) {
    if (Math.abs(losses[i].loss - e.loss) > 1e-3 * Math.abs(e.loss)) break;
    settled = losses[i].round;
  }
  return settled;
}

console.log(`no-bad-minima hybrid benchmark: ${seeds} seeds, success = L(θ) ≤ ${TOL}; ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}\n`);

for (const task of argv.includes('--only-throughput') ? [] : tasks) {
  const hybrid: OptimizeResult[] = [];
  const plain: OptimizeResult[] = [];
  const scores = { truePos: 0, falsePos: 0, falseNeg: 0, latencies: [] as number[] };
  for (let seed = 0; seed < seeds; seed++) {
    const events: HopEvent[] = [];
    const h = await optimize(task.problem, { ...task.hybrid, threads: 0, seed, targetLoss: TOL, maxEvaluations: task.budget, onHop: (e) => events.push(e) });
    hybrid.push(h);
    plain.push(await optimize(task.problem, { ...task.plain, threads: 0, seed, targetLoss: TOL, maxEvaluations: task.budget }));
    for (const e of events) {
      if (e.verdict === 'converged') continue;
      const truth = !(await reachesTolerance(task, e, Math.max(10 * e.searchEvaluations, 10_000)));
      if (e.verdict === 'stuck') {
        if (truth) scores.truePos += 1;
        else scores.falsePos += 1;
        scores.latencies.push((e.round - settledRound(h, e)) * (task.hybrid.local?.stepsPerRound ?? 100));
      } else if (truth) scores.falseNeg += 1;
    }
  }
  const okH = hybrid.filter((r) => r.loss <= TOL);
  const okP = plain.filter((r) => r.loss <= TOL);
  console.log(`## ${task.name}: budget ${task.budget} evaluations per run`);
  console.log(`hybrid: success ${pct(okH.length, seeds)}; median evaluations to success ${median(okH.map((r) => r.evaluations))}; median hops ${median(hybrid.map((r) => r.hops))}`);
  console.log(`plain gradient descent: success ${pct(okP.length, seeds)}; final L(θ) median ${median(plain.map((r) => r.loss)).toPrecision(6)}`);
  const flagged = scores.truePos + scores.falsePos;
  const stuck = scores.truePos + scores.falseNeg;
  console.log(
    `monitor: ${flagged} 'stuck' verdicts; precision ${pct(scores.truePos, flagged)}; recall ${pct(scores.truePos, stuck)}; ` +
      `median latency ${median(scores.latencies)} steps from L(θ) settling to the verdict\n`,
  );
}

if (!argv.includes('--skip-throughput')) {
  // Rounds of 5000 steps keep each task in the milliseconds, well above the ~30 µs a task costs.
  // Two rates per run: overall (pool start and the workers' JIT warm-up included) and steady
  // (from the end of round WARM on), the rate a long run settles at.
  const K = Number(argv[argv.indexOf('--steps-per-round') + 1]) || 5000;
  const WARM = 10;
  const ROUNDS = Math.round((120 * 5000) / K);
  const task = tasks[1];
  const options: OptimizeOptions = { ...task.hybrid, walkers: 8, local: { ...task.hybrid.local, stepsPerRound: K }, maxRounds: ROUNDS, stopWhenCertified: false, hopping: false };
  const overall: Record<number, number[]> = { 1: [], 2: [] };
  const steady: Record<number, number[]> = { 1: [], 2: [] };
  for (let rep = 0; rep < reps; rep++) {
    for (const threads of [1, 2]) {
      const start = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - start) / 1e9;
      let mark = { t: 0, evaluations: 0 };
      const onProgress = (p: { round: number; evaluations: number }) => {
        if (p.round === WARM) mark = { t: seconds(), evaluations: p.evaluations };
      };
      const r = await optimize(task.problem, { ...options, threads, seed: rep, onProgress });
      const t = seconds();
      overall[threads].push(r.evaluations / t);
      steady[threads].push((r.evaluations - mark.evaluations) / (t - mark.t));
    }
  }
  const list = (v: number[]) => v.map((x) => (x / 1e6).toFixed(3)).join(', ');
  console.log(`## Throughput on ${task.name}: 8 walkers, ${K} steps per round, ${ROUNDS} rounds, ${reps} repetitions alternating 1 and 2 threads`);
  for (const [label, rates] of [['overall', overall], [`steady (after round ${WARM})`, steady]] as const) {
    const [one, two] = [median(rates[1]), median(rates[2])];
    const ratios = rates[1].map((v, i) => rates[2][i] / v);
    console.log(`${label}: threads 1 ${(one / 1e6).toFixed(3)} M walker-steps/s (${list(rates[1])}); threads 2 ${(two / 1e6).toFixed(3)} M (${list(rates[2])})`);
    console.log(`${label}: ratio of medians ${(two / one).toFixed(2)}; median of paired ratios ${median(ratios).toFixed(2)} (${ratios.map((x) => x.toFixed(2)).join(', ')})`);
  }
  const ceiling = await measureHardwareCeiling(reps);
  console.log(`machine ceiling (pure arithmetic in 1 and 2 worker threads): median ${ceiling.median.toFixed(2)} (${ceiling.scaling.map((x) => x.toFixed(2)).join(', ')})`);
}
