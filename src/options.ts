/**
 * Every option of `optimize()`, its default (`@default` below) and its check (the valibot schema
 * further down), in one module. The local stepper's own options (learning rate, momentum, …) are
 * declared in `optimizers/options.ts` and the executor's in `executor/options.ts`, nested here.
 */
import { availableParallelism } from 'node:os';
import * as v from 'valibot';
import type { ExecutorOptions, ResolvedExecutorOptions } from './executor/options.js';
import { EXECUTOR_OPTIONS_SCHEMA } from './executor/options.js';
import type { LocalOptions, ResolvedLocalOptions } from './optimizers/options.js';
import { LOCAL_ENTRIES, localOptionsSchema } from './optimizers/options.js';
import { bool, countLimit, finite, fn, fraction, integer, limit, nonNegative, oneOf, openFraction, parseOrThrow, positive, strictObject } from './validation.js';
import { MAX_WALKERS } from './problem/size-limits.js';
import type { Augmentation } from './types.js';

/** How a stuck or stalled walker is moved on. */
export interface HoppingOptions {
  /**
   * 'displace': θ ← (last accepted minimum) + U[−s, s] per coordinate (basin hopping).
   * 'restart': θ ← a fresh draw from the model's or objective's init (multistart).
   * 'adaptive': each hop takes whichever of the two has found new lowest losses at the higher
   * rate per evaluation so far (hopping/move-choice.ts); no option of its own to tune.
   * @default 'adaptive'
   */
  mode?: 'adaptive' | 'displace' | 'restart';
  /** Metropolis temperature T on L(θ); 0 accepts only minima no worse than the last accepted. @default 1 */
  temperature?: number;
  /** Initial displacement half-width s. @default 0.5 */
  stepSize?: number;
  /** Acceptance rate the step size adapts towards. @default 0.5 */
  targetAcceptRate?: number;
  /** Step size is divided (rate above target) or multiplied (below) by this. @default 0.9 */
  factor?: number;
  /** Adapt the step size every this many hops of a walker. @default 10 */
  interval?: number;
  /** Half-width of the fresh auxiliary a ~ U[−auxScale, auxScale] after a hop (b = 0, W = 0). @default 0.01 */
  auxScale?: number;
  /**
   * 'displace' only: restart a walker from a fresh θ₀ after this many hops in a row that did not
   * lower its best L(θ); 0 never restarts. @default 10
   */
  restartAfter?: number;
  /**
   * A trial's minimum is a new best (resetting the `restartAfter` count; a win for 'adaptive') only if it is lower than
   * the best by more than this fraction of it. Displacements from a spurious minimum often land in
   * the same basin again, and the search ends a hair lower each time (0.02993, then 0.02992, on
   * the teacher–student task), which would otherwise postpone the restart forever. The default is
   * the monitor's own margin for 'L(θ) fell' (monitor.lossTolerance). @default 1e-3
   */
  minImprovement?: number;
}

/** Thresholds of the divergence monitor; see monitor/divergence.ts for how they combine. */
export interface MonitorOptions {
  /** θ has stalled when ‖Δθ‖ over a round ≤ thetaTolerance·(1 + ‖θ‖). @default 1e-3 */
  thetaTolerance?: number;
  /** …and L(θ) fell by at most this fraction of itself over the round. @default 1e-3 */
  lossTolerance?: number;
  /**
   * The neuron carries the fit when L̃ ≤ carryRatio·L(θ) (or when L(θ) rose over the round while L̃
   * fell: the unit taking the fit over). @default 0.5
   */
  carryRatio?: number;
  /** …and the auxiliary output (RMS of g, or |a·e^b|) stays at least this large. @default 1e-3 */
  minAuxOutput?: number;
  /**
   * θ that stalled where the unit still has this much to fit (EvaluationStats.residual) is not a
   * global minimum when the data are realizable or the objective's minimum is 0: 'stuck' too, even
   * if the unit crawls near a saddle instead of running off. @default 1e-2
   */
  minResidual?: number;
  /** Consecutive rounds of the stuck signals before the verdict 'stuck'. @default 2 */
  confirmRounds?: number;
  /**
   * Rounds a walker may stay stalled (θ still, neither certified nor stuck) before it is hopped; also
   * the rounds without a new best L(θ) after which a neuron that carries the fit means 'stuck'. @default 5
   */
  patience?: number;
  /** Certified (a local minimum of L̃): ‖∇L̃‖ ≤ gradientTolerance… @default 1e-6 */
  gradientTolerance?: number;
  /** …and ‖a‖, the auxiliary output and the residual (EvaluationStats.residual) ≤ certifyTolerance. @default 1e-4 */
  certifyTolerance?: number;
}

