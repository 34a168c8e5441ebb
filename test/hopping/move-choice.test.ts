import { describe, expect, it } from 'vitest';
import { chooseMove, freshMoveCounts, recordMove } from '../../src/hopping/move-choice.js';

describe('chooseMove', () => {
  it.each([
    // displace (trials, wins, evaluations), restart (…), prior, move: (wins + 1)/(evaluations + prior), ties displace
    [[0, 0, 0], [0, 0, 0], 40, 'displace'], // 1/40 = 1/40
    [[1, 0, 30], [0, 0, 0], 40, 'restart'], // 1/70 < 1/40
    [[1, 1, 30], [0, 0, 0], 40, 'displace'], // 2/70 > 1/40
    [[2, 1, 60], [1, 0, 60], 40, 'displace'], // 2/100 > 1/100
    [[2, 0, 100], [2, 1, 200], 10, 'restart'], // 1/110 < 2/210
    [[5, 0, 100], [1, 0, 100], 1, 'displace'], // 1/101 = 1/101
  ] as const)('displace %o, restart %o, prior %d → %s', (d, r, prior, move) => {
    const moves = freshMoveCounts();
    moves.displace = { trials: d[0], wins: d[1], evaluations: d[2] };
    moves.restart = { trials: r[0], wins: r[1], evaluations: r[2] };
    expect(chooseMove(moves, prior)).toBe(move);
  });
});

describe('recordMove', () => {
  it('adds one trial, its evaluations and its win to the move it names alone', () => {
    const moves = freshMoveCounts();
    recordMove(moves, 'restart', 25, true);
    recordMove(moves, 'restart', 5, false);
    recordMove(moves, 'displace', 8, false);
    expect(moves).toEqual({ displace: { trials: 1, wins: 0, evaluations: 8 }, restart: { trials: 2, wins: 1, evaluations: 30 } });
  });
});
