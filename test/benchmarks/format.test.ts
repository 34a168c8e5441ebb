/** Number formats of the report, from hand-worked values. */
import { describe, expect, it } from 'vitest';
import { count, ratio } from '../../benchmarks/report/format.js';

describe('count', () => {
  it.each([
    [2348, '2,348'],
    [643.5, '643.5'],
    [NaN, '–'],
  ])('%d', (x, text) => expect(count(x)).toBe(text));
});

const atLeast = (t: number) => (v: number) => v >= t;
const atMost = (t: number) => (v: number) => v <= t;

describe('ratio', () => {
  it.each([
    [1.9515, undefined, '1.95'],
    [1.7992, undefined, '1.80'],
    [1.7992, atLeast(1.8), '1.799'],
    [1.8, atLeast(1.8), '1.80'],
    [1.8049, atLeast(1.8), '1.80'],
    // 1.1996 against ≥ 1.2: three decimals give 1.200, so it takes four.
    [1.1996, atLeast(1.2), '1.1996'],
    [1.2001, atLeast(1.2), '1.20'],
    // Against ≤ 1.2 the same values round the other way round.
    [1.1996, atMost(1.2), '1.20'],
    [1.2004, atMost(1.2), '1.2004'],
    [Infinity, atLeast(1.8), '–'],
  ])('%d', (x, meets, text) => expect(ratio(x, meets)).toBe(text));
});
