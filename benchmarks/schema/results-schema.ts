/**
 * The results file, declared once as a valibot schema (RESULTS_DOCUMENT, which can also check a
 * document: v.safeParse); its JSON Schema (draft 2020-12), RESULTS_SCHEMA, is generated from it
 * by @valibot/to-json-schema. Kept as a module so that the CLI finds it at run time from dist;
 * results.schema.json beside it is written from RESULTS_SCHEMA for readers (npx tsx
 * benchmarks/schema/write-schema.ts) and checked equal by the tests. Numbers that can be undefined
 * (a median of nothing) are written as null, since JSON has no NaN.
 *
 * Versioning: RESULTS_SCHEMA_VERSION grows by one on any change that a reader could notice
 * (a field removed, renamed or retyped); adding an optional field keeps the version.
 */

import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';

// Version 2: the method gd-augmented was renamed augmented-no-hops (every method now runs the
// package's default local method), and noTargetRuns, scipy and sideBySide were added.
export const RESULTS_SCHEMA_VERSION = 2;
export const RESULTS_SCHEMA_ID = 'https://no-bad-minima.dev/schema/bench-results/v2.json';

const num = v.nullable(v.number());
const int = v.pipe(v.number(), v.integer(), v.minValue(0));
const nullableInt = v.nullable(v.pipe(v.number(), v.integer()));
const str = v.string();
const bool = v.boolean();
const rate = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const nonNegative = v.pipe(v.number(), v.minValue(0));
const numbers = v.array(v.number());
const described = <S extends v.GenericSchema>(schema: S, description: string) => v.pipe(schema, v.description(description));
const methodId = v.picklist(['plain', 'augmented-no-hops', 'multistart', 'basin-hopping', 'hybrid']);

const runItem = v.strictObject({
  task: str,
  method: methodId,
  seed: int,
  success: bool,
  bestLoss: num,
  evaluations: int,
  evaluationsPerWalker: nonNegative,
  rounds: int,
  hops: int,
  divergences: int,
  numericalFaults: int,
  stopReason: v.picklist(['target', 'certified', 'max-evaluations', 'max-rounds', 'time-limit', 'aborted', 'callback', 'faulted']),
  wallMs: nonNegative,
});

const sideFigures = {
  seeds: int,
  successes: int,
  successRate: rate,
  medianEvaluationsToSuccess: num,
  medianEvaluations: num,
  medianWallMs: num,
};

