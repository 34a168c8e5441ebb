/** The compact history: rows come back as they were logged, in result.history's shape. */
import { describe, expect, it } from 'vitest';
import { HistoryLog } from '../../src/coordinator/history-log.js';
import type { RoundRecord } from '../../src/coordinator/result.js';

const stats = (loss: number) => ({ loss, augmentedLoss: loss / 2, aNorm: 0.1, auxNorm: 0.2, auxOutput: -0, residual: Infinity, gradNorm: 3 });

describe('HistoryLog', () => {
  it('gives back each round in the shape of result.history, from hand-written rows', () => {
    const log = new HistoryLog(2);
    log.addWalker('descending', stats(4), false, 101);
    log.addFault();
    log.addRound(1, 202, 4, { descending: 1, converged: 0, stuck: 0, stalled: 0 }, 0);
    log.addWalker('stuck', stats(2), true, 303);
    log.addWalker('converged', stats(0), false, 202);
    log.addRound(2, 404, 0, { descending: 0, converged: 1, stuck: 1, stalled: 0 }, 1);
    const expected: RoundRecord[] = [
      {
        round: 1,
        evaluations: 202,
        bestLoss: 4,
        verdicts: { descending: 1, converged: 0, stuck: 0, stalled: 0 },
        hops: 0,
        walkers: [
          { walker: 0, verdict: 'descending', loss: 4, augmentedLoss: 2, aNorm: 0.1, auxNorm: 0.2, auxOutput: -0, residual: Infinity, gradNorm: 3, hopped: false, searchEvaluations: 101 },
          { walker: 1, verdict: 'fault', loss: NaN, augmentedLoss: NaN, aNorm: NaN, auxNorm: NaN, auxOutput: NaN, residual: NaN, gradNorm: NaN, hopped: false, searchEvaluations: 0 },
        ],
      },
      {
        round: 2,
        evaluations: 404,
        bestLoss: 0,
        verdicts: { descending: 0, converged: 1, stuck: 1, stalled: 0 },
        hops: 1,
        walkers: [
          { walker: 0, verdict: 'stuck', loss: 2, augmentedLoss: 1, aNorm: 0.1, auxNorm: 0.2, auxOutput: -0, residual: Infinity, gradNorm: 3, hopped: true, searchEvaluations: 303 },
          { walker: 1, verdict: 'converged', loss: 0, augmentedLoss: 0, aNorm: 0.1, auxNorm: 0.2, auxOutput: -0, residual: Infinity, gradNorm: 3, hopped: false, searchEvaluations: 202 },
        ],
      },
    ];
    expect(log.length).toBe(2);
    const rows = log.records();
    expect(rows).toEqual(expected);
    // Same key order as before the log existed: checkpoints and JSON dumps compare as text.
    expect(JSON.stringify(rows)).toBe(JSON.stringify(expected));
    expect(Object.is(rows[0].walkers[0].auxOutput, -0)).toBe(true);
  });

  it('grows past its first buffers, and fromRecords gives back what it was given', () => {
    const log = new HistoryLog(3);
    for (let r = 1; r <= 500; r++) {
      for (let w = 0; w < 3; w++) log.addWalker(w === 1 ? 'stalled' : 'descending', stats(r + w / 10), w === 2 && r % 7 === 0, r * 10 + w);
      log.addRound(r, 3 * r, 1 / r, { descending: 2, converged: 0, stuck: 0, stalled: 1 }, Math.floor(r / 7));
    }
    const rows = log.records();
    expect(rows[499].walkers[2]).toMatchObject({ walker: 2, loss: 500.2, searchEvaluations: 5002 });
    expect(rows[6].walkers[2].hopped).toBe(true);
    expect(HistoryLog.fromRecords(3, rows).records()).toEqual(rows);
  });

  it('refuses a round with too few or too many walker rows', () => {
    const log = new HistoryLog(2);
    log.addWalker('descending', stats(1), false, 1);
    expect(() => log.addRound(1, 2, 1, { descending: 1, converged: 0, stuck: 0, stalled: 0 }, 0)).toThrow(/round 1 has 1 walker rows, expected 2/);
    log.addFault();
    expect(() => log.addFault()).toThrow(/more than 2 walker rows/);
    expect(() => log.row(0)).toThrow(/no row 0 in 0/);
  });
});
