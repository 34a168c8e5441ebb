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
  /** What the batch's numerical faults were (each distinct message once); rows point to them by index. */
  faultMessages: string[];
}

/** Every verdict a round can get, in the order of their codes in packed rows and the history log. */
export const VERDICTS: readonly (Verdict | 'fault')[] = ['descending', 'converged', 'stuck', 'stalled', 'fault'];
const FAULTS: readonly WalkerRoundRecord['fault'][] = [null, 'numerical', 'worker'];
const STATS: readonly (keyof RoundStats)[] = ['loss', 'augmentedLoss', 'aNorm', 'auxNorm', 'auxOutput', 'residual', 'gradNorm', 'thetaGradNorm', 'thetaStep', 'thetaNorm', 'stepRetries'];

// Row layout: the scalar fields, a bit set of the flags, where the candidate, the hop report and
// the fault's message are (−1: none), then the statistics.
const ROUND = 0;
const EVALUATIONS = 1;
const SEARCH_EVALUATIONS = 2;
const FAULT = 3;
const VERDICT = 4;
const FLAGS = 5;
const CANDIDATE = 6;
const HOP = 7;
const FAULT_MESSAGE = 8;
const FIRST_STAT = 9;
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
  private readonly faultMessages: string[] = [];

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
    r[at + FAULT_MESSAGE] = rec.faultMessage === undefined ? -1 : this.addMessage(rec.faultMessage);
    const s = rec.stats;
    for (let k = 0; k < STATS.length; k++) r[at + FIRST_STAT + k] = s === null ? 0 : s[STATS[k]];
    this.count += 1;
  }

  /** The packed records; the packer is spent. */
  finish(): PackedRecords {
    return { count: this.count, rows: this.rows, candidates: this.candidates, dimension: this.dimension, hops: this.hops, faultMessages: this.faultMessages };
  }

  /** A walker that faults every round faults the same way: its message crosses once. */
  private addMessage(message: string): number {
    const known = this.faultMessages.indexOf(message);
    return known >= 0 ? known : this.faultMessages.push(message) - 1;
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

/** What a view points at before its first of(). */
const NO_RECORDS: PackedRecords = { count: 0, rows: new Float64Array(0), candidates: new Float64Array(0), dimension: 0, hops: [], faultMessages: [] };

/**
 * One record of a packed batch, read in place. The main thread takes in a record per walker and
 * round, tens of thousands a second on small problems, and a record object with its statistics
 * and a copy of its candidate each time was young garbage that the main thread's scavenges, and
 * their helper threads, took from the walkers' cores. The view allocates nothing; the candidate is
 * copied only when asked for.
 *
 * @example
 * const view = new RecordView();
 * view.of(packed, 0).loss; // the first round's L(θ)
 */
export class RecordView {
  private p: PackedRecords = NO_RECORDS;
  private at = 0;

  /** Points the view at record `i` of `p`. */
  of(p: PackedRecords, i: number): this {
    if (!(i >= 0 && i < p.count)) throw new Error(`RecordView: no record ${i} in a batch of ${p.count}`);
    this.p = p;
    this.at = i * ROW_WIDTH;
    return this;
  }

  get round(): number {
    return this.p.rows[this.at + ROUND];
  }
  get evaluations(): number {
    return this.p.rows[this.at + EVALUATIONS];
  }
  get searchEvaluations(): number {
    return this.p.rows[this.at + SEARCH_EVALUATIONS];
  }
  get fault(): WalkerRoundRecord['fault'] {
    return FAULTS[this.p.rows[this.at + FAULT]];
  }
  /** What the round's numerical fault was, if it says (WalkerRoundRecord.faultMessage). */
  get faultMessage(): string | undefined {
    const k = this.p.rows[this.at + FAULT_MESSAGE];
    return k < 0 ? undefined : this.p.faultMessages[k];
  }
  get verdict(): Verdict | 'fault' {
    return VERDICTS[this.p.rows[this.at + VERDICT]];
  }
  get hasStats(): boolean {
    return this.flag(HAS_STATS);
  }
  get certified(): boolean {
    return this.flag(CERTIFIED);
  }
  get newDivergence(): boolean {
    return this.flag(NEW_DIVERGENCE);
  }
  get hopped(): boolean {
    return this.flag(HOPPED);
  }
  get interrupted(): boolean {
    return this.flag(INTERRUPTED);
  }
  get stopsRun(): boolean {
    return this.flag(STOPS_RUN);
  }
  get hasCandidate(): boolean {
    return this.p.rows[this.at + CANDIDATE] >= 0;
  }
  /** A copy of the candidate z, or null. */
  candidate(): Float64Array | null {
    const c = this.p.rows[this.at + CANDIDATE];
    return c < 0 ? null : this.p.candidates.slice(c * this.p.dimension, (c + 1) * this.p.dimension);
  }
  get hop(): HopReport | null {
    const h = this.p.rows[this.at + HOP];
    return h < 0 ? null : this.p.hops[h];
  }
  // The statistics, in STATS order (0 where the record has none: see hasStats).
  get loss(): number {
    return this.stat(0);
  }
  get augmentedLoss(): number {
    return this.stat(1);
  }
  get aNorm(): number {
    return this.stat(2);
  }
  get auxNorm(): number {
    return this.stat(3);
  }
  get auxOutput(): number {
    return this.stat(4);
  }
  get residual(): number {
    return this.stat(5);
  }
  get gradNorm(): number {
    return this.stat(6);
  }
  get thetaGradNorm(): number {
    return this.stat(7);
  }
  get thetaStep(): number {
    return this.stat(8);
  }
  get thetaNorm(): number {
    return this.stat(9);
  }
  get stepRetries(): number {
    return this.stat(10);
  }

  private flag(bit: number): boolean {
    return (this.p.rows[this.at + FLAGS] & bit) !== 0;
  }

  private stat(k: number): number {
    return this.p.rows[this.at + FIRST_STAT + k];
  }
}

/**
 * Record `i` of a packed batch, as it was pushed.
 *
 * @example
 * readRecord(packed, 0).round; // the batch's first round
 */
export function readRecord(p: PackedRecords, i: number): WalkerRoundRecord {
  const v = new RecordView().of(p, i);
  // Spelled out: one object shape for every record.
  const stats: RoundStats | null = v.hasStats
    ? {
        loss: v.loss,
        augmentedLoss: v.augmentedLoss,
        aNorm: v.aNorm,
        auxNorm: v.auxNorm,
        auxOutput: v.auxOutput,
        residual: v.residual,
        gradNorm: v.gradNorm,
        thetaGradNorm: v.thetaGradNorm,
        thetaStep: v.thetaStep,
        thetaNorm: v.thetaNorm,
        stepRetries: v.stepRetries,
      }
    : null;
  return {
    round: v.round,
    evaluations: v.evaluations,
    fault: v.fault,
    stats,
    verdict: v.verdict,
    certified: v.certified,
    newDivergence: v.newDivergence,
    hopped: v.hopped,
    searchEvaluations: v.searchEvaluations,
    interrupted: v.interrupted,
    candidate: v.candidate(),
    hop: v.hop,
    stopsRun: v.stopsRun,
    ...(v.faultMessage === undefined ? {} : { faultMessage: v.faultMessage }),
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
