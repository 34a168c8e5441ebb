import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { groupRows } from '../../src/augment/group-rows.js';

/** The definition: rows numbered by their printed values in order of first appearance. */
function byJoin(x: Float64Array, m: number, dx: number): Int32Array {
  const seen = new Map<string, number>();
  const group = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const key = Array.from(x.subarray(i * dx, (i + 1) * dx)).join(',');
    if (!seen.has(key)) seen.set(key, seen.size);
    group[i] = seen.get(key)!;
  }
  return group;
}

describe('groupRows', () => {
  it('numbers a hand-made table: repeated rows share a group, 0 and −0 are equal', () => {
    const x = new Float64Array([1, 2, 3, 4, 1, 2, 0, 5, -0, 5, 3, 4]);
    const group = new Int32Array(6);
    expect(groupRows(x, 6, 2, group)).toBe(3);
    expect(Array.from(group)).toEqual([0, 1, 0, 2, 2, 1]);
  });

  it.each([1, 3, 8])('agrees with the join-based definition on random rows with duplicates (dx = %i)', (dx) => {
    const rng = seedrandom(`group-rows/${dx}`);
    const m = 2000;
    const x = new Float64Array(m * dx);
    // Few distinct values per entry, so that rows repeat often and partial matches are common.
    for (let t = 0; t < x.length; t++) x[t] = Math.floor(rng() * 3) - 1;
    const group = new Int32Array(m);
    const count = groupRows(x, m, dx, group);
    const expected = byJoin(x, m, dx);
    expect(Array.from(group)).toEqual(Array.from(expected));
    expect(count).toBe(Math.max(...expected) + 1);
  });

  it('keeps every row apart when all differ', () => {
    const x = Float64Array.from({ length: 500 }, (_, i) => i * 0.1);
    const group = new Int32Array(250);
    expect(groupRows(x, 250, 2, group)).toBe(250);
    expect(Array.from(group)).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });
});
