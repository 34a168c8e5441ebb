/**
 * How many rounds a batch runs, and how far a walker may run ahead of the last round taken in. A
 * batch sent to a worker thread costs a round trip (the main thread's wake-up, which on a machine
 * with as many busy workers as cores takes a core from a walker, and the messages), so batches
 * are sized in milliseconds of work; rounds run ahead of the run's stop are wasted, so the lead
 * stays at two batches. Neither changes the result: a walker's rounds are the same however they
 * are batched.
 *
 * The size grows with the run's age: a short run keeps 10 ms batches, so little is run past its
 * stop, while a run that has lasted a while amortizes the round trips over batches of up to 40 ms,
 * whose lead is then a small part of the time already spent. Measured on 2 threads of a 2-core
 * machine (6 interleaved repeats): fixed 40 ms batches raised the median rate over 10 ms ones by
 * 13 % on XOR-tanh and 30 % on Example 1; 80 ms added little more.
 */
import type { BatchResult } from '../walker/batch.js';

/** Milliseconds of work a batch aims at when the run starts, and at most. */
const START_MS = 10;
const MAX_MS = 40;
/** The aim is this fraction of the run's age, between START_MS and MAX_MS. */
const AGE_FRACTION = 1 / 20;
const MAX_ROUNDS = 4096;

/** What the coordinator asks of a pace (a fixed one stands in for it in tests). */
export interface Pacing {
  /** Rounds per batch. */
  readonly rounds: number;
  /** Rounds a walker may be ahead of the last round taken in. */
  readonly lead: number;
  observe(result: BatchResult): void;
}

export class Pace implements Pacing {
  /** Rounds per batch. */
  rounds = 1;
  private readonly startedAt: number;

  /**
   * `batching` false (in-process): one round per batch and no lead, so nothing is run in vain. A
   * function is asked each time, for an executor that can move to a pool mid-run.
   * `now`: the clock in milliseconds that the run's age is read from.
   */
  constructor(
    batching: boolean | (() => boolean),
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
    this.isBatching = typeof batching === 'function' ? batching : () => batching;
  }

  private readonly isBatching: () => boolean;

  /** Whether batches go to another thread now (an adaptive executor may start its pool mid-run). */
  private get batching(): boolean {
    return this.isBatching();
  }

  /** Rounds a walker may be ahead of the last round taken in. */
  get lead(): number {
    return this.batching ? 2 * this.rounds : 1;
  }

  /** Milliseconds of work a batch aims at now. */
  get targetMs(): number {
    return Math.min(MAX_MS, Math.max(START_MS, AGE_FRACTION * (this.now() - this.startedAt)));
  }

  /** Resizes batches from a finished one's time per round, by at most a factor of 2 each time. */
  observe(result: BatchResult): void {
    if (!this.batching || result.records.count === 0) return;
    const perRound = result.computeMs / result.records.count;
    const ideal = this.targetMs / Math.max(perRound, 1e-4);
    this.rounds = Math.max(1, Math.min(MAX_ROUNDS, Math.round(Math.min(2 * this.rounds, Math.max(this.rounds / 2, ideal)))));
  }
}
