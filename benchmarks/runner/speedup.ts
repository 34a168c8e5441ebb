/**
 * Parallel speedup: the hybrid on the same workload with the walkers in 1 and in 2 worker threads,
 * side by side in one process, as walker-steps (gradient evaluations) per second. Only the steady
 * state counts: the rate is taken between the end of the first tenth of the rounds (thread start-up,
 * module loading and warm-up fall before it) and the end of the last.
 */
import { Worker } from 'node:worker_threads';
import { optimize } from '../../src/index.js';
import type { BenchTask } from '../tasks/index.js';
import { median } from '../metrics/stats.js';
import { packageDefaults } from '../defaults.js';
import { problemOf, runOptions } from './run-one.js';

export interface SpeedupMeasurement {
  task: string;
  walkers: number;
  rounds: number;
  stepsPerRound: number;
  repeats: number;
  /** Evaluations per second, one entry per repeat. */
  inProcess: number[];
  threads1: number[];
  threads2: number[];
  /** median(threads2) / median(threads1). */
  speedup: number;
}

/** How long each thread of the machine-ceiling measurement computes, ms. */
const CEILING_RUN_MS = 1000;

/** A bound on a measured run's rounds, which the history of the run holds in memory. */
const MAX_ROUNDS = 100_000;

/** The evaluations a run had made by a round, and when it took that round in. */
interface Mark {
  evaluations: number;
  at: number;
}

/** Evaluations per second of one run with `threads` threads over `rounds` rounds. */
async function steadyRate(task: BenchTask, threads: number, rounds: number): Promise<number> {
  // The first tenth is warm-up: JIT compilation, and batches growing from one round to their
  // working size (coordinator/pace.ts). Only two marks are kept: a mark per round, retained in an
  // array, would be the harness's own main-thread garbage (tens of thousands of objects a second
  // on Rastrigin 2-D) and would take from the walkers it measures.
  const lastRound = rounds + 1;
  const warmUp = Math.max(1, Math.floor(lastRound / 10));
  const marks: { first?: Mark; last?: Mark } = {};
  await optimize(problemOf(task), {
    ...runOptions(task, 'hybrid', 0, Infinity),
    targetLoss: undefined,
    maxEvaluations: undefined,
    maxRounds: lastRound,
    threads,
    onProgress: (p) => {
      if (p.round === warmUp) marks.first = { evaluations: p.evaluations, at: performance.now() };
      else if (p.round === lastRound) marks.last = { evaluations: p.evaluations, at: performance.now() };
    },
  });
  const { first, last } = marks;
  if (!first || !last) throw new Error(`steadyRate: the run of ${task.id} stopped before round ${lastRound}`);
  return (last.evaluations - first.evaluations) / ((last.at - first.at) / 1000);
}

/**
 * Measures the speedup of 2 threads over 1 on the task's hybrid workload. The round count is
 * chosen so that one in-process run lasts about `seconds`.
 *
 * @example
 * const m = await measureSpeedup(task, { seconds: 2, repeats: 3 });
 * m.speedup; // e.g. 1.9
 */
export async function measureSpeedup(task: BenchTask, o: { seconds: number; repeats: number }): Promise<SpeedupMeasurement> {
  const { walkers, stepsPerRound } = packageDefaults();
  const perRound = walkers * (stepsPerRound + 1);
  // The probe runs long enough to be past JIT warm-up: a cold rate (a few rounds) underestimates
  // small tasks several-fold, and the measured runs would then be too short for a steady state.
  let probe = 0;
  for (let probeRounds = 3; probeRounds <= 2000; probeRounds *= 4) {
    const t = performance.now();
    probe = await steadyRate(task, 0, probeRounds);
    if (performance.now() - t >= 250) break;
  }
  // No cap near the probe's: on tasks whose rounds take tens of microseconds, 2 000 rounds (an
  // earlier cap) made runs of a few tenths of a second, most of them spent while the batches grow
  // from one round to their working size, and the figure measured that ramp, not the steady state.
  const rounds = Math.max(4, Math.min(MAX_ROUNDS, Math.round((o.seconds * probe) / perRound)));
  const inProcess: number[] = [];
  const threads1: number[] = [];
  const threads2: number[] = [];
  // Interleaved so that a slow spell of the machine hits both thread counts alike.
  for (let r = 0; r < o.repeats; r++) {
    inProcess.push(await steadyRate(task, 0, rounds));
    threads1.push(await steadyRate(task, 1, rounds));
    threads2.push(await steadyRate(task, 2, rounds));
  }
  return {
    task: task.id,
    walkers,
    rounds,
    stepsPerRound,
    repeats: o.repeats,
    inProcess,
    threads1,
    threads2,
    speedup: median(threads2) / median(threads1),
  };
}

/** The machine's own limit: the same pure arithmetic loop in 1 and in 2 worker threads. */
export interface HardwareCeiling {
  /** Work done per second by 2 threads over 1, one entry per repeat. */
  scaling: number[];
  median: number;
}

/**
 * How far 2 threads can speed up perfectly parallel, cache-resident arithmetic on this machine.
 * Virtual CPUs often scale by less than 2 (shared physical cores, clock limits), and the
 * optimizer's speedup can be read against this ceiling rather than against 2.
 *
 * @example
 * (await measureHardwareCeiling(3)).median; // e.g. 1.8 on a 2-vCPU virtual machine
 */
export async function measureHardwareCeiling(repeats: number): Promise<HardwareCeiling> {
  // The loop sits in a function: at the script's top level its variables are context slots, and a
  // fixed 10⁹ iterations took about 19 s per thread here instead of the intended second.
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    function work(n) {
      const a = new Float64Array(1024).map((_, i) => Math.sin(i));
      let s = 0;
      for (let k = 0; k < n; k++) for (let i = 0; i < 1024; i++) s += a[i] * a[(i * 7) & 1023];
      return s;
    }
    const t = performance.now();
    const s = work(workerData);
    parentPort.postMessage([performance.now() - t, s]);`;
  /** Resolves with each thread's own compute time, ms; the caller times the whole, spawning included. */
  const run = (threads: number, iterations: number) =>
    Promise.all(
      Array.from(
        { length: threads },
        () =>
          new Promise<number>((resolve, reject) => {
            const w = new Worker(source, { eval: true, workerData: iterations });
            w.once('message', (m: [number, number]) => {
              resolve(m[0]);
              void w.terminate();
            });
            w.once('error', reject);
          }),
      ),
    );
  // Sized to about a second per thread, so that spawning the threads (tens of milliseconds, inside
  // the timing) weighs little: with runs of a fifth of that, repeats ranged from 0.85 to 2.07.
  const probeIterations = 20_000;
  const [probeMs] = await run(1, probeIterations);
  const iterations = Math.max(probeIterations, Math.round((probeIterations * CEILING_RUN_MS) / Math.max(probeMs, 1)));
  const scaling: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t1 = performance.now();
    await run(1, iterations);
    const one = performance.now() - t1;
    const t2 = performance.now();
    await run(2, iterations);
    const two = performance.now() - t2;
    scaling.push((2 * one) / two);
  }
  return { scaling, median: median(scaling) };
}
