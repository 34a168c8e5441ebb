/**
 * A batch's round records packed into flat Float64Arrays, which cross back to the main thread by
 * transfer. As objects they cost the main thread a structured-clone deserialization each and turn
 * into old-generation garbage while they wait in a lane: on small problems that main-thread work
 * was about a third of the workers' own (Example 1), and it is what limited the 2-thread speedup.
 * A Float64Array keeps every double as it is, −0 and ±Infinity included, so unpacking gives back
 * the record that was packed.
 */
import type { RoundStats } from '../monitor/divergence.js';
import type { Verdict } from '../options.js';
import type { HopReport, WalkerRoundRecord } from './advance.js';

/** The rounds of one batch, as they cross between threads. */
export interface PackedRecords {
  count: number;
  /** `count` rows of ROW_WIDTH doubles (the array may be longer). */
  rows: Float64Array;
  /** The candidates' z, one after another, `dimension` doubles each. */
  candidates: Float64Array;
  dimension: number;
  /** The hop reports, in round order; rows point to them by index. */
  hops: HopReport[];
}

/** Every verdict a round can get, in the order of their codes in packed rows and the history log. */
export const VERDICTS: readonly (Verdict | 'fault')[] = ['descending', 'converged', 'stuck', 'stalled', 'fault'];
const FAULTS: readonly WalkerRoundRecord['fault'][] = [null, 'numerical', 'worker'];
const STATS: readonly (keyof RoundStats)[] = ['loss', 'augmentedLoss', 'aNorm', 'auxNorm', 'auxOutput', 'residual', 'gradNorm', 'thetaGradNorm', 'thetaStep', 'thetaNorm'];

// Row layout: the scalar fields, a bit set of the flags, where the candidate and the hop report
// are (−1: none), then the statistics.
const ROUND = 0;
const EVALUATIONS = 1;
const SEARCH_EVALUATIONS = 2;
const FAULT = 3;
const VERDICT = 4;
const FLAGS = 5;
const CANDIDATE = 6;
const HOP = 7;
const FIRST_STAT = 8;
/** Doubles per packed round. */
export const ROW_WIDTH = FIRST_STAT + STATS.length;

const HAS_STATS = 1;
const CERTIFIED = 2;
const NEW_DIVERGENCE = 4;
const HOPPED = 8;
const INTERRUPTED = 16;
const STOPS_RUN = 32;

/**
 * Packs records one at a time into buffers sized for `capacity` rounds; candidates grow as needed.
 *
 * @example
 * const packer = new RecordPacker(10, obj.dimension);
 * packer.push(advanceWalker(w, obj, stream, context, control, Infinity));
 * const packed = packer.finish(); // packed.count === 1
 */
export class RecordPacker {
  private readonly rows: Float64Array;
  private candidates: Float64Array;
  private candidateCount = 0;
  private count = 0;
  private readonly hops: HopReport[] = [];

  constructor(
    capacity: number,
    private readonly dimension: number,
  ) {
    this.rows = new Float64Array(Math.max(0, capacity) * ROW_WIDTH);
    this.candidates = new Float64Array(dimension);
  }

  push(rec: WalkerRoundRecord): void {
    const at = this.count * ROW_WIDTH;
    if (at + ROW_WIDTH > this.rows.length) throw new Error(`RecordPacker: more than ${this.rows.length / ROW_WIDTH} records`);
    const r = this.rows;
    r[at + ROUND] = rec.round;
    r[at + EVALUATIONS] = rec.evaluations;
    r[at + SEARCH_EVALUATIONS] = rec.searchEvaluations;
    r[at + FAULT] = FAULTS.indexOf(rec.fault);
    r[at + VERDICT] = VERDICTS.indexOf(rec.verdict);
    r[at + FLAGS] =
      (rec.stats !== null ? HAS_STATS : 0) |
      (rec.certified ? CERTIFIED : 0) |
      (rec.newDivergence ? NEW_DIVERGENCE : 0) |
      (rec.hopped ? HOPPED : 0) |
      (rec.interrupted ? INTERRUPTED : 0) |
      (rec.stopsRun ? STOPS_RUN : 0);
    r[at + CANDIDATE] = rec.candidate === null ? -1 : this.addCandidate(rec.candidate);
    r[at + HOP] = rec.hop === null ? -1 : this.hops.push(rec.hop) - 1;
    const s = rec.stats;
    for (let k = 0; k < STATS.length; k++) r[at + FIRST_STAT + k] = s === null ? 0 : s[STATS[k]];
    this.count += 1;
  }

