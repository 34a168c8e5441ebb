/**
 * One walker's pipeline as the coordinator sees it: the rounds the walker has run that the run has
 * not yet taken in, in segments (one per batch), each with the walker's state at its start and end.
 * The run takes rounds in, in order, once every walker has run them; the walker's state at any
 * round taken in is either a segment's end or is found again by replaying its segment from the
 * start (a batch is a pure function of the walker's state).
 */
import type { PackedRecords } from '../walker/packed-records.js';
import type { RecordView } from '../walker/packed-records.js';
import type { WalkerState } from '../walker/state.js';

interface Segment {
  start: WalkerState;
  records: PackedRecords;
  end: WalkerState;
}

/** Where to find the walker's state at a round: as it is, or after replaying `rounds` rounds from `from`. */
export type StateAt = { state: WalkerState } | { from: WalkerState; rounds: number };

export class Lane {
  /** The walker after the last round it has run: where its next batch starts. Never mutated. */
  frontier: WalkerState;
  /** The batch in flight, if any. */
  inFlight: Promise<void> | null = null;
  /** Failed attempts in a row at the round after the frontier (a round that throws is tried twice). */
  failures = 0;
  /** Aborts the batch in flight (coordinator/watchdog.ts). */
  abort: AbortController | null = null;
  /** The in-flight batch's watchdog timer. */
  watchdog: ReturnType<typeof setTimeout> | null = null;
  /** Compute time of the walker's slowest batch so far (null: none has come back). */
  slowestBatchMs: number | null = null;
  private readonly origin: WalkerState;
  private segments: Segment[] = [];

  constructor(walker: WalkerState) {
    this.origin = walker;
    this.frontier = walker;
  }

  get index(): number {
    return this.origin.index;
  }

  /** Appends the rounds of a finished batch that started at the current frontier. */
  append(records: PackedRecords, end: WalkerState): void {
    if (records.count === 0) return;
    this.segments.push({ start: this.frontier, records, end });
    this.frontier = end;
  }

  /** Points `view` at the record of `round` (the walker must have run it). */
  record(round: number, view: RecordView): RecordView {
    for (const s of this.segments) {
      if (s.start.round < round && round <= s.end.round) return view.of(s.records, round - s.start.round - 1);
    }
    throw new Error(`Lane ${this.index}: no record of round ${round}`);
  }

  /** Forgets the segments that end before `round`: the run has taken every round up to it in. */
  release(round: number): void {
    while (this.segments.length > 0 && this.segments[0].end.round < round) this.segments.shift();
  }

  /** The walker's state at the end of `round`, a round taken in but not yet released. */
  stateAt(round: number): StateAt {
    if (round === this.origin.round) return { state: this.origin };
    const s = this.segments.find((seg) => seg.start.round < round && round <= seg.end.round);
    if (s === undefined) throw new Error(`Lane ${this.index}: no state at round ${round}`);
    return s.end.round === round ? { state: s.end } : { from: s.start, rounds: round - s.start.round };
  }
}
