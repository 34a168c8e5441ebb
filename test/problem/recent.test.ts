import { describe, expect, it } from 'vitest';
import { Recent } from '../../src/problem/recent.js';

describe('Recent', () => {
  it('builds on a miss, remembers on a hit, and evicts the least recently used beyond capacity', () => {
    const cache = new Recent<string>(2);
    let builds = 0;
    const make = (v: string) => () => {
      builds += 1;
      return v;
    };
    expect(cache.get('a', make('A'))).toBe('A');
    expect(cache.get('b', make('B'))).toBe('B');
    expect(cache.get('a', make('X'))).toBe('A'); // a is now the most recent
    expect(cache.get('c', make('C'))).toBe('C'); // evicts b, not a
    expect(builds).toBe(3);
    expect(cache.get('a', make('Y'))).toBe('A');
    expect(cache.get('b', make('B2'))).toBe('B2');
    cache.delete('b');
    expect(cache.get('b', make('B3'))).toBe('B3');
    expect(builds).toBe(5);
  });
});
