/**
 * A walker's whole state as plain data: its point z = [θ, auxiliary], its stepper's state, its
 * random stream's state, its basin-hopping state and the monitor's memory of it. Nothing in it is a
 * live object, so it crosses to a worker thread and back (structured clone) and into checkpoints
 * (JSON) unchanged: a walker can be advanced on any thread, and the result is the same.
 */
import type { AugmentedObjective } from '../augment/augmented.js';
import type { HopState } from '../hopping/basin-hopping.js';
import { freshHopState, restoredHopState } from '../hopping/basin-hopping.js';
import type { MonitorMemory, RoundStats } from '../monitor/divergence.js';
import { freshMemory } from '../monitor/divergence.js';
import type { StepperState } from '../optimizers/stepper.js';
import type { Verdict } from '../options.js';
import { createStream } from '../rng.js';
import { encodeArray, FLOAT64_BASE64 } from '../optimizers/state.js';
import type { EncodedArray } from '../optimizers/state.js';

/**
 * A z as checkpoints carry it: numbers (already decoded by decodeCheckpoint) or base64 bytes.
 *
 * @example
 * decodeVector(encodeArray(z)); // a copy of z, bit for bit
 */
export function decodeVector(v: EncodedArray): Float64Array {
  if (typeof v !== 'string') return Float64Array.from(v as number[]);
  const bytes = Buffer.from(v.slice(FLOAT64_BASE64.length), 'base64');
  const out = new Float64Array(bytes.length / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export interface WalkerState {
  index: number;
  /** Rounds this walker has completed. */
  round: number;
  z: Float64Array;
  /** null: the next round starts its stepper fresh. */
  stepper: StepperState | null;
  /** The seedrandom xor4096 state of the walker's own stream. */
  rng: object;
  hop: HopState;
  monitor: MonitorMemory;
  hops: number;
  /** Round at which the current local search (initial or after a hop) began. */
  searchStartRound: number;
  /** Evaluations spent in the current local search. */
  searchEvaluations: number;
  /** Evaluations spent in the whole run: the walker's share of maxEvaluations bounds it. */
  evaluations: number;
  /**
   * The lowest L(θ) this walker has reported. A later round above it cannot be the run's best
   * point, so its z need not travel back (null: report the next one).
   */
  reportedBest: number | null;
  lastStats: RoundStats | null;
  lastVerdict: Verdict | null;
  /** The auxiliary is descended; false while it rests at its neutral point (options.auxiliary). */
  auxActive: boolean;
}

/**
 * A new walker at a random start drawn from its own stream `${seed}:${index}`, or at θ = `x0`
 * (options.x0): then its first evaluation is at x0. The random start is drawn either way, so that
 * the stream (and the auxiliary drawn from it) is the same with and without x0.
 *
 * @example
 * const w = createWalker(0, '42', objective, 0.01, 0.5, true);
 * w.auxActive; // false: the auxiliary rests until θ stalls
 */
export function createWalker(index: number, seed: string, obj: AugmentedObjective, auxScale: number, stepSize: number, dormant: boolean, x0: Float64Array | null = null): WalkerState {
  const stream = createStream(seed, index);
  const z = new Float64Array(obj.dimension);
  obj.init(stream.next, z, auxScale);
  if (x0 !== null) z.set(x0.subarray(0, obj.thetaSize));
  if (dormant) obj.restAux(z);
  return {
    index,
    round: 0,
    z,
    stepper: null,
    rng: stream.state(),
    hop: freshHopState(stepSize),
    monitor: freshMemory(),
    hops: 0,
    searchStartRound: 0,
    searchEvaluations: 0,
    evaluations: 0,
    reportedBest: null,
    lastStats: null,
    lastVerdict: null,
    auxActive: !dormant,
  };
}

/**
 * Starts a new local search at z: forgets the stepper's history and the monitor's memory. With
 * `dormant` the search starts with the auxiliary resting (z's auxiliary must be at its neutral point).
 */
export function beginSearch(w: WalkerState, round: number, dormant: boolean): void {
  w.auxActive = !dormant;
  w.stepper = null;
  w.monitor = freshMemory();
  w.searchStartRound = round;
  w.searchEvaluations = 0;
}

/**
 * A copy that shares nothing the next round mutates in place (z, the monitor's memory, the hop
 * state); the rest is replaced, never mutated, by a round.
 */
export function cloneWalker(w: WalkerState): WalkerState {
  return { ...w, z: w.z.slice(), hop: { ...w.hop }, monitor: { ...w.monitor } };
}

/**
 * Plain-JSON form for checkpoints (the checkpoint's round is the walker's). Fields added after the
 * first checkpoint version are optional: `evaluations` (absent: an equal share of the budget is
 * assumed), `reportedBest`, and `auxActive` (absent: written before the dormant schedule, when the
 * auxiliary was always active); the hop state's move counts are filled in by restoredHopState.
 */
export type WalkerSnapshot = Omit<WalkerState, 'round' | 'z' | 'evaluations' | 'reportedBest' | 'auxActive'> & {
  /** A number array, or (long z, from issue 28 on) 'f64:' + the base64 of its bytes. */
  z: EncodedArray;
  evaluations?: number;
  reportedBest?: number | null;
  auxActive?: boolean;
};

export function snapshotWalker(w: WalkerState): WalkerSnapshot {
  return {
    index: w.index,
    z: encodeArray(w.z),
    stepper: w.stepper,
    rng: w.rng,
    hop: structuredClone(w.hop),
    monitor: { ...w.monitor },
    hops: w.hops,
    searchStartRound: w.searchStartRound,
    searchEvaluations: w.searchEvaluations,
    evaluations: w.evaluations,
    reportedBest: w.reportedBest,
    lastStats: w.lastStats && { ...w.lastStats },
    lastVerdict: w.lastVerdict,
    auxActive: w.auxActive,
  };
}

/**
 * The walker of a checkpoint taken at `round`; `evaluations` is the run's total then, split evenly
 * where the snapshot predates per-walker counts.
 */
export function restoreWalker(s: WalkerSnapshot, round: number, evaluations: number, walkers: number): WalkerState {
  return {
    index: s.index,
    round,
    z: decodeVector(s.z),
    stepper: s.stepper,
    rng: structuredClone(s.rng),
    hop: restoredHopState(structuredClone(s.hop)),
    monitor: { ...s.monitor },
    hops: s.hops,
    searchStartRound: s.searchStartRound,
    searchEvaluations: s.searchEvaluations,
    evaluations: s.evaluations ?? Math.floor(evaluations / walkers),
    reportedBest: s.reportedBest ?? null,
    lastStats: s.lastStats,
    lastVerdict: s.lastVerdict,
    auxActive: s.auxActive ?? true,
  };
}
