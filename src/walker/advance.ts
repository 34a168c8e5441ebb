/**
 * A walker's round from start to finish: local descent on L̃, the monitor's verdict, and the hop (or
 * the reset after a numerical fault) that follows. Everything in it depends on the walker's own
 * state and the run's fixed settings, never on other walkers, so a walker can run rounds ahead on
 * any thread and the run's result stays a function of the seed alone.
 */
import type { AugmentedObjective } from '../augment/augmented.js';
import { concludeTrial, proposeTheta } from '../hopping/basin-hopping.js';
import { judge } from '../monitor/divergence.js';
import type { RoundStats } from '../monitor/divergence.js';
import type { StepperBounds } from '../optimizers/bounds.js';
import { projectInto } from '../optimizers/bounds.js';
import type { ResolvedLocalOptions } from '../optimizers/options.js';
import type { StepperState } from '../optimizers/stepper.js';
import type { HoppingOptions, MonitorOptions, Verdict } from '../options.js';
import type { Stream } from '../rng.js';
import type { Augmentation } from '../types.js';
import { roundSteps } from './round.js';
import type { WalkerState } from './state.js';
import { beginSearch } from './state.js';

/** The run's settings every walker round needs: fixed for the whole run. */
export interface WalkerContext {
  augmentation: Augmentation;
  lambda: number;
  local: ResolvedLocalOptions & { stepsPerRound: number };
  /** Evaluations each walker may spend in the run: an equal share of maxEvaluations. */
  share: number;
  targetLoss: number;
  stopWhenCertified: boolean;
  monitor: Required<MonitorOptions>;
  hopping: Required<HoppingOptions> | false;
  /** Half-width of a fresh auxiliary (after a hop or a reset). */
  auxScale: number;
  /** Each local search starts with the auxiliary resting (options.auxiliary 'dormant', augmented runs). */
  dormant: boolean;
  /** Whether records carry the pre-hop z and stepper (someone listens to onHop). */
  reportHops: boolean;
  /** z's box: θ's bounds with the auxiliary free (null or absent: no bounds). */
  bounds?: StepperBounds | null;
  /** Calls of the objective per evaluation, what the budget counts (1 + 2n by differences). @default 1 */
  evaluationCost?: number;
}

/** A walker's state just before a hop, as onHop reports it. */
export interface HopReport {
  searchStartRound: number;
  searchEvaluations: number;
  z: Float64Array;
  stepper: StepperState | null;
}

/** What one walker round tells the coordinator. */
export interface WalkerRoundRecord {
  round: number;
  /** Evaluations spent this round. */
  evaluations: number;
  /**
   * The round faulted and the walker was reset; stats are null. 'numerical': NaN or overflow;
   * 'worker': the round threw, or its thread died, twice in a row.
   */
  fault: 'numerical' | 'worker' | null;
  stats: RoundStats | null;
  verdict: Verdict | 'fault';
  certified: boolean;
  /** The first 'stuck' verdict of this local search. */
  newDivergence: boolean;
  hopped: boolean;
  /** Evaluations of the local search up to the end of this round (before any hop). */
  searchEvaluations: number;
  interrupted: boolean;
  /** z at the end of the round when it may be the run's best point (WalkerState.reportedBest). */
  candidate: Float64Array | null;
  /** The walker's state before the hop, when hopped and reportHops. */
  hop: HopReport | null;
  /** This round ends the run: L(θ) reached the target, or a certified stop. */
  stopsRun: boolean;
  /** A numerical fault's cause: the error's message (whose function, what it returned or wrote). */
  faultMessage?: string;
}

/**
 * Evaluations the walker may spend on steps in its next round: K, or what is left of its share
 * (each round also spends one evaluation on its end statistics). Below 1 the walker is done.
 */
export function roundBudget(w: WalkerState, c: WalkerContext): number {
  return Math.min(c.local.stepsPerRound, c.share - w.evaluations - 1);
}

/**
 * Runs the walker's next round and updates it in place. If it throws (a user module that throws),
 * the walker is left as it was, but for its stream: a RewoundError carries the stream's state to
 * restore.
 *
 * @example
 * const rec = advanceWalker(w, obj, resumeStream(w.rng), context, control, Infinity);
 * rec.verdict; // 'descending' | 'converged' | 'stuck' | 'stalled' | 'fault'
 */