export interface Progress {
  round: number;
  evaluations: number;
  bestLoss: number;
  /** How many walkers got each verdict this round. */
  verdicts: Record<Verdict, number>;
  hops: number;
  elapsedMs: number;
}

export type Verdict = 'descending' | 'converged' | 'stuck' | 'stalled';

/**
 * What optimize() needs of an AbortSignal. Spelled out so that the declarations do not require
 * the DOM lib or @types/node; a real AbortSignal satisfies it.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** A walker's local search has ended and it is about to be hopped: its state at that moment. */
export interface HopEvent {
  round: number;
  walker: number;
  /** Why it is hopped: 'stuck', 'stalled' (after patience) or 'converged' (no augmentation). */
  verdict: Verdict;
  /** Round at which this local search began. */
  searchStartRound: number;
  searchEvaluations: number;
  /** A copy of z = [θ, auxiliary] at the end of the search. */
  z: Float64Array;
  /** The stepper's state, to continue the same descent elsewhere. */
  stepper: unknown;
  loss: number;
  augmentedLoss: number;
}

/**
 * When the auxiliary parameters are descended (augmented runs only).
 * - 'dormant': each local search starts with the auxiliary held at its neutral point, where
 *   ∂L̃/∂θ = ∇L exactly (neuron: a = 0, b = 0, W = 0, so L̃ = L; scalar: a·e^b = 1, so
 *   L̃ = L + λ), and the steps descend L̃ in θ alone. When θ stalls (the monitor's 'stalled' or
 *   'stuck' verdict, with no hop) the auxiliary is switched on at a = 0, b = 0, W = 0 and from then
 *   on descended jointly with θ, as in the paper. While θ is still falling, the unit then cannot
 *   absorb part of the residual and slow θ's last stretch.
 * - 'joint': the auxiliary is descended with θ from the start (a fresh a ~ U[−auxScale, auxScale]).
 */
export type AuxiliarySchedule = 'dormant' | 'joint';

