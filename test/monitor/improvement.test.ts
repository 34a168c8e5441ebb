/** The new-best rule shared by the monitor and the hopping, from hand-worked values. */
import { describe, expect, it } from 'vitest';
import { isNewBest } from '../../src/monitor/improvement.js';

describe('isNewBest', () => {
  it.each([
    // best, loss, margin, new best: best − loss > margin·|best|
    [null, 5, 1e-3, true],
    [0.02993, 0.02992, 1e-3, false],
    [0.02993, 0.02992, 0, true],
    [1, 0.9995, 1e-3, false],
    [1, 0.998, 1e-3, true],
    [1, 1, 0, false],
    // A negative best (a loss need not be ≥ 0 for this rule): the margin is of |best|.
    [-1, -1.0005, 1e-3, false],
    [-1, -1.002, 1e-3, true],
  ])('best %s, loss %d, margin %d: %s', (best, loss, margin, expected) => expect(isNewBest(best, loss, margin)).toBe(expected));
});
