/**
 * The results document: everything a run of the suite produced, in the shape that
 * benchmarks/schema/results.schema.json describes (schema version RESULTS_SCHEMA_VERSION).
 */
import type { OptimizeOptions } from '../../src/index.js';
import { packageDefaults } from '../defaults.js';
import { METHODS, type Method, type MethodId } from '../methods.js';
import { scoreMonitor, type MonitorScore, type SearchRecord } from '../metrics/monitor-score.js';
import { summarizeMethod, successCurve, type MethodSummary } from '../metrics/success.js';
import { median } from '../metrics/stats.js';
import { SAFRAN_SHAMIR_PUBLISHED_SPURIOUS } from '../reference/safran-shamir-protocol.js';
import { wilsonInterval } from '../reference/wilson.js';
import type { MonitorRunOutcome } from '../runner/monitor-run.js';
import { REFERENCE_SEED, type ReferenceRunOutcome } from '../runner/reference-run.js';
import { runOptions, type RunOutcome } from '../runner/run-one.js';
import type { HardwareCeiling, SpeedupMeasurement } from '../runner/speedup.js';
import { monitorSeedsOf, seedsOf, type SuiteOutcome, type SuitePlan } from '../runner/suite.js';
import type { BenchTask } from '../tasks/index.js';
import type * as v from 'valibot';
import { RESULTS_SCHEMA_ID, RESULTS_SCHEMA_VERSION, type RESULTS_DOCUMENT } from '../schema/results-schema.js';
import type { ScipyPeerResult } from '../peer/scipy.js';
import type { Machine } from './environment.js';
import { sideBySide, type SideBySide } from './side-by-side.js';
import { evaluateTargets, type TargetCheck } from './targets.js';
import type { CurvePoint, TrajectoryPoint } from './plots.js';

export interface TaskRecord {
  id: string;
  title: string;
  description: string;
  initialization: string;
  hasBadMinima: boolean;
  tolerance: number;
  augmentation: 'neuron' | 'scalar';
  walkers: number;
  maxEvaluations: number;
  seeds: number[];
  reference: string | null;
  /** The optimize() options of every method on this task (the seed varies per run). */
  options: Record<string, Omit<OptimizeOptions, 'seed'>>;
}

export interface MonitorRecord {
  task: string;
  rounds: number;
  stepsPerRound: number;
  seeds: number[];
  score: MonitorScore;
  /** Every local search, without its trajectory. */
  searches: (Omit<SearchRecord, 'trajectory'> & { seed: number })[];
}

/** The Safran–Shamir plain-GD protocol against the published spurious rate of its k. */
export interface ReferenceRecord {
  k: number;
  runs: number;
  spurious: number;
  rate: number;
  low: number;
  high: number;
  published: number | null;
  withinFivePoints: boolean | null;
  unconverged: number;
  medianSteps: number;
  seedPrefix: string;
}

export interface Results {
  $schema: typeof RESULTS_SCHEMA_ID;
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  createdAt: string;
  package: { name: string; version: string };
  commit: string;
  machine: Machine;
  suite: { mode: SuitePlan['mode']; jobs: number; seedsOverride: number | null; firstSeed: number; walkersOverride: number | null; argv: string[]; wallSeconds: number };
  methods: { id: MethodId; summary: string }[];
  tasks: TaskRecord[];
  /** Target-mode runs of every method. */
  runs: RunOutcome[];
  /** The hybrid without a target: package defaults, no targetLoss, default stopWhenCertified, same budget. */
  noTargetRuns: RunOutcome[];
  /** scipy.optimize.basinhopping on the same tasks, seeds, starts and budgets, in the same run. */
  scipy: ScipyPeerResult;
  /** Our hybrid beside scipy, per task. */
  sideBySide: SideBySide[];
  summaries: MethodSummary[];
  monitor: MonitorRecord[];
  speedup: SpeedupMeasurement[];
  /** 2-thread scaling of pure arithmetic on this machine, the ceiling for `speedup`; null if not measured. */
  hardwareCeiling: HardwareCeiling | null;
  reference: ReferenceRecord[];
  targets: TargetCheck[];
  /** Data behind the figures, so they can be redrawn from this file. */
  figures: { files: string[]; successCurves: CurvePoint[]; trajectories: TrajectoryPoint[] };
}

export interface ResultsInput {
  plan: SuitePlan;
  outcome: SuiteOutcome;
  scipy: ScipyPeerResult;
  speedup: SpeedupMeasurement[];
  hardwareCeiling: HardwareCeiling | null;
  machine: Machine;
  commit: string;
  version: string;
  argv: string[];
  wallSeconds: number;
}

/** Trajectories kept per task and class for the figure: enough to see the pattern, no more. */
const TRAJECTORIES_PER_CLASS = 6;