  /** The packed records; the packer is spent. */
  finish(): PackedRecords {
    return { count: this.count, rows: this.rows, candidates: this.candidates, dimension: this.dimension, hops: this.hops };
  }

  private addCandidate(z: Float64Array): number {
    if (z.length !== this.dimension) throw new Error(`RecordPacker: a candidate of length ${z.length}, expected ${this.dimension}`);
    const at = this.candidateCount * this.dimension;
    if (at + this.dimension > this.candidates.length) {
      const grown = new Float64Array(Math.max(2 * this.candidates.length, at + this.dimension));
      grown.set(this.candidates);
      this.candidates = grown;
    }
    this.candidates.set(z, at);
    this.candidateCount += 1;
    return this.candidateCount - 1;
  }
}

/**
 * Record `i` of a packed batch, as it was pushed.
 *
 * @example
 * readRecord(packed, 0).round; // the batch's first round
 */
export function readRecord(p: PackedRecords, i: number): WalkerRoundRecord {
  if (!(i >= 0 && i < p.count)) throw new Error(`readRecord: no record ${i} in a batch of ${p.count}`);
  const r = p.rows;
  const at = i * ROW_WIDTH;
  const flags = r[at + FLAGS];
  let stats: RoundStats | null = null;
  if ((flags & HAS_STATS) !== 0) {
    // Spelled out: one object shape for every record.
    stats = {
      loss: r[at + FIRST_STAT],
      augmentedLoss: r[at + FIRST_STAT + 1],
      aNorm: r[at + FIRST_STAT + 2],
      auxNorm: r[at + FIRST_STAT + 3],
      auxOutput: r[at + FIRST_STAT + 4],
      residual: r[at + FIRST_STAT + 5],
      gradNorm: r[at + FIRST_STAT + 6],
      thetaGradNorm: r[at + FIRST_STAT + 7],
      thetaStep: r[at + FIRST_STAT + 8],
      thetaNorm: r[at + FIRST_STAT + 9],
    };
  }
  const candidate = r[at + CANDIDATE];
  const hop = r[at + HOP];
  return {
    round: r[at + ROUND],
    evaluations: r[at + EVALUATIONS],
    fault: FAULTS[r[at + FAULT]],
    stats,
    verdict: VERDICTS[r[at + VERDICT]],
    certified: (flags & CERTIFIED) !== 0,
    newDivergence: (flags & NEW_DIVERGENCE) !== 0,
    hopped: (flags & HOPPED) !== 0,
    searchEvaluations: r[at + SEARCH_EVALUATIONS],
    interrupted: (flags & INTERRUPTED) !== 0,
    candidate: candidate < 0 ? null : p.candidates.slice(candidate * p.dimension, (candidate + 1) * p.dimension),
    hop: hop < 0 ? null : p.hops[hop],
    stopsRun: (flags & STOPS_RUN) !== 0,
  };
}

/**
 * Packs a list of records (a fault record made on the main thread, say).
 *
 * @example
 * packRecords([faultRecord('worker', 7, 0, false)], obj.dimension).count; // 1
 */
export function packRecords(records: readonly WalkerRoundRecord[], dimension: number): PackedRecords {
  const packer = new RecordPacker(records.length, dimension);
  for (const rec of records) packer.push(rec);
  return packer.finish();
}

/**
 * Every record of a packed batch, in order.
 *
 * @example
 * unpackRecords(packRecords(records, 3)); // deep-equal to records
 */
export function unpackRecords(p: PackedRecords): WalkerRoundRecord[] {
  return Array.from({ length: p.count }, (_, i) => readRecord(p, i));
}

/** The buffers to transfer with a packed batch. */
export function packedBuffers(p: PackedRecords): ArrayBuffer[] {
  return [p.rows.buffer as ArrayBuffer, p.candidates.buffer as ArrayBuffer];
}
