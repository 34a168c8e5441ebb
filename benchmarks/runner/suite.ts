/**
 * The suite: every (task, method, seed) run and every monitor-scoring run, executed by a pool of
 * `jobs` threads (or on this thread for one job), with progress reported as each job ends.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Method, MethodId } from '../methods.js';
import type { BenchTask } from '../tasks/index.js';
import runJob, { type Job, type JobResult } from './job-worker.js';
import type { MonitorRunOutcome } from './monitor-run.js';
import type { ReferenceRunOutcome } from './reference-run.js';
import type { RunOutcome } from './run-one.js';

export type SuiteMode = 'quick' | 'full';

export interface SuitePlan {
  mode: SuiteMode;
  tasks: BenchTask[];
  methods: Method[];
  /** Seeds per task; each task's quick or full count when absent. */
  seeds?: number;
  /**
   * The first seed: runs take seeds firstSeed … firstSeed + n − 1, so that settings chosen on seeds
   * ≥ 1000 (the tasks' held-out range) can be checked there with the CLI.
   * @default 0
   */
  firstSeed?: number;
  /** Walkers per run; each task's own count when absent. */
  walkers?: number;
  /** Runs in flight at once, each in its own thread with the walkers in-process. */
  jobs: number;
  /** Whether to run the monitor-scoring protocol. */
  monitor: boolean;
  /** Runs per k of the Safran–Shamir plain-GD protocol (0: skip); k from the selected tasks. */
  referenceRuns: number;
  /**
   * Whether the hybrid (when selected) also runs every seed without a target: optimize() with the
   * package defaults, no targetLoss, the default stopWhenCertified, the same budget.
   * @default true
   */
  noTarget?: boolean;
}

/** Reference runs per job: small enough to balance the pool, large enough to amortize a job. */
const REFERENCE_CHUNK = 50;

export interface SuiteOutcome {
  /** Target-mode runs of every method. */
  runs: RunOutcome[];
  /** The hybrid's no-target runs (RunSpec.mode 'no-target'). */
  noTargetRuns: RunOutcome[];
  monitorRuns: MonitorRunOutcome[];
  reference: ReferenceRunOutcome[];
}

/** The k of every selected Safran–Shamir task. */
export function referenceKs(plan: SuitePlan): number[] {
  return plan.tasks.flatMap((t) => {
    const match = /^safran-shamir-k(\d+)$/.exec(t.id);
    return match ? [Number(match[1])] : [];
  });
}

/** n consecutive seeds from the plan's first seed. */
const seedRange = (plan: SuitePlan, n: number): number[] => Array.from({ length: n }, (_, i) => (plan.firstSeed ?? 0) + i);

/** The seeds a task runs in this plan: n of them (its quick or full count, or the plan's) from the first seed. */
export function seedsOf(plan: SuitePlan, task: BenchTask): number[] {
  return seedRange(plan, plan.seeds ?? task[plan.mode].seeds);
}

/**
 * The seeds scipy's basinhopping runs on a task: the task's own seeds, or the first
 * `scipyQuickSeeds` of them in the quick suite when that is set and smaller.
 */
export function scipySeedsOf(plan: SuitePlan, task: BenchTask): number[] {
  const seeds = seedsOf(plan, task);
  return plan.mode === 'quick' && task.scipyQuickSeeds !== undefined ? seeds.slice(0, task.scipyQuickSeeds) : seeds;
}

/** Seeds of the monitor-scoring runs of a task, from the same first seed. */
export function monitorSeedsOf(plan: SuitePlan, task: BenchTask): number[] {
  return seedRange(plan, plan.mode === 'full' ? task.monitorScoring.fullSeeds : task.monitorScoring.quickSeeds);
}

/**
 * Every job of the plan. Seed-major within a task, so that an interrupted suite has comparable
 * seeds for every method; the monitor runs of a task come first since they are the longest.
 */