/** The results document, as `no-bad-minima bench` writes it. */
export const RESULTS_DOCUMENT = v.strictObject({
  $schema: v.literal(RESULTS_SCHEMA_ID),
  schemaVersion: v.literal(RESULTS_SCHEMA_VERSION),
  createdAt: described(str, 'ISO 8601 date-time'),
  package: v.strictObject({ name: str, version: str }),
  commit: described(str, 'git rev-parse HEAD (+dirty when tracked files were modified), or "unknown"'),
  machine: v.strictObject({ os: str, arch: str, cpus: int, cpuModel: str, totalMemoryBytes: int, node: str }),
  suite: v.strictObject({
    mode: v.picklist(['quick', 'full']),
    jobs: int,
    seedsOverride: nullableInt,
    // Added after version 1 was published: files written before it lack the field.
    firstSeed: v.optional(int),
    walkersOverride: nullableInt,
    argv: v.array(str),
    wallSeconds: nonNegative,
  }),
  methods: v.array(v.strictObject({ id: methodId, summary: str })),
  tasks: v.array(
    v.strictObject({
      id: str,
      title: str,
      description: str,
      initialization: str,
      hasBadMinima: bool,
      tolerance: v.number(),
      augmentation: v.picklist(['neuron', 'scalar']),
      walkers: int,
      maxEvaluations: v.number(),
      seeds: v.array(int),
      reference: v.nullable(str),
      options: described(v.record(v.string(), v.unknown()), 'method id → the optimize() options of that method on this task, without the seed'),
    }),
  ),
  runs: v.array(runItem),
  noTargetRuns: described(
    v.array(runItem),
    'the hybrid without a target: optimize() with the package defaults, no targetLoss, the default stopWhenCertified, the same budget',
  ),
  scipy: described(
    v.variant('ran', [
      v.strictObject({ ran: v.literal(false), reason: str }),
      v.strictObject({
        ran: v.literal(true),
        python: str,
        versions: v.strictObject({ python: str, numpy: str, scipy: str }),
        processes: int,
        runs: v.array(
          v.strictObject({
            task: str,
            seed: int,
            mode: v.picklist(['to-target', 'defaults']),
            success: bool,
            bestLoss: num,
            evaluations: int,
            firstHitEvaluations: nullableInt,
            hops: int,
            stop: v.picklist(['target', 'max-evaluations', 'niter']),
            wallMs: nonNegative,
          }),
        ),
      }),
    ]),
    'scipy.optimize.basinhopping (L-BFGS-B, jac=True, scipy defaults) on the same tasks, seeds, starts and budgets, or why it did not run',
  ),
  sideBySide: v.array(
    v.strictObject({
      task: str,
      toTarget: v.strictObject({
        ours: v.nullable(v.strictObject(sideFigures)),
        scipy: v.nullable(v.strictObject({ ...sideFigures, medianFirstHitEvaluations: num, successesWithinDefaultNiter: int })),
      }),
      noTarget: v.strictObject({
        ours: v.nullable(v.strictObject({ ...sideFigures, certified: int, stopReasons: v.record(v.string(), int) })),
        scipy: v.nullable(v.strictObject(sideFigures)),
      }),
      ratios: v.strictObject({ successRate: num, medianEvaluationsToTarget: num, noTargetSuccessRate: num, noTargetMedianEvaluations: num, medianWallMs: num }),
    }),
  ),
  summaries: v.array(
    v.strictObject({
      task: str,
      method: methodId,
      seeds: int,
      successes: int,
      successRate: rate,
      successLow: rate,
      successHigh: rate,
      medianEvaluationsToSuccess: num,
      p90EvaluationsToSuccess: num,
      medianEvaluationsPerWalkerToSuccess: num,
      medianWallMsToSuccess: num,
      medianWallMs: num,
      p10WallMs: num,
      p90WallMs: num,
      evaluationsPerSecond: num,
      medianHops: num,
      numericalFaults: int,
    }),
  ),
  monitor: v.array(
    v.strictObject({
      task: str,
      rounds: int,
      stepsPerRound: int,
      seeds: v.array(int),
      score: v.strictObject({
        searches: int,
        trulyStuck: int,
        converging: int,
        undetermined: int,
        flagged: int,
        truePositives: int,
        falsePositives: int,
        falseNegatives: int,
        precision: num,
        recall: num,
        medianLatencySteps: num,
        p90LatencySteps: num,
      }),
      searches: v.array(
        v.strictObject({
          seed: int,
          walker: int,
          startRound: int,
          rounds: int,
          reachedRound: nullableInt,
          flaggedRound: nullableInt,
          stallRound: nullableInt,
          truth: v.picklist(['stuck', 'converging', 'undetermined']),
          latencySteps: nullableInt,
        }),
      ),
    }),
  ),
  speedup: v.array(
    v.strictObject({
      task: str,
      walkers: int,
      rounds: int,
      stepsPerRound: int,
      repeats: int,
      inProcess: numbers,
      threads1: numbers,
      threads2: numbers,
      speedup: v.number(),
    }),
  ),
  hardwareCeiling: described(
    v.nullable(v.strictObject({ scaling: numbers, median: v.number() })),
    'work per second of 2 threads over 1 on a pure arithmetic loop: the ceiling of the parallel speedup on this machine',
  ),
  reference: v.array(
    v.strictObject({
      k: int,
      runs: int,
      spurious: int,
      rate: rate,
      low: rate,
      high: rate,
      published: v.nullable(v.number()),
      withinFivePoints: v.nullable(bool),
      unconverged: int,
      medianSteps: num,
      seedPrefix: str,
    }),
  ),
  targets: v.array(v.strictObject({ id: str, task: v.nullable(str), description: str, met: v.nullable(bool), detail: str })),
  figures: v.strictObject({
    files: v.array(str),
    successCurves: v.array(v.strictObject({ task: str, method: methodId, evaluations: v.number(), rate: rate })),
    trajectories: v.array(
      v.strictObject({ task: str, truth: v.picklist(['stuck', 'converging']), search: str, step: int, auxNorm: num, ratio: num }),
    ),
  }),
});

/** The JSON Schema of RESULTS_DOCUMENT, what `no-bad-minima schema` prints and results.schema.json holds. */
export const RESULTS_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: RESULTS_SCHEMA_ID,
  title: 'no-bad-minima benchmark results',
  description: 'Everything one run of `no-bad-minima bench` measured. See benchmarks/schema/README.md for the meaning of each field.',
  ...withoutDialect(toJsonSchema(RESULTS_DOCUMENT, { target: 'draft-2020-12', errorMode: 'throw' }) as Record<string, unknown>),
};

function withoutDialect({ $schema: _, ...rest }: Record<string, unknown>): Record<string, unknown> {
  return rest;
}
