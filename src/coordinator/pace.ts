/**
 * How many rounds a batch runs, and how far a walker may run ahead of the last round the run has
 * taken in. A batch sent to a worker thread costs a round trip (tens of microseconds, and the
 * sleeping thread's wake-up), so batches are sized to about 10 ms of work; rounds run ahead
 * of the run's stop are wasted, so the lead stays at two batches. Neither changes the result: a
 * walker's rounds are the same however they are batched.
 */
import type { BatchResult } from '../walker/batch.js';

/** Milliseconds of work a batch aims at. */
const TARGET_MS = 10;
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

  /** `batching` false (in-process): one round per batch and no lead, so nothing is run in vain. */
  constructor(private readonly batching: boolean) {}

  /** Rounds a walker may be ahead of the last round taken in. */
  get lead(): number {
    return this.batching ? 2 * this.rounds : 1;
  }

  /** Resizes batches from a finished one's time per round, by at most a factor of 2 each time. */
  observe(result: BatchResult): void {
    if (!this.batching || result.records.count === 0) return;
    const perRound = result.computeMs / result.records.count;
    const ideal = TARGET_MS / Math.max(perRound, 1e-4);
    this.rounds = Math.max(1, Math.min(MAX_ROUNDS, Math.round(Math.min(2 * this.rounds, Math.max(this.rounds / 2, ideal)))));
  }
}