export function planJobs(plan: SuitePlan): Job[] {
  const jobs: Job[] = [];
  for (const k of referenceKs(plan)) {
    for (let first = 0; first < plan.referenceRuns; first += REFERENCE_CHUNK) {
      jobs.push({ kind: 'reference', spec: { k, first, count: Math.min(REFERENCE_CHUNK, plan.referenceRuns - first) } });
    }
  }
  for (const task of plan.tasks) {
    if (plan.monitor) for (const seed of monitorSeedsOf(plan, task)) jobs.push({ kind: 'monitor', spec: { task: task.id, seed, walkers: plan.walkers } });
    for (const seed of seedsOf(plan, task)) {
      for (const method of plan.methods) {
        jobs.push({ kind: 'run', spec: { task: task.id, method: method.id as MethodId, seed, maxEvaluations: task[plan.mode].maxEvaluations, walkers: plan.walkers } });
      }
      if ((plan.noTarget ?? true) && plan.methods.some((m) => m.id === 'hybrid')) {
        jobs.push({ kind: 'run', spec: { task: task.id, method: 'hybrid', seed, maxEvaluations: task[plan.mode].maxEvaluations, walkers: plan.walkers, mode: 'no-target' } });
      }
    }
  }
  return jobs;
}

/** Whether this is the TypeScript source run through tsx rather than the compiled dist/. */
export const RUNNING_FROM_SOURCE = extname(fileURLToPath(import.meta.url)) === '.ts';

/**
 * Parallel jobs need the compiled CLI: from source, a worker thread cannot import the .ts user
 * module of teacher-student-relu-finite (tsx's loader misses dynamic imports in Node 20 worker
 * threads), so the source run keeps every job on this thread.
 */
export function effectiveJobs(requested: number): number {
  return RUNNING_FROM_SOURCE ? 1 : requested;
}

function jobWorker(): { filename: string; execArgv: string[] } {
  return { filename: new URL('./job-worker.js', import.meta.url).href, execArgv: [] };
}

/**
 * Runs every job; `onJobDone` is called after each with the job and the number done so far.
 *
 * @example
 * const outcome = await runSuite(plan, (job, done, total) => bar.update(done));
 */
export async function runSuite(plan: SuitePlan, onJobDone: (job: Job, done: number, total: number) => void = () => {}): Promise<SuiteOutcome> {
  const jobs = planJobs(plan);
  const results: JobResult[] = new Array(jobs.length);
  let done = 0;
  const finish = (i: number, result: JobResult) => {
    results[i] = result;
    done += 1;
    onJobDone(jobs[i], done, jobs.length);
  };
  if (effectiveJobs(plan.jobs) <= 1) {
    for (let i = 0; i < jobs.length; i++) finish(i, await runJob(jobs[i]));
  } else {
    const { filename, execArgv } = jobWorker();
    const pool = new Piscina({ filename, execArgv, minThreads: plan.jobs, maxThreads: plan.jobs, idleTimeout: Infinity });
    try {
      await Promise.all(jobs.map(async (job, i) => finish(i, (await pool.run(job)) as JobResult)));
    } finally {
      await pool.destroy();
    }
  }
  return {
    runs: results.flatMap((r, i) => (r.kind === 'run' && !isNoTarget(jobs[i]) ? [r.outcome] : [])),
    noTargetRuns: results.flatMap((r, i) => (r.kind === 'run' && isNoTarget(jobs[i]) ? [r.outcome] : [])),
    monitorRuns: results.flatMap((r) => (r.kind === 'monitor' ? [r.outcome] : [])),
    reference: mergeReference(results.flatMap((r) => (r.kind === 'reference' ? [r.outcome] : []))),
  };
}

const isNoTarget = (job: Job): boolean => job.kind === 'run' && job.spec.mode === 'no-target';

/** One outcome per k, the chunks added up in run order. */
function mergeReference(chunks: ReferenceRunOutcome[]): ReferenceRunOutcome[] {
  const byK = new Map<number, ReferenceRunOutcome>();
  for (const c of chunks) {
    const m = byK.get(c.k) ?? { k: c.k, runs: 0, spurious: 0, unconverged: 0, steps: [] };
    m.runs += c.runs;
    m.spurious += c.spurious;
    m.unconverged += c.unconverged;
    m.steps.push(...c.steps);
    byK.set(c.k, m);
  }
  return [...byK.values()];
}
