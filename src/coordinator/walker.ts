/**
 * A walker as the coordinator holds it between rounds: its point z = [θ, auxiliary], its stepper's
 * state, its own random stream, its basin-hopping state and the monitor's memory of it.
 */
import type { AugmentedObjective } from '../augment/augmented.js';
import type { HopState } from '../hopping/basin-hopping.js';
import { freshHopState } from '../hopping/basin-hopping.js';
import type { MonitorMemory, RoundStats } from '../monitor/divergence.js';
import { freshMemory } from '../monitor/divergence.js';
import type { StepperState } from '../optimizers/stepper.js';
import type { Verdict } from '../options.js';
import type { Stream } from '../rng.js';
import { createStream } from '../rng.js';

export interface Walker {
  index: number;
  z: Float64Array;
  stepper: StepperState | null;
  stream: Stream;
  hop: HopState;
  monitor: MonitorMemory;
  hops: number;
  /** Round at which the current local search (initial or after a hop) began. */
  searchStartRound: number;
  /** Evaluations spent in the current local search. */
  searchEvaluations: number;
  lastStats: RoundStats | null;
  lastVerdict: Verdict | null;
}

/** A new walker at a random start drawn from its own stream. */
export function createWalker(index: number, seed: string, obj: AugmentedObjective, auxScale: number, stepSize: number): Walker {
  const stream = createStream(seed, index);
  const z = new Float64Array(obj.dimension);
  obj.init(stream.next, z, auxScale);
  return {
    index,
    z,
    stepper: null,
    stream,
    hop: freshHopState(stepSize),
    monitor: freshMemory(),
    hops: 0,
    searchStartRound: 0,
    searchEvaluations: 0,
    lastStats: null,
    lastVerdict: null,
  };
}

/** Starts a new local search at z: forgets the stepper's history and the monitor's memory. */
export function beginSearch(w: Walker, round: number): void {
  w.stepper = null;
  w.monitor = freshMemory();
  w.searchStartRound = round;
  w.searchEvaluations = 0;
}

/** Plain-JSON form for checkpoints. */
export interface WalkerSnapshot {
  index: number;
  z: number[];
  stepper: StepperState | null;
  rng: object;
  hop: HopState;
  monitor: MonitorMemory;
  hops: number;
  searchStartRound: number;
  searchEvaluations: number;
  lastStats: RoundStats | null;
  lastVerdict: Verdict | null;
}

export function snapshotWalker(w: Walker): WalkerSnapshot {
  return {
    index: w.index,
    z: Array.from(w.z),
    stepper: w.stepper,
    rng: w.stream.state(),
    hop: structuredClone(w.hop),
    monitor: { ...w.monitor },
    hops: w.hops,
    searchStartRound: w.searchStartRound,
    searchEvaluations: w.searchEvaluations,
    lastStats: w.lastStats && { ...w.lastStats },
    lastVerdict: w.lastVerdict,
  };
}

export function restoreWalker(s: WalkerSnapshot, seed: string): Walker {
  return {
    index: s.index,
    z: Float64Array.from(s.z),
    stepper: s.stepper,
    stream: createStream(seed, s.index, s.rng),
    hop: structuredClone(s.hop),
    monitor: { ...s.monitor },
    hops: s.hops,
    searchStartRound: s.searchStartRound,
    searchEvaluations: s.searchEvaluations,
    lastStats: s.lastStats,
    lastVerdict: s.lastVerdict,
  };
}
