/**
 * Every option of `optimize()`, its default and its check, in one module. The local stepper's own
 * options (learning rate, momentum, …) are resolved by `optimizers/options.ts` and nested here.
 */
import { availableParallelism } from 'node:os';
import { invalid } from './errors.js';
import type { ExecutorOptions, ResolvedExecutorOptions } from './executor/options.js';
import { resolveExecutorOptions } from './executor/options.js';
import type { LocalOptions, ResolvedLocalOptions } from './optimizers/options.js';
import { resolveLocalOptions } from './optimizers/options.js';
import { MAX_WALKERS } from './problem/size-limits.js';
import type { Augmentation } from './types.js';

/** How a stuck or stalled walker is moved on. */
export interface HoppingOptions {
  /**
   * 'displace': θ ← (last accepted minimum) + U[−s, s] per coordinate (basin hopping).
   * 'restart': θ ← a fresh draw from the model's or objective's init (multistart).
   * @default 'displace'
   */
  mode?: 'displace' | 'restart';
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
   * A trial's minimum is a new best (resetting the `restartAfter` count) only if it is lower than
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
   * (measured on the benchmark tasks: see the README). More walkers buy wall time on several cores
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
  mode: 'displace',
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

const KNOWN_KEYS = new Set([
  'augmentation', 'auxiliary', 'lambda', 'local', 'walkers', 'threads', 'executor', 'hopping', 'monitor', 'targetLoss',
  'stopWhenCertified', 'maxEvaluations', 'maxRounds', 'timeLimitMs', 'seed', 'signal', 'onProgress', 'onHop',
  'onCheckpoint', 'checkpointEvery', 'resume', 'workerMemoryMb', 'checkpoint', 'x0',
]);

/**
 * Fills in defaults and checks every option, throwing INVALID_INPUT naming the field.
 *
 * @example
 * resolveOptions({ walkers: 8 }, 'model').hopping; // { mode: 'displace', temperature: 1, … }
 * resolveOptions({ walkers: 0 }, 'model'); // throws: options.walkers: expected an integer ≥ 1, got 0
 */
export function resolveOptions(options: OptimizeOptions = {}, problemKind: 'model' | 'objective'): ResolvedOptions {
  if (typeof options !== 'object' || options === null) invalid('options', options, 'an object');
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) invalid(`options.${key}`, (options as Record<string, unknown>)[key], `no such option (known: ${[...KNOWN_KEYS].join(', ')})`);
  }
  const augmentation = orDefault(options.augmentation, problemKind === 'model' ? 'neuron' : 'scalar');
  if (!['neuron', 'scalar', 'none'].includes(augmentation as string)) invalid('options.augmentation', augmentation, "'neuron', 'scalar' or 'none'");
  if (augmentation === 'neuron' && problemKind === 'objective') invalid('options.augmentation', augmentation, "'scalar' or 'none' for an objective problem (the neuron needs a model)");
  const lambda = positive(orDefault(options.lambda, 1), 'options.lambda');
  const auxiliary = orDefault(options.auxiliary, 'dormant');
  if (auxiliary !== 'dormant' && auxiliary !== 'joint') invalid('options.auxiliary', auxiliary, "'dormant' or 'joint'");

  const { stepsPerRound = 100, ...localRest } = checkObject<NonNullable<OptimizeOptions['local']>>(orDefault(options.local, {}), 'options.local', null);
  const local = { ...resolveLocalOptions(localRest, 'options.local'), stepsPerRound: integer(stepsPerRound, 'options.local.stepsPerRound', 1) };

  const walkers = integer(orDefault(options.walkers, DEFAULT_WALKERS), 'options.walkers', 1);
  if (walkers > MAX_WALKERS) invalid('options.walkers', walkers, `an integer ≤ ${MAX_WALKERS}`);
  const threads = integer(orDefault(options.threads, availableParallelism()), 'options.threads', 0);
  const executor = resolveExecutorOptions(options.executor, 'options.executor');

  let hopping: Required<HoppingOptions> | false = false;
  if (options.hopping !== false) {
    const h = { ...HOPPING_DEFAULTS, ...checkObject(orDefault(options.hopping, {}), 'options.hopping', HOPPING_DEFAULTS) };
    if (h.mode !== 'displace' && h.mode !== 'restart') invalid('options.hopping.mode', h.mode, "'displace' or 'restart'");
    nonNegative(h.temperature, 'options.hopping.temperature');
    positive(h.stepSize, 'options.hopping.stepSize');
    openFraction(h.targetAcceptRate, 'options.hopping.targetAcceptRate');
    openFraction(h.factor, 'options.hopping.factor');
    integer(h.interval, 'options.hopping.interval', 1);
    nonNegative(h.auxScale, 'options.hopping.auxScale');
    integer(h.restartAfter, 'options.hopping.restartAfter', 0);
    fraction(h.minImprovement, 'options.hopping.minImprovement');
    hopping = h;
  }

  const monitor = { ...MONITOR_DEFAULTS, ...checkObject(orDefault(options.monitor, {}), 'options.monitor', MONITOR_DEFAULTS) };
  for (const key of Object.keys(MONITOR_DEFAULTS) as (keyof MonitorOptions)[]) {
    if (key === 'confirmRounds' || key === 'patience') integer(monitor[key], `options.monitor.${key}`, 1);
    else positive(monitor[key], `options.monitor.${key}`);
  }

  const targetLoss = options.targetLoss === undefined ? -Infinity : finite(options.targetLoss, 'options.targetLoss');
  const stopWhenCertified = bool(orDefault(options.stopWhenCertified, true), 'options.stopWhenCertified');
  const maxEvaluations = options.maxEvaluations === undefined ? Infinity : countLimit(options.maxEvaluations, 'options.maxEvaluations');
  const timeLimitMs = options.timeLimitMs === undefined ? Infinity : limit(options.timeLimitMs, 'options.timeLimitMs');
  const unbounded = maxEvaluations === Infinity && timeLimitMs === Infinity;
  const maxRounds = options.maxRounds === undefined ? (unbounded ? 1000 : Infinity) : countLimit(options.maxRounds, 'options.maxRounds');
  const seed = checkSeed(orDefault(options.seed, 0));
  if (options.signal !== undefined && !(typeof options.signal === 'object' && options.signal !== null && 'aborted' in options.signal)) {
    invalid('options.signal', options.signal, 'an AbortSignal');
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') invalid('options.onProgress', options.onProgress, 'a function');
  if (options.onCheckpoint !== undefined && typeof options.onCheckpoint !== 'function') invalid('options.onCheckpoint', options.onCheckpoint, 'a function');
  if (options.onHop !== undefined && typeof options.onHop !== 'function') invalid('options.onHop', options.onHop, 'a function');
  // Each walker's share must pay for one round: a step and the end-of-round evaluation.
  if (maxEvaluations < 2 * walkers) invalid('options.maxEvaluations', maxEvaluations, `at least ${2 * walkers} (walkers × 2: every walker's share must pay for one round of 1 step and 1 end evaluation)`);
  const checkpointEvery = integer(orDefault(options.checkpointEvery, 10), 'options.checkpointEvery', 1);
  const workerMemoryMb = integer(orDefault(options.workerMemoryMb, 2048), 'options.workerMemoryMb', 64);

  return {
    augmentation: augmentation as Augmentation,
    auxiliary,
    lambda,
    local,
    walkers,
    threads,
    adaptiveThreads: options.threads === undefined,
    executor,
    hopping,
    monitor,
    targetLoss,
    stopWhenCertified,
    maxEvaluations,
    maxRounds,
    timeLimitMs,
    seed,
    checkpointEvery,
    workerMemoryMb,
    checkpoint: bool(orDefault(options.checkpoint, false), 'options.checkpoint'),
  };
}

