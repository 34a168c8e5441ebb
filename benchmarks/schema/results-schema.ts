/**
 * The JSON Schema (draft 2020-12) of the results file. Kept as a module so that the CLI finds it
 * at run time from dist; results.schema.json beside it is the same object, written for readers
 * and checked equal by the tests. Numbers that can be undefined (a median of nothing) are
 * written as null, since JSON has no NaN.
 *
 * Versioning: RESULTS_SCHEMA_VERSION grows by one on any change that a reader could notice
 * (a field removed, renamed or retyped); adding an optional field keeps the version.
 */

// Version 2: the method gd-augmented was renamed augmented-no-hops (every method now runs the
// package's default local method), and noTargetRuns, scipy and sideBySide were added.
export const RESULTS_SCHEMA_VERSION = 2;
export const RESULTS_SCHEMA_ID = 'https://no-bad-minima.dev/schema/bench-results/v2.json';

const num = { type: ['number', 'null'] };
const int = { type: 'integer', minimum: 0 };
const str = { type: 'string' };
const bool = { type: 'boolean' };
const rate = { type: 'number', minimum: 0, maximum: 1 };
const methodId = { enum: ['plain', 'augmented-no-hops', 'multistart', 'basin-hopping', 'hybrid'] };

const object = (properties: Record<string, unknown>, optional: string[] = []) => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  additionalProperties: false,
});

const nullable = (schema: object) => ({ oneOf: [{ type: 'null' }, schema] });

const runItem = object({
  task: str,
  method: methodId,
  seed: int,
  success: bool,
  bestLoss: num,
  evaluations: int,
  evaluationsPerWalker: { type: 'number', minimum: 0 },
  rounds: int,
  hops: int,
  divergences: int,
  numericalFaults: int,
  stopReason: { enum: ['target', 'certified', 'max-evaluations', 'max-rounds', 'time-limit', 'aborted', 'callback'] },
  wallMs: { type: 'number', minimum: 0 },
});

const sideFigures = object({
  seeds: int,
  successes: int,
  successRate: rate,
  medianEvaluationsToSuccess: num,
  medianEvaluations: num,
  medianWallMs: num,
});