/** Assembles the results document from what the suite measured. */
export function buildResults(input: ResultsInput): Results {
  const { plan, outcome } = input;
  const methods = plan.methods;
  const tasks = plan.tasks.map((task) => taskRecord(task, plan, methods));
  const summaries: MethodSummary[] = [];
  const successCurves: CurvePoint[] = [];
  for (const task of plan.tasks) {
    for (const method of methods) {
      const runs = outcome.runs.filter((r) => r.task === task.id && r.method === method.id);
      if (runs.length === 0) continue;
      summaries.push(summarizeMethod(runs));
      for (const p of successCurve(runs, task[plan.mode].maxEvaluations)) successCurves.push({ task: task.id, method: method.id, ...p });
    }
  }
  const monitor = plan.tasks.flatMap((task) => monitorRecord(task, plan, outcome.monitorRuns));
  const trajectories = plan.tasks.flatMap((task) => trajectoryPoints(task, outcome.monitorRuns));
  const partial: Omit<Results, 'targets'> = {
    $schema: RESULTS_SCHEMA_ID,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    package: { name: 'no-bad-minima', version: input.version },
    commit: input.commit,
    machine: input.machine,
    suite: {
      mode: plan.mode,
      jobs: plan.jobs,
      seedsOverride: plan.seeds ?? null,
      firstSeed: plan.firstSeed ?? 0,
      walkersOverride: plan.walkers ?? null,
      argv: input.argv,
      wallSeconds: input.wallSeconds,
    },
    methods: METHODS.filter((m) => methods.some((x) => x.id === m.id)).map((m) => ({ id: m.id, summary: m.summary })),
    tasks,
    runs: outcome.runs,
    noTargetRuns: outcome.noTargetRuns,
    scipy: input.scipy,
    sideBySide: plan.tasks.map((task) => sideBySide(task.id, outcome.runs, outcome.noTargetRuns, input.scipy.ran ? input.scipy.runs : null)),
    summaries,
    monitor,
    speedup: input.speedup,
    hardwareCeiling: input.hardwareCeiling,
    reference: outcome.reference.map(referenceRecord),
    figures: { files: [], successCurves, trajectories },
  };
  return { ...partial, targets: evaluateTargets({ ...partial, scipy: partial.scipy.ran ? { ran: true } : partial.scipy }, plan.tasks) };
}

function referenceRecord(r: ReferenceRunOutcome): ReferenceRecord {
  const published = SAFRAN_SHAMIR_PUBLISHED_SPURIOUS[r.k] ?? null;
  const rate = r.spurious / r.runs;
  const { low, high } = wilsonInterval(r.spurious, r.runs);
  return {
    k: r.k,
    runs: r.runs,
    spurious: r.spurious,
    rate,
    low,
    high,
    published,
    withinFivePoints: published === null ? null : Math.abs(rate - published) <= 0.05,
    unconverged: r.unconverged,
    medianSteps: median(r.steps),
    seedPrefix: REFERENCE_SEED,
  };
}

function taskRecord(task: BenchTask, plan: SuitePlan, methods: readonly Method[]): TaskRecord {
  const walkers = plan.walkers ?? packageDefaults().walkers;
  const maxEvaluations = task[plan.mode].maxEvaluations;
  const options: TaskRecord['options'] = {};
  for (const m of methods) {
    const { seed: _seed, ...rest } = runOptions(task, m.id, 0, maxEvaluations, walkers);
    options[m.id] = rest;
  }
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    initialization: task.initialization,
    hasBadMinima: task.hasBadMinima,
    tolerance: task.tolerance,
    augmentation: task.augmentation,
    walkers,
    maxEvaluations,
    seeds: seedsOf(plan, task),
    reference: task.reference ?? null,
    options,
  };
}

function monitorRecord(task: BenchTask, plan: SuitePlan, runs: readonly MonitorRunOutcome[]): MonitorRecord[] {
  const mine = runs.filter((r) => r.task === task.id);
  if (mine.length === 0) return [];
  const searches = mine.flatMap((r) => r.searches.map((s) => ({ ...s, seed: r.seed })));
  return [
    {
      task: task.id,
      rounds: mine[0].rounds,
      stepsPerRound: packageDefaults().stepsPerRound,
      seeds: monitorSeedsOf(plan, task),
      score: scoreMonitor(searches),
      searches: searches.map(({ trajectory: _t, ...rest }) => rest),
    },
  ];
}

function trajectoryPoints(task: BenchTask, runs: readonly MonitorRunOutcome[]): TrajectoryPoint[] {
  const K = packageDefaults().stepsPerRound;
  const points: TrajectoryPoint[] = [];
  for (const truth of ['stuck', 'converging'] as const) {
    const picked = runs
      .filter((r) => r.task === task.id)
      .flatMap((r) => r.searches.filter((s) => s.truth === truth).map((s) => ({ seed: r.seed, s })))
      .slice(0, TRAJECTORIES_PER_CLASS);
    for (const { seed, s } of picked) {
      for (const p of thin(s.trajectory)) {
        points.push({
          task: task.id,
          truth,
          search: `${seed}/${s.walker}/${s.startRound}`,
          step: p.round * K,
          auxNorm: p.auxNorm,
          // Once L(θ) is below the tolerance the search has succeeded and λa²/L(θ) takes over the
          // ratio (up to 1e280 on Rastrigin): it says nothing about being stuck, so it is left out.
          ratio: p.loss > task.tolerance && Number.isFinite(p.augmentedLoss) ? p.augmentedLoss / p.loss : null,
        });
      }
    }
  }
  return points;
}

/** About 60 points per trajectory, spaced evenly on the log-step axis of the figure. */
function thin<T extends { round: number }>(trajectory: readonly T[]): T[] {
  if (trajectory.length <= 60) return [...trajectory];
  const keep = new Set<number>();
  const last = trajectory.length;
  for (let i = 0; i < 60; i++) keep.add(Math.min(last, Math.round(Math.exp((Math.log(last) * i) / 59))));
  return trajectory.filter((p) => keep.has(p.round));
}

// The document this module builds is the one results-schema.ts declares (checked by tsc).
const _conforms = (r: Results): v.InferInput<typeof RESULTS_DOCUMENT> => r;
