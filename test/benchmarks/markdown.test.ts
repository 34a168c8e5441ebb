/** The markdown report's speedup table: its rates are the medians the speedup is the ratio of. */
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../benchmarks/report/markdown.js';
import type { Results } from '../../benchmarks/report/results.js';

// Only what the speedup section reads; the other sections are empty.
const results = (threads1: number[], threads2: number[]) =>
  ({
    suite: { mode: 'quick', jobs: 1, wallSeconds: 1 },
    machine: { os: 'linux', cpus: 2, cpuModel: 'test', node: 'v20' },
    commit: 'abc',
    tasks: [],
    summaries: [],
    monitor: [],
    speedup: [{ task: 'xor-tanh', walkers: 4, rounds: 10, stepsPerRound: 100, repeats: threads1.length, inProcess: threads1, threads1, threads2, speedup: 0 }],
    hardwareCeiling: null,
    reference: [],
    targets: [],
    figures: { files: [] },
  }) as unknown as Results;

describe('renderMarkdown speedup table', () => {
  it('prints the median of an even number of repeats as the mean of the middle two (the quick suite runs 2)', () => {
    // Medians 2 000 and 5 000: the upper middle values (3 000, 6 000) would print 3.0 k and 6.0 k.
    const md = renderMarkdown(results([1000, 3000], [4000, 6000]));
    expect(md).toContain('| xor-tanh | 4 × 100 | 10 | 2.0 k | 2.0 k | 5.0 k |');
  });

  it('prints the middle repeat of an odd number', () => {
    const md = renderMarkdown(results([3000, 1000, 2500], [7000, 9000, 8000]));
    expect(md).toContain('| xor-tanh | 4 × 100 | 10 | 2.5 k | 2.5 k | 8.0 k |');
  });
});