export interface OptimizeOptions {
  /** @default 'neuron' for a model problem, 'scalar' for an objective problem */
  augmentation?: Augmentation;
  /** See AuxiliarySchedule. @default 'dormant' */
  auxiliary?: AuxiliarySchedule;
  /** λ > 0 of λ‖a‖². @default 1 */
  lambda?: number;
  /** The local stepper (default method 'lbfgs'; see optimizers/options.ts for the rest) and the round length. */
  local?: LocalOptions & {
    /** Evaluations each walker spends per round (K). @default 100 */
    stepsPerRound?: number;
  };
  /**
   * Number of walkers, at most 10 000 (problem/size-limits.ts bounds the run's memory too). One by
   * default: with L-BFGS a local search costs tens of evaluations, and a single basin-hopping chain
   * reaches the target in fewer evaluations summed over walkers than several chains in lockstep
   * (measured on the benchmark tasks: docs/measurements.md, "Default options after the switch to L-BFGS"). More walkers buy wall time on several cores
   * when an evaluation is expensive.
   * @default 1
   */
  walkers?: number;
  /**
   * Worker threads; 0 runs every walker in-process. Left out, the run starts in-process and moves
   * to a pool of os.availableParallelism() threads (at most one per walker) only once its batches
   * have shown that they outweigh the pool's cost (executor/adaptive.ts): a cheap objective is
   * never slower than with threads: 0. Given, the pool is used from the start. A problem from code
   * (a function or object objective, a Model object) cannot cross to a worker and always runs
   * in-process: given threads ≥ 1 explicitly, the result's message and warnings say so once.
   * @default os.availableParallelism(), adaptively
   */
  threads?: number;
  /**
   * Where the batches run: this process's threads, or BullMQ jobs on Redis run by
   * `no-bad-minima worker` hosts (see executor/options.ts). Same seed, same result. @default { type: 'local' }
   */
  executor?: ExecutorOptions;
  /** Basin hopping for stuck and stalled walkers, or false to never hop. @default {} (on) */
  hopping?: HoppingOptions | false;
  monitor?: MonitorOptions;
  /** Stop once the best L(θ) ≤ targetLoss. @default undefined (no target) */
  targetLoss?: number;
  /** Stop when a walker is certified at a local minimum of L̃ (a global minimum of L). @default true */
  stopWhenCertified?: boolean;
  /**
   * Budget of gradient evaluations summed over walkers. Each walker may spend an equal share,
   * ⌊maxEvaluations / walkers⌋; the run stops once a walker cannot afford another round.
   * @default Infinity
   */
  maxEvaluations?: number;
  /** @default 1000 when neither maxEvaluations nor timeLimitMs is given, else Infinity */
  maxRounds?: number;
  /** Wall-clock limit in milliseconds. @default Infinity */
  timeLimitMs?: number;
  /** Seed of every random stream: a finite number or a string. @default 0 */
  seed?: number | string;
  /** Aborts the run (stop reason 'aborted'); the best result so far is returned. */
  signal?: AbortSignalLike;
  /** Called once per round; return false to stop the run. */
  onProgress?: (progress: Progress) => boolean | void;
  /** Called before each hop with the walker's end-of-search state (for diagnostics and scoring the monitor). */
  onHop?: (event: HopEvent) => void;
  /** Called with a JSON checkpoint every `checkpointEvery` rounds and at the end (result.checkpoint then holds the last). */
  onCheckpoint?: (state: unknown) => void;
  /** @default 10 */
  checkpointEvery?: number;
  /** A checkpoint from onCheckpoint to continue from. */
  resume?: unknown;
  /**
   * Heap limit of each worker thread in MB (V8's old generation): a user module that allocates
   * without end ends its thread (a worker fault), not the process. Not applied with threads 0.
   * @default 2048
   */
  workerMemoryMb?: number;
  /**
   * Build the final checkpoint as result.checkpoint even without onCheckpoint. Off by default: it
   * copies every walker's whole state (hundreds of MB at d = 1e6).
   * @default false
   */
  checkpoint?: boolean;
  /**
   * Where the walkers start (scipy's x0): one point for every walker, or one per walker
   * (options.walkers of them), each inside the problem's bounds. A walker's first evaluation is at
   * its x0; hops and restarts after that draw as usual.
   * @default undefined (each walker draws its start from the objective's or model's init)
   */
  x0?: ArrayLike<number> | readonly ArrayLike<number>[];
}

export interface ResolvedOptions {
  augmentation: Augmentation;
  auxiliary: AuxiliarySchedule;
  lambda: number;
  local: ResolvedLocalOptions & { stepsPerRound: number };
  walkers: number;
  threads: number;
  /** threads was left out: start in-process and move to the pool when it pays (see threads). */
  adaptiveThreads: boolean;
  executor: ResolvedExecutorOptions;
  hopping: Required<HoppingOptions> | false;
  monitor: Required<MonitorOptions>;
  targetLoss: number;
  stopWhenCertified: boolean;
  maxEvaluations: number;
  maxRounds: number;
  timeLimitMs: number;
  seed: string;
  checkpointEvery: number;
  workerMemoryMb: number;
  checkpoint: boolean;
}

/** See OptimizeOptions.walkers. */
export const DEFAULT_WALKERS = 1;

export const HOPPING_DEFAULTS: Required<HoppingOptions> = {
  mode: 'adaptive',
  temperature: 1,
  stepSize: 0.5,
  targetAcceptRate: 0.5,
  factor: 0.9,
  interval: 10,
  auxScale: 0.01,
  restartAfter: 10,
  minImprovement: 1e-3,
};

