/**
 * One benchmark run: a task, a method and a seed through optimize(), reduced to the outcome the
 * report needs. A pure function of its spec (apart from the timings), so it can run in any thread.
 */
import { performance } from 'node:perf_hooks';
import { optimize } from '../../src/index.js';
import type { OptimizeOptions, OptimizeResult, Problem, StopReason } from '../../src/index.js';
import { packageDefaults } from '../defaults.js';
import { selectMethods, type MethodId } from '../methods.js';
import { selectTasks, type BenchTask } from '../tasks/index.js';

export interface RunSpec {
  task: string;
  method: MethodId;
  seed: number;
  maxEvaluations: number;
  /** Walkers; the package's default when absent. */
  walkers?: number;
  /**
   * 'target' (the default): stop at the task's tolerance, no certified stop — the cost of success.
   * 'no-target': optimize() as a user would call it, no targetLoss and the default
   * stopWhenCertified, within the same budget — how and when the run stops by itself.
   */
  mode?: RunMode;
}

export type RunMode = 'target' | 'no-target';

/** The raw outcome of one seed, as stored in the results JSON. */
export interface RunOutcome {
  task: string;
  method: MethodId;
  seed: number;
  /** Best L(θ) ≤ the task's tolerance within the budget. */
  success: boolean;
  bestLoss: number;
  /** Gradient evaluations summed over walkers; in 'target' mode, the evaluations to success when success is true. */
  evaluations: number;
  evaluationsPerWalker: number;
  rounds: number;
  hops: number;
  divergences: number;
  numericalFaults: number;
  stopReason: StopReason;
  /** Wall time of the optimize() call, milliseconds. */
  wallMs: number;
}

const problems = new Map<string, Problem>();

/** The task's problem, built once per thread: the finite tasks generate thousands of samples. */
export function problemOf(task: BenchTask): Problem {
  let problem = problems.get(task.id);
  if (!problem) {
    problem = task.problem();
    problems.set(task.id, problem);
  }
  return problem;
}

/** Whether the task's model is a user module ({ module, export, args }) rather than a built-in. */
export function usesUserModule(task: BenchTask): boolean {
  const problem = problemOf(task);
  return 'model' in problem && typeof problem.model === 'object' && problem.model !== null && 'module' in problem.model;
}

/**
 * The optimize() options of a method on a task: the method's augmentation and hopping, the
 * package's defaults for everything else (local method, round length, walkers unless overridden,
 * λ, hopping settings, monitor), and the stopping rule. In 'target' mode: target = tolerance,
 * budget, no certified stop; in 'no-target' mode: the budget alone, certified stops as by default.
 * `threads: 0` keeps every walker on the calling thread so that concurrent runs do not compete.
 */
export function runOptions(task: BenchTask, method: MethodId, seed: number, maxEvaluations: number, walkers?: number, mode: RunMode = 'target'): OptimizeOptions {
  const [m] = selectMethods([method]);
  const options: OptimizeOptions = { ...m.options(task), threads: 0, maxEvaluations, seed };
  if (walkers !== undefined) options.walkers = walkers;
  if (mode === 'target') {
    options.targetLoss = task.tolerance;
    // Success is defined on L(θ) alone and plain methods cannot certify: one stopping rule for all.
    options.stopWhenCertified = false;
  }
  return options;
}

/** Runs one seed and returns its outcome. */
export async function runOne(spec: RunSpec): Promise<RunOutcome> {
  const [task] = selectTasks([spec.task]);
  const mode = spec.mode ?? 'target';
  const options = runOptions(task, spec.method, spec.seed, spec.maxEvaluations, spec.walkers, mode);
  const started = performance.now();
  const result = await optimize(problemOf(task), options);
  const wallMs = performance.now() - started;
  return summarize(spec, task, result, wallMs, options.walkers ?? packageDefaults().walkers);
}

function summarize(spec: RunSpec, task: BenchTask, r: OptimizeResult, wallMs: number, walkers: number): RunOutcome {
  return {
    task: spec.task,
    method: spec.method,
    seed: spec.seed,
    success: r.loss <= task.tolerance,
    bestLoss: r.loss,
    evaluations: r.evaluations,
    evaluationsPerWalker: r.evaluations / walkers,
    rounds: r.rounds,
    hops: r.hops,
    divergences: r.divergences,
    numericalFaults: r.faults.numerical,
    stopReason: r.stopReason,
    wallMs,
  };
}
