/**
 * The run's per-round history while the run goes on, as flat Float64Arrays; `result.history`'s
 * objects are built once, when the run ends. Kept as objects, every row survived the young
 * generation and was copied by each scavenge: on small problems that garbage collection was most of
 * the main thread's work (Rastrigin 2-D, 2 threads: 170 ms of the 200 ms the main thread was busy)
 * and took a core away from the walkers.
 */
import type { RoundStats } from '../monitor/divergence.js';
import type { Verdict } from '../options.js';
import { VERDICTS } from '../walker/packed-records.js';
import type { RoundRecord, WalkerRecord } from './result.js';

const FAULT = VERDICTS.indexOf('fault');
// Per round: round, evaluations, bestLoss, hops, then the count of each verdict but 'fault'.
const ROUND_WIDTH = 8;
// Per walker and round: verdict, loss, augmentedLoss, aNorm, auxNorm, auxOutput, residual,
// gradNorm, hopped, searchEvaluations.
const WALKER_WIDTH = 10;

/**
 * An append-only history of rounds, `walkers` walker rows per round, in walker order.
 *
 * @example
 * const log = new HistoryLog(2);
 * log.addWalker('descending', stats0, false, 101);
 * log.addWalker('stuck', stats1, true, 505);
 * log.addRound(1, 202, 0.5, { descending: 1, converged: 0, stuck: 1, stalled: 0 }, 1);
 * log.row(0).walkers[1].verdict; // 'stuck'
 */
export class HistoryLog {
  private rounds: Float64Array<ArrayBuffer> = new Float64Array(64 * ROUND_WIDTH);
  private rows: Float64Array<ArrayBuffer>;
  private count = 0;
  private pending = 0;

  constructor(private readonly walkers: number) {
    this.rows = new Float64Array(64 * walkers * WALKER_WIDTH);
  }

  /** A log holding `records` (a checkpoint's history). */
  static fromRecords(walkers: number, records: readonly RoundRecord[]): HistoryLog {
    const log = new HistoryLog(walkers);
    for (const r of records) {
      if (r.walkers.length !== walkers) throw new Error(`HistoryLog: round ${r.round} has ${r.walkers.length} walkers, expected ${walkers}`);
      for (const w of r.walkers) {
        if (w.verdict === 'fault') log.addFault();
        else log.addWalker(w.verdict, w, w.hopped, w.searchEvaluations);
      }
      log.addRound(r.round, r.evaluations, r.bestLoss, r.verdicts, r.hops);
    }
    return log;
  }

  /** Rounds logged. */
  get length(): number {
    return this.count;
  }

  /** The next walker's row of the round being logged. */
  addWalker(verdict: Verdict, s: Pick<RoundStats, 'loss' | 'augmentedLoss' | 'aNorm' | 'auxNorm' | 'auxOutput' | 'residual' | 'gradNorm'>, hopped: boolean, searchEvaluations: number): void {
    const at = this.walkerRow();
    const r = this.rows;
    r[at] = VERDICTS.indexOf(verdict);
    r[at + 1] = s.loss;
    r[at + 2] = s.augmentedLoss;
    r[at + 3] = s.aNorm;
    r[at + 4] = s.auxNorm;
    r[at + 5] = s.auxOutput;
    r[at + 6] = s.residual;
    r[at + 7] = s.gradNorm;
    r[at + 8] = hopped ? 1 : 0;
    r[at + 9] = searchEvaluations;
  }

  /** The next walker's row of the round being logged, for a walker whose round faulted. */
  addFault(): void {
    const at = this.walkerRow();
    this.rows.fill(NaN, at + 1, at + 8);
    this.rows[at] = FAULT;
    this.rows[at + 8] = 0;
    this.rows[at + 9] = 0;
  }

  /** Ends the round being logged; every walker must have its row. */
  addRound(round: number, evaluations: number, bestLoss: number, verdicts: Record<Verdict, number>, hops: number): void {
    if (this.pending !== this.walkers) throw new Error(`HistoryLog: round ${round} has ${this.pending} walker rows, expected ${this.walkers}`);
    this.pending = 0;
    if ((this.count + 1) * ROUND_WIDTH > this.rounds.length) this.rounds = grow(this.rounds);
    const at = this.count * ROUND_WIDTH;
    const r = this.rounds;
    r[at] = round;
    r[at + 1] = evaluations;
    r[at + 2] = bestLoss;
    r[at + 3] = hops;
    r[at + 4] = verdicts.descending;
    r[at + 5] = verdicts.converged;
    r[at + 6] = verdicts.stuck;
    r[at + 7] = verdicts.stalled;
    this.count += 1;
  }

  /** Round `i` (0-based) as `result.history` holds it. */
  row(i: number): RoundRecord {
    if (!(i >= 0 && i < this.count)) throw new Error(`HistoryLog: no row ${i} in ${this.count}`);
    const r = this.rounds;
    const at = i * ROUND_WIDTH;
    const walkers = new Array<WalkerRecord>(this.walkers);
    for (let k = 0; k < this.walkers; k++) walkers[k] = this.walkerRecord(i, k);
    return {
      round: r[at],
      evaluations: r[at + 1],
      bestLoss: r[at + 2],
      verdicts: { descending: r[at + 4], converged: r[at + 5], stuck: r[at + 6], stalled: r[at + 7] },
      hops: r[at + 3],
      walkers,
    };
  }

  /** Every round, as `result.history` holds them. */
  records(): RoundRecord[] {
    return Array.from({ length: this.count }, (_, i) => this.row(i));
  }

  private walkerRecord(i: number, k: number): WalkerRecord {
    const r = this.rows;
    const at = (i * this.walkers + k) * WALKER_WIDTH;
    return {
      walker: k,
      verdict: VERDICTS[r[at]],
      loss: r[at + 1],
      augmentedLoss: r[at + 2],
      aNorm: r[at + 3],
      auxNorm: r[at + 4],
      auxOutput: r[at + 5],
      residual: r[at + 6],
      gradNorm: r[at + 7],
      hopped: r[at + 8] === 1,
      searchEvaluations: r[at + 9],
    };
  }

  /** Where the next walker row goes, growing the buffer as needed. */
  private walkerRow(): number {
    if (this.pending === this.walkers) throw new Error(`HistoryLog: more than ${this.walkers} walker rows in a round`);
    const at = (this.count * this.walkers + this.pending) * WALKER_WIDTH;
    if (at + WALKER_WIDTH > this.rows.length) this.rows = grow(this.rows);
    this.pending += 1;
    return at;
  }
}

function grow(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(2 * a.length);
  b.set(a);
  return b;
}