export function advanceWalker(
  w: WalkerState,
  obj: AugmentedObjective,
  stream: Stream,
  c: WalkerContext,
  control: Int32Array,
  deadline: number,
): WalkerRoundRecord {
  const steps = advanceSteps(w, obj, stream, c, control, deadline, Infinity);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * advanceWalker in slices of about `sliceMs` of work (see roundSteps): the in-process executor
 * yields to the event loop between them. The same bits as advanceWalker.
 *
 * @example
 * const steps = advanceSteps(w, obj, stream, context, control, Infinity, 10);
 */
export function* advanceSteps(
  w: WalkerState,
  obj: AugmentedObjective,
  stream: Stream,
  c: WalkerContext,
  control: Int32Array,
  deadline: number,
  sliceMs: number,
): Generator<void, WalkerRoundRecord, void> {
  const round = w.round + 1;
  const res = yield* roundSteps(obj, {
    local: c.local,
    budget: roundBudget(w, c),
    targetLoss: c.targetLoss,
    gradientTolerance: c.monitor.gradientTolerance,
    z: w.z,
    stepper: w.stepper,
    thetaOnly: !w.auxActive,
    round,
    control,
    deadline,
    bounds: c.bounds ?? null,
    cost: c.evaluationCost ?? 1,
  }, sliceMs);
  if (res.fault !== null) {
    rewindOnThrow(stream, () => resetWalker(w, obj, stream, c, round));
    w.round = round;
    w.evaluations += res.evaluations;
    return faultRecord('numerical', round, res.evaluations, res.interrupted, res.fault.message);
  }

  const stats = res.stats!;
  const memoryBefore = { ...w.monitor };
  const j = judge(stats, w.monitor, c.monitor, c.augmentation, res.localConverged);
  const reached = stats.loss <= c.targetLoss;
  const hopNow = j.hop && c.hopping !== false && !reached;
  const searchEvaluations = w.searchEvaluations + res.evaluations;
  const best = w.reportedBest;
  const candidate = best === null || stats.loss < best || (j.certified && stats.loss <= best) ? res.z.slice() : null;
  const hop: HopReport | null = hopNow && c.reportHops ? { searchStartRound: w.searchStartRound, searchEvaluations, z: res.z.slice(), stepper: structuredClone(res.stepper) } : null;

  if (hopNow && c.hopping !== false) {
    const h = c.hopping;
    // On copies: a user init that throws leaves the walker as it was before the round.
    const z = res.z;
    const hopState = structuredClone(w.hop);
    try {
      rewindOnThrow(stream, () => {
        const theta = obj.split(z).theta;
        concludeTrial(hopState, theta, stats.loss, stream.next, h, searchEvaluations);
        // A restart draws θ₀ (into the view `theta`) as a fresh walker would.
        proposeTheta(hopState, theta, stream.next, h, (rng) => obj.init(rng, z, c.auxScale));
        // A displacement past a wall lands on it, as scipy's bounded basin hopping clips its steps.
        if (c.bounds) projectInto(theta, c.bounds.lower, c.bounds.upper);
        obj.resetAux(stream.next, z, h.auxScale);
        if (c.dormant) obj.restAux(z);
      });
    } catch (error) {
      w.monitor = memoryBefore;
      throw error;
    }
    w.z = z;
    w.hop = hopState;
    w.hops += 1;
    beginSearch(w, round, c.dormant);
  } else {
    w.z = res.z;
    w.stepper = res.stepper;
    w.searchEvaluations = searchEvaluations;
    // θ has stalled and the search goes on: from here the auxiliary is descended with θ.
    if (!w.auxActive && (j.verdict === 'stalled' || j.verdict === 'stuck')) {
      obj.wakeAux(w.z);
      w.auxActive = true;
    }
  }
  w.round = round;
  w.evaluations += res.evaluations;
  if (candidate !== null) w.reportedBest = best === null ? stats.loss : Math.min(best, stats.loss);
  w.lastStats = stats;
  w.lastVerdict = j.verdict;
  return {
    round,
    evaluations: res.evaluations,
    fault: null,
    stats,
    verdict: j.verdict,
    certified: j.certified,
    newDivergence: j.newDivergence === true,
    hopped: hopNow,
    searchEvaluations,
    interrupted: res.interrupted,
    candidate,
    hop,
    stopsRun: reached || (j.certified && c.stopWhenCertified),
  };
}

/** A fresh start after a fault: new θ₀ and auxiliary from the walker's own stream, a new search. */
export function resetWalker(w: WalkerState, obj: AugmentedObjective, stream: Stream, c: Pick<WalkerContext, 'auxScale' | 'dormant'>, round: number): void {
  const z = new Float64Array(obj.dimension);
  obj.init(stream.next, z, c.auxScale);
  if (c.dormant) obj.restAux(z);
  w.z = z;
  beginSearch(w, round, c.dormant);
}

/** The record of a round that faulted: the walker was reset, nothing of the round is kept but the cause. */
export function faultRecord(kind: 'numerical' | 'worker', round: number, evaluations: number, interrupted: boolean, message?: string): WalkerRoundRecord {
  return {
    ...(message === undefined ? {} : { faultMessage: message }),
    round,
    evaluations,
    fault: kind,
    stats: null,
    verdict: 'fault',
    certified: false,
    newDivergence: false,
    hopped: false,
    searchEvaluations: 0,
    interrupted,
    candidate: null,
    hop: null,
    stopsRun: false,
  };
}

/** A throw from code that drew on the walker's stream, with the stream's state from before it. */
export class RewoundError extends Error {
  constructor(
    readonly original: unknown,
    readonly rng: object,
  ) {
    super('a walker round threw after drawing on its stream');
  }
}

/**
 * Runs `f`, which may call the user's init with the walker's stream. If it throws, the error comes
 * back wrapped with the stream's prior state, so that a retry draws the same numbers.
 */
function rewindOnThrow(stream: Stream, f: () => void): void {
  const saved = stream.state();
  try {
    f();
  } catch (error) {
    throw new RewoundError(error, saved);
  }
}
