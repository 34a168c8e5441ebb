/** Batch sizing: in-process one round and no lead; remote batches grow and shrink towards 10 ms, and towards 40 ms as the run ages. */
import { describe, expect, it } from 'vitest';
import { Pace } from '../../src/coordinator/pace.js';
import type { BatchResult } from '../../src/walker/batch.js';

const batch = (rounds: number, computeMs: number) => ({ records: { count: rounds }, computeMs }) as unknown as BatchResult;

describe('Pace', () => {
  it('in-process: one round per batch and no lead, whatever the timings', () => {
    const p = new Pace(false);
    p.observe(batch(1, 0.001));
    expect([p.rounds, p.lead]).toEqual([1, 1]);
  });

  it('remote: doubles at most per batch while rounds are short, settles at about 10 ms, halves at most', () => {
    const p = new Pace(true, () => 0);
    // 0.01 ms a round: 1000 rounds would take 10 ms, reached by doubling.
    const seen = [];
    for (let k = 0; k < 12; k++) {
      p.observe(batch(p.rounds, 0.01 * p.rounds));
      seen.push(p.rounds);
    }
    expect(seen).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 1000, 1000, 1000]);
    expect(p.lead).toBe(2000);
    // Rounds that suddenly take 2 ms each: down by halves to 5 rounds.
    for (let k = 0; k < 9; k++) p.observe(batch(p.rounds, 2 * p.rounds));
    expect(p.rounds).toBe(5);
    p.observe(batch(0, 0));
    expect(p.rounds).toBe(5);
  });

  it('remote: aims at a twentieth of the run\'s age, from 10 ms up to 40 ms', () => {
    let t = 1000;
    const p = new Pace(true, () => t);
    const settle = () => {
      for (let k = 0; k < 16; k++) p.observe(batch(p.rounds, 0.01 * p.rounds));
      return p.rounds;
    };
    // Young (100 ms: a twentieth is 5 ms, below the start): 10 ms, 1000 rounds of 0.01 ms.
    t = 1100;
    expect([p.targetMs, settle()]).toEqual([10, 1000]);
    // 600 ms old: 30 ms, 3000 rounds.
    t = 1600;
    expect([p.targetMs, settle()]).toEqual([30, 3000]);
    expect(p.lead).toBe(6000);
    // 10 s old: capped at 40 ms, 4000 rounds.
    t = 11_000;
    expect([p.targetMs, settle()]).toEqual([40, 4000]);
  });
});
