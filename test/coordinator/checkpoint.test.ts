/** The checkpoint's history encoding: the same as the generic encoding, and each row encoded once. */
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../src/coordinator/checkpoint.js';
import { decodeCheckpoint, encodeCheckpoint, HistoryEncoder } from '../../src/coordinator/checkpoint.js';
import { HistoryLog } from '../../src/coordinator/history-log.js';
import type { RoundRecord, WalkerRecord } from '../../src/coordinator/result.js';

const walker = (i: number, over: Partial<WalkerRecord> = {}): WalkerRecord => ({
  walker: i,
  verdict: 'descending',
  loss: 0.5,
  augmentedLoss: 0.25,
  aNorm: 1,
  auxNorm: 2,
  auxOutput: 3,
  residual: 4,
  gradNorm: 5,
  hopped: false,
  searchEvaluations: 7,
  ...over,
});

const row = (round: number, walkers: WalkerRecord[], bestLoss = 1 / round): RoundRecord => ({
  round,
  evaluations: 100 * round,
  bestLoss,
  verdicts: { descending: 1, converged: 0, stuck: 0, stalled: 0 },
  hops: 0,
  walkers,
});

const history: RoundRecord[] = [
  row(1, [walker(0), walker(1, { verdict: 'stuck', hopped: true })]),
  // A faulted walker's row is all NaN; before any best point bestLoss is NaN too.
  row(2, [walker(0, { verdict: 'fault', loss: NaN, augmentedLoss: NaN, aNorm: NaN, auxNorm: NaN, auxOutput: NaN, residual: NaN, gradNorm: NaN, searchEvaluations: 0 }), walker(1, { aNorm: -0, auxNorm: Infinity, residual: -Infinity })], NaN),
  row(3, [walker(0), walker(1)]),
];

/** The generic encoding of a checkpoint holding `h`, as before HistoryEncoder. */
const generic = (h: RoundRecord[]) => encodeCheckpoint({ history: h } as Checkpoint).history;

describe('HistoryEncoder', () => {
  it('encodes rows as the generic checkpoint encoding does, NaN, ±Infinity and −0 included', () => {
    const encoded = new HistoryEncoder().encode(HistoryLog.fromRecords(2, history));
    expect(JSON.stringify(encoded)).toBe(JSON.stringify(generic(history)));
    // The rows already built from the log (the end of a run) encode the same.
    expect(JSON.stringify(new HistoryEncoder().encode(history))).toBe(JSON.stringify(encoded));
    expect(encoded[1].walkers[0].loss).toBe('NaN');
    expect(encoded[1].walkers[1].aNorm).toBe('-0');
    // And back: the decoded rows are the history, bit for bit.
    const back = decodeCheckpoint(JSON.parse(JSON.stringify({ history: encoded })) as Checkpoint).history;
    expect(back).toEqual(history);
    expect(Object.is(back[1].walkers[1].aNorm, -0)).toBe(true);
  });

  it('encodes only the rows added since its last call', () => {
    const encoder = new HistoryEncoder();
    const first = encoder.encode(HistoryLog.fromRecords(2, history.slice(0, 2)));
    const second = encoder.encode(HistoryLog.fromRecords(2, history));
    expect(second).toHaveLength(3);
    expect(second[0]).toBe(first[0]); // reused, not encoded again
    expect(first).toHaveLength(2); // an earlier checkpoint's list does not grow
    expect(JSON.stringify(second)).toBe(JSON.stringify(generic(history)));
  });
});
