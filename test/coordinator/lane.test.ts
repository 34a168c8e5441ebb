/** A walker's lane: records found by round, states found at segment ends or by replay. */
import { describe, expect, it } from 'vitest';
import { Lane } from '../../src/coordinator/lane.js';
import { faultRecord } from '../../src/walker/advance.js';
import { packRecords, RecordView } from '../../src/walker/packed-records.js';
import type { WalkerState } from '../../src/walker/state.js';

const view = new RecordView();
const state = (round: number) => ({ index: 2, round }) as WalkerState;
const records = (from: number, to: number) => packRecords(Array.from({ length: to - from }, (_, k) => faultRecord('numerical', from + k + 1, k, false)), 0);

describe('Lane', () => {
  it('finds each round in the segment that ran it, and the state at a segment end or by replay from its start', () => {
    const lane = new Lane(state(10));
    lane.append(records(10, 13), state(13));
    lane.append(packRecords([], 0), state(99)); // an empty batch changes nothing
    lane.append(records(13, 17), state(17));
    expect(lane.frontier.round).toBe(17);
    expect([11, 13, 14, 17].map((r) => lane.record(r, view).round)).toEqual([11, 13, 14, 17]);
    expect(lane.record(15, view).evaluations).toBe(1);
    expect(lane.stateAt(10)).toEqual({ state: state(10) });
    expect(lane.stateAt(13)).toEqual({ state: state(13) });
    expect(lane.stateAt(15)).toEqual({ from: state(13), rounds: 2 });
    expect(() => lane.record(18, view)).toThrow(/no record of round 18/);
  });

  it('release forgets only the segments wholly before the round', () => {
    const lane = new Lane(state(0));
    lane.append(records(0, 3), state(3));
    lane.append(records(3, 6), state(6));
    lane.release(3);
    expect(lane.stateAt(3)).toEqual({ state: state(3) });
    lane.release(4);
    expect(() => lane.record(3, view)).toThrow();
    expect(lane.stateAt(5)).toEqual({ from: state(3), rounds: 2 });
  });
});
