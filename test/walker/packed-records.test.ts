/** Packed round records: what is unpacked is what was packed, to the bit. */
import { describe, expect, it } from 'vitest';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import type { RoundStats } from '../../src/monitor/divergence.js';
import type { WalkerRoundRecord } from '../../src/walker/advance.js';
import { faultRecord } from '../../src/walker/advance.js';
import type { PackedRecords } from '../../src/walker/packed-records.js';
import { packedBuffers, packRecords, readRecord, RecordPacker, RecordView, unpackRecords } from '../../src/walker/packed-records.js';

const stats = (loss: number, extra: Partial<RoundStats> = {}): RoundStats => ({
  loss,
  augmentedLoss: loss + 0.5,
  aNorm: 0.25,
  auxNorm: 1.5,
  auxOutput: 1e-300,
  residual: 2 ** -40,
  gradNorm: 3,
  thetaGradNorm: 4,
  thetaStep: 5e-12,
  thetaNorm: 6,
  stepRetries: 2,
  ...extra,
});

const record = (round: number, over: Partial<WalkerRoundRecord> = {}): WalkerRoundRecord => ({
  round,
  evaluations: 101,
  fault: null,
  stats: stats(1 / round),
  verdict: 'descending',
  certified: false,
  newDivergence: false,
  hopped: false,
  searchEvaluations: 101 * round,
  interrupted: false,
  candidate: null,
  hop: null,
  stopsRun: false,
  ...over,
});

const z = (...v: number[]) => Float64Array.from(v);

// Each row flips one field away from the plain record, so a field that is lost or read from the
// wrong place shows up on its own line.
const cases: [string, WalkerRoundRecord][] = [
  ['a plain descending round', record(1)],
  ['converged and certified, ending the run', record(2, { verdict: 'converged', certified: true, stopsRun: true })],
  ['the first stuck verdict, hopped', record(3, { verdict: 'stuck', newDivergence: true, hopped: true })],
  ['stalled and cut short by the deadline', record(4, { verdict: 'stalled', interrupted: true, evaluations: 17 })],
  ['a candidate point', record(5, { candidate: z(1, -2, 3) })],
  ['special doubles in the statistics', record(6, { stats: stats(-0, { augmentedLoss: Infinity, aNorm: -Infinity, residual: NaN }) })],
  ['a hop report', record(7, { hopped: true, hop: { searchStartRound: 2, searchEvaluations: 505, z: z(9, 8, 7), stepper: { method: 'gd', t: 3 } as never } })],
  ['a numerical fault', faultRecord('numerical', 8, 40, false)],
  ['a worker fault, interrupted', faultRecord('worker', 9, 0, true)],
];

describe('packed round records', () => {
  it.each(cases)('round trip: %s', (_, rec) => {
    const packed = packRecords([record(100), rec], 3);
    expect(packed.count).toBe(2);
    const back = readRecord(packed, 1);
    expect(back).toEqual(rec);
    // toEqual does not tell −0 from 0.
    if (rec.stats !== null) expect(Object.is(back.stats!.loss, rec.stats.loss)).toBe(true);
  });

  it('one view, moved from record to record and batch to batch, reads what was packed; its candidate is a copy', () => {
    const first = packRecords(cases.slice(0, 5).map(([, r]) => r), 3);
    const second = packRecords(cases.slice(5).map(([, r]) => r), 3);
    const view = new RecordView();
    const seen = [0, 1, 2, 3, 4].map((i) => view.of(first, i)).concat([0, 1, 2, 3].map((i) => view.of(second, i)));
    expect(seen.every((v) => v === view)).toBe(true);
    const read = (p: PackedRecords, i: number) => {
      const v = view.of(p, i);
      return { round: v.round, verdict: v.verdict, fault: v.fault, loss: v.hasStats ? v.loss : null, gradNorm: v.hasStats ? v.gradNorm : null, hopped: v.hopped, hop: v.hop, candidate: v.candidate() };
    };
    const expected = (r: WalkerRoundRecord) => ({ round: r.round, verdict: r.verdict, fault: r.fault, loss: r.stats?.loss ?? null, gradNorm: r.stats?.gradNorm ?? null, hopped: r.hopped, hop: r.hop, candidate: r.candidate });
    expect([0, 1, 2, 3, 4].map((i) => read(first, i))).toEqual(cases.slice(0, 5).map(([, r]) => expected(r)));
    expect([0, 1, 2, 3].map((i) => read(second, i))).toEqual(cases.slice(5).map(([, r]) => expected(r)));
    const c = view.of(first, 4).candidate()!;
    c[0] = 42;
    expect(view.candidate()![0]).toBe(1);
    expect(() => view.of(second, 4)).toThrow(/no record 4 in a batch of 4/);
  });

  it('keeps every candidate of a batch apart as the candidate buffer grows', () => {
    const packer = new RecordPacker(6, 2);
    const recs = Array.from({ length: 6 }, (_, k) => record(k + 1, { candidate: k % 2 === 0 ? z(k, -k) : null }));
    for (const r of recs) packer.push(r);
    expect(unpackRecords(packer.finish())).toEqual(recs);
  });

  it('survives the trip between threads with its buffers transferred', () => {
    const recs = cases.map(([, r], k) => ({ ...r, round: k + 1 }));
    const packed = packRecords(recs, 3);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(packed, packedBuffers(packed));
    const arrived = receiveMessageOnPort(port2)!.message as PackedRecords;
    port1.close();
    expect(packed.rows.length).toBe(0); // moved, not copied
    expect(unpackRecords(arrived)).toEqual(recs);
  });

  it('refuses a record past its capacity, and a candidate of the wrong length', () => {
    const packer = new RecordPacker(1, 3);
    expect(() => packer.push(record(1, { candidate: z(1, 2) }))).toThrow(/candidate of length 2, expected 3/);
    const full = new RecordPacker(1, 3);
    full.push(record(1));
    expect(() => full.push(record(2))).toThrow(/more than 1 records/);
    expect(() => readRecord(full.finish(), 1)).toThrow(/no record 1 in a batch of 1/);
  });
});