export const RESULTS_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: RESULTS_SCHEMA_ID,
  title: 'no-bad-minima benchmark results',
  description: 'Everything one run of `no-bad-minima bench` measured. See benchmarks/schema/README.md for the meaning of each field.',
  ...object({
    $schema: { const: RESULTS_SCHEMA_ID },
    schemaVersion: { const: RESULTS_SCHEMA_VERSION },
    createdAt: { type: 'string', description: 'ISO 8601 date-time' },
    package: object({ name: str, version: str }),
    commit: { type: 'string', description: 'git rev-parse HEAD (+dirty when tracked files were modified), or "unknown"' },
    machine: object({ os: str, arch: str, cpus: int, cpuModel: str, totalMemoryBytes: int, node: str }),
    suite: object(
      {
        mode: { enum: ['quick', 'full'] },
        jobs: int,
        seedsOverride: { type: ['integer', 'null'] },
        firstSeed: int,
        walkersOverride: { type: ['integer', 'null'] },
        argv: { type: 'array', items: str },
        wallSeconds: { type: 'number', minimum: 0 },
      },
      // Added after version 1 was published: files written before it lack the field.
      ['firstSeed'],
    ),
    methods: { type: 'array', items: object({ id: methodId, summary: str }) },
    tasks: {
      type: 'array',
      items: object({
        id: str,
        title: str,
        description: str,
        initialization: str,
        hasBadMinima: bool,
        tolerance: { type: 'number' },
        augmentation: { enum: ['neuron', 'scalar'] },
        walkers: int,
        maxEvaluations: { type: 'number' },
        seeds: { type: 'array', items: int },
        reference: { type: ['string', 'null'] },
        options: { type: 'object', description: 'method id → the optimize() options of that method on this task, without the seed' },
      }),
    },
    runs: { type: 'array', items: runItem },
    noTargetRuns: {
      type: 'array',
      description: "the hybrid without a target: optimize() with the package defaults, no targetLoss, the default stopWhenCertified, the same budget",
      items: runItem,
    },
    scipy: {
      description: 'scipy.optimize.basinhopping (L-BFGS-B, jac=True, scipy defaults) on the same tasks, seeds, starts and budgets, or why it did not run',
      oneOf: [
        object({ ran: { const: false }, reason: str }),
        object({
          ran: { const: true },
          python: str,
          versions: object({ python: str, numpy: str, scipy: str }),
          processes: int,
          runs: {
            type: 'array',
            items: object({
              task: str,
              seed: int,
              mode: { enum: ['to-target', 'defaults'] },
              success: bool,
              bestLoss: num,
              evaluations: int,
              firstHitEvaluations: { type: ['integer', 'null'] },
              hops: int,
              stop: { enum: ['target', 'max-evaluations', 'niter'] },
              wallMs: { type: 'number', minimum: 0 },
            }),
          },
        }),
      ],
    },
    sideBySide: {
      type: 'array',
      items: object({
        task: str,
        toTarget: object({
          ours: nullable(sideFigures),
          scipy: nullable(object({ ...sideFigures.properties, medianFirstHitEvaluations: num, successesWithinDefaultNiter: int })),
        }),
        noTarget: object({
          ours: nullable(object({ ...sideFigures.properties, certified: int, stopReasons: { type: 'object', additionalProperties: int } })),
          scipy: nullable(sideFigures),
        }),
        ratios: object({ successRate: num, medianEvaluationsToTarget: num, noTargetSuccessRate: num, noTargetMedianEvaluations: num, medianWallMs: num }),
      }),
    },
    summaries: {
      type: 'array',
      items: object({
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
    },
    monitor: {
      type: 'array',
      items: object({
        task: str,
        rounds: int,
        stepsPerRound: int,
        seeds: { type: 'array', items: int },
        score: object({
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
        searches: {
          type: 'array',
          items: object({
            seed: int,
            walker: int,
            startRound: int,
            rounds: int,
            reachedRound: { type: ['integer', 'null'] },
            flaggedRound: { type: ['integer', 'null'] },
            stallRound: { type: ['integer', 'null'] },
            truth: { enum: ['stuck', 'converging', 'undetermined'] },
            latencySteps: { type: ['integer', 'null'] },
          }),
        },
      }),
    },
    speedup: {
      type: 'array',
      items: object({
        task: str,
        walkers: int,
        rounds: int,
        stepsPerRound: int,
        repeats: int,
        inProcess: { type: 'array', items: { type: 'number' } },
        threads1: { type: 'array', items: { type: 'number' } },
        threads2: { type: 'array', items: { type: 'number' } },
        speedup: { type: 'number' },
      }),
    },
    hardwareCeiling: {
      description: 'work per second of 2 threads over 1 on a pure arithmetic loop: the ceiling of the parallel speedup on this machine',
      oneOf: [{ type: 'null' }, object({ scaling: { type: 'array', items: { type: 'number' } }, median: { type: 'number' } })],
    },
    reference: {
      type: 'array',
      items: object({
        k: int,
        runs: int,
        spurious: int,
        rate: rate,
        low: rate,
        high: rate,
        published: { type: ['number', 'null'] },
        withinFivePoints: { type: ['boolean', 'null'] },
        unconverged: int,
        medianSteps: num,
        seedPrefix: str,
      }),
    },
    targets: {
      type: 'array',
      items: object({ id: str, task: { type: ['string', 'null'] }, description: str, met: { type: ['boolean', 'null'] }, detail: str }),
    },
    figures: object({
      files: { type: 'array', items: str },
      successCurves: { type: 'array', items: object({ task: str, method: methodId, evaluations: { type: 'number' }, rate: rate }) },
      trajectories: {
        type: 'array',
        items: object({ task: str, truth: { enum: ['stuck', 'converging'] }, search: str, step: int, auxNorm: num, ratio: num }),
      },
    }),
  }),
} as const;