/** Only undefined means "use the default": null is a value the user gave, and gets checked. */
function orDefault<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}

/** An object whose keys are all known (`known` null: any keys, checked elsewhere). */
function checkObject<T extends object>(value: unknown, field: string, known: T | null): Partial<T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(field, value, 'an object');
  if (known === null) return value as Partial<T>;
  for (const key of Object.keys(value)) {
    if (!(key in known)) invalid(`${field}.${key}`, (value as Record<string, unknown>)[key], `no such option (known: ${Object.keys(known).join(', ')})`);
  }
  return value as Partial<T>;
}

function finite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(field, value, 'a finite number');
  return value as number;
}

function positive(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) invalid(field, value, 'a finite number > 0');
  return value as number;
}

function nonNegative(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) invalid(field, value, 'a finite number ≥ 0');
  return value as number;
}

/** A share of something: 0 allowed, 1 (all of it) not. */
function fraction(value: unknown, field: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) invalid(field, value, 'a number in [0, 1)');
  return value as number;
}

/** A rate or factor strictly between none and all; a numeric string is refused, not coerced. */
function openFraction(value: unknown, field: string): number {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) invalid(field, value, 'a number in (0, 1)');
  return value as number;
}

function integer(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) invalid(field, value, `an integer ≥ ${min}`);
  return value as number;
}

/** A positive count or duration; Infinity is allowed and means no limit. */
function limit(value: unknown, field: string): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) invalid(field, value, 'a number > 0 (Infinity for no limit)');
  return value as number;
}

/** A count limit: an integer ≥ 1, or Infinity for no limit. */
function countLimit(value: unknown, field: string): number {
  if (value === Infinity) return Infinity;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) invalid(field, value, 'an integer ≥ 1 (Infinity for no limit)');
  return value as number;
}

function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') invalid(field, value, 'true or false');
  return value as boolean;
}

/** Seeds become strings so that every stream is `${seed}:${walker}`; undefined would seed from the clock. */
function checkSeed(seed: unknown): string {
  if (typeof seed === 'number' && Number.isFinite(seed)) return String(seed);
  if (typeof seed === 'string') return seed;
  return invalid('options.seed', seed, 'a finite number or a string');
}