const MONITOR_DEFAULTS: Required<MonitorOptions> = {
  thetaTolerance: 1e-3,
  lossTolerance: 1e-3,
  carryRatio: 0.5,
  minAuxOutput: 1e-3,
  minResidual: 1e-2,
  confirmRounds: 2,
  patience: 5,
  gradientTolerance: 1e-6,
  certifyTolerance: 1e-4,
};

const HOPPING_SCHEMA = strictObject({
  mode: v.optional(oneOf(['adaptive', 'displace', 'restart'], "'adaptive', 'displace' or 'restart'"), HOPPING_DEFAULTS.mode),
  temperature: v.optional(nonNegative(), HOPPING_DEFAULTS.temperature),
  stepSize: v.optional(positive(), HOPPING_DEFAULTS.stepSize),
  targetAcceptRate: v.optional(openFraction(), HOPPING_DEFAULTS.targetAcceptRate),
  factor: v.optional(openFraction(), HOPPING_DEFAULTS.factor),
  interval: v.optional(integer(1), HOPPING_DEFAULTS.interval),
  auxScale: v.optional(nonNegative(), HOPPING_DEFAULTS.auxScale),
  restartAfter: v.optional(integer(0), HOPPING_DEFAULTS.restartAfter),
  minImprovement: v.optional(fraction(), HOPPING_DEFAULTS.minImprovement),
});

const MONITOR_SCHEMA = strictObject({
  thetaTolerance: v.optional(positive(), MONITOR_DEFAULTS.thetaTolerance),
  lossTolerance: v.optional(positive(), MONITOR_DEFAULTS.lossTolerance),
  carryRatio: v.optional(positive(), MONITOR_DEFAULTS.carryRatio),
  minAuxOutput: v.optional(positive(), MONITOR_DEFAULTS.minAuxOutput),
  minResidual: v.optional(positive(), MONITOR_DEFAULTS.minResidual),
  confirmRounds: v.optional(integer(1), MONITOR_DEFAULTS.confirmRounds),
  patience: v.optional(integer(1), MONITOR_DEFAULTS.patience),
  gradientTolerance: v.optional(positive(), MONITOR_DEFAULTS.gradientTolerance),
  certifyTolerance: v.optional(positive(), MONITOR_DEFAULTS.certifyTolerance),
});

const AUGMENTATIONS = ['neuron', 'scalar', 'none'] as const;

/** The augmentation and its λ with their defaults: optimize()'s and createObjective()'s options share them. */
function augmentationEntries(problemKind: 'model' | 'objective') {
  const augmentation = oneOf(AUGMENTATIONS, "'neuron', 'scalar' or 'none'");
  return {
    augmentation:
      problemKind === 'model'
        ? v.optional(augmentation, 'neuron')
        : v.optional(v.pipe(augmentation, v.check((a) => a !== 'neuron', "'scalar' or 'none' for an objective problem (the neuron needs a model)")), 'scalar'),
    lambda: v.optional(positive(), 1),
  };
}

/**
 * createObjective()'s options, { augmentation, lambda }, checked and defaulted as optimize()'s are,
 * per kind of problem.
 *
 * @example
 * parseOrThrow(OBJECTIVE_OPTIONS_SCHEMAS.objective, { lambda: 0 }, 'options');
 * // throws: options.lambda: expected a finite number > 0, got 0
 */
export const OBJECTIVE_OPTIONS_SCHEMAS = {
  model: strictObject(augmentationEntries('model')),
  objective: strictObject(augmentationEntries('objective')),
};

/**
 * The options of optimize(), declared once: each entry's check and, where it does not depend on
 * other options or the problem, its default (the rest are filled in by resolveOptions).
 */
function optionsSchema(problemKind: 'model' | 'objective') {
  const entries = {
    ...augmentationEntries(problemKind),
    auxiliary: v.optional(oneOf(['dormant', 'joint'], "'dormant' or 'joint'"), 'dormant'),
    // optimize()'s counts say ≥ where the steppers' own say >=.
    local: v.optional(localOptionsSchema({ ...LOCAL_ENTRIES, stepsPerRound: v.optional(integer(1), 100) }), {}),
    walkers: v.optional(v.pipe(integer(1), v.maxValue<number, number, string>(MAX_WALKERS, `an integer ≤ ${MAX_WALKERS}`)), DEFAULT_WALKERS),
    /** Left out: os.availableParallelism(), adaptively (filled in by resolveOptions). */
    threads: v.optional(integer(0)),
    executor: EXECUTOR_OPTIONS_SCHEMA,
    hopping: v.optional(v.lazy((value) => (value === false ? v.literal(false) : HOPPING_SCHEMA)), {}),
    monitor: v.optional(MONITOR_SCHEMA, {}),
    /** Left out: -Infinity, no target. */
    targetLoss: v.optional(finite()),
    stopWhenCertified: v.optional(bool(), true),
    maxEvaluations: v.optional(countLimit(), Infinity),
    /** Left out: 1000 when neither maxEvaluations nor timeLimitMs is given, else Infinity. */
    maxRounds: v.optional(countLimit()),
    timeLimitMs: v.optional(limit(), Infinity),
    // Seeds become strings so that every stream is `${seed}:${walker}`; undefined would seed from the clock.
    seed: v.optional(
      v.pipe(
        v.custom<number | string>((s) => (typeof s === 'number' && Number.isFinite(s)) || typeof s === 'string', 'a finite number or a string'),
        v.transform(String),
      ),
      0,
    ),
    signal: v.optional(v.custom<AbortSignalLike>((s) => typeof s === 'object' && s !== null && 'aborted' in s, 'an AbortSignal')),
    onProgress: v.optional(fn()),
    onHop: v.optional(fn()),
    onCheckpoint: v.optional(fn()),
    checkpointEvery: v.optional(integer(1), 10),
    /** Checked against the problem by the coordinator. */
    resume: v.optional(v.unknown()),
    workerMemoryMb: v.optional(integer(64), 2048),
    checkpoint: v.optional(bool(), false),
    /** Checked against the problem's dimension and bounds (problem/start.ts). */
    x0: v.optional(v.unknown()),
  };
  return v.pipe(
    strictObject(entries),
    // Each walker's share must pay for one round: a step and the end-of-round evaluation.
    v.forward(
      v.partialCheck(
        [['maxEvaluations'], ['walkers']],
        (o: { maxEvaluations: number; walkers: number }) => o.maxEvaluations >= 2 * o.walkers,
        (issue) =>
          `at least ${2 * (issue.input as { walkers: number }).walkers} (walkers × 2: every walker's share must pay for one round of 1 step and 1 end evaluation)`,
      ),
      ['maxEvaluations'],
    ),
  );
}

const OPTIONS_SCHEMAS = { model: optionsSchema('model'), objective: optionsSchema('objective') };

/**
 * Fills in defaults and checks every option, throwing INVALID_INPUT naming the field.
 *
 * @example
 * resolveOptions({ walkers: 8 }, 'model').hopping; // { mode: 'adaptive', temperature: 1, … }
 * resolveOptions({ walkers: 0 }, 'model'); // throws: options.walkers: expected an integer ≥ 1, got 0
 */
export function resolveOptions(options: OptimizeOptions = {}, problemKind: 'model' | 'objective'): ResolvedOptions {
  const o = parseOrThrow(OPTIONS_SCHEMAS[problemKind], options, 'options');
  const unbounded = o.maxEvaluations === Infinity && o.timeLimitMs === Infinity;
  return {
    augmentation: o.augmentation,
    auxiliary: o.auxiliary,
    lambda: o.lambda,
    local: o.local,
    walkers: o.walkers,
    threads: o.threads ?? availableParallelism(),
    adaptiveThreads: o.threads === undefined,
    executor: o.executor,
    hopping: o.hopping,
    monitor: o.monitor,
    targetLoss: o.targetLoss ?? -Infinity,
    stopWhenCertified: o.stopWhenCertified,
    maxEvaluations: o.maxEvaluations,
    maxRounds: o.maxRounds ?? (unbounded ? 1000 : Infinity),
    timeLimitMs: o.timeLimitMs,
    seed: o.seed,
    checkpointEvery: o.checkpointEvery,
    workerMemoryMb: o.workerMemoryMb,
    checkpoint: o.checkpoint,
  };
}
