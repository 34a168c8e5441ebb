/**
 * Issue 28: threads 0 leaves the event loop free between batches and within long rounds, so that
 * a signal fired from a timer takes effect. Before, the abort listener only ran once the run was
 * over (max-rounds).
 */
import { describe, expect, it } from 'vitest';
import { optimize } from '../../src/index.js';

const hostile = new URL('../fixtures/modules/hostile.mjs', import.meta.url).href;

function abortAfter(ms: number): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  return { signal: controller.signal, done: () => clearTimeout(timer) };
}

describe('threads left out (in-process at first) stays responsive', () => {
  it('an abort from setTimeout(…, 50) stops a run of many cheap rounds on the adaptive executor', async () => {
    const { signal, done } = abortAfter(50);
    // Four walkers and threads left out: the adaptive executor, in-process while rounds are cheap.
    const r = await optimize({ objective: { type: 'rastrigin', dimension: 5 } }, { walkers: 4, maxRounds: 20_000, stopWhenCertified: false, seed: 2, signal });
    done();
    expect(r.stopReason).toBe('aborted');
    expect(r.threads).toBe(0);
  }, 120_000);

  it('an abort from setTimeout(…, 50) cuts a long in-process round short on the adaptive executor', async () => {
    const { signal, done } = abortAfter(50);
    const problem = { objective: { module: hostile, export: 'busyWait', args: { microseconds: 1000 } } };
    const r = await optimize(problem, { walkers: 2, local: { method: 'gd', learningRate: 0.01, stepsPerRound: 1000 }, maxRounds: 100, stopWhenCertified: false, signal });
    done();
    expect(r.stopReason).toBe('aborted');
    expect(r.rounds).toBeLessThanOrEqual(1);
  }, 300_000);
});

describe('threads 0 stays responsive', () => {
  it('an abort from setTimeout(…, 50) stops a run of many cheap rounds', async () => {
    const { signal, done } = abortAfter(50);
    const r = await optimize({ objective: { type: 'rastrigin', dimension: 5 } }, { threads: 0, walkers: 4, maxRounds: 1e6, stopWhenCertified: false, seed: 2, signal });
    done();
    expect(r.stopReason).toBe('aborted');
  }, 60_000);

  it('an abort from setTimeout(…, 50) cuts a long round short: 1 ms evaluations, 1000 steps a round', async () => {
    const { signal, done } = abortAfter(50);
    const problem = { objective: { module: hostile, export: 'busyWait', args: { microseconds: 1000 } } };
    const r = await optimize(problem, { threads: 0, walkers: 2, local: { method: 'gd', learningRate: 0.01, stepsPerRound: 1000 }, maxRounds: 100, stopWhenCertified: false, signal });
    done();
    expect(r.stopReason).toBe('aborted');
    // The first round (1 s of evaluations per walker) was cut short, so the run ended in it.
    expect(r.rounds).toBeLessThanOrEqual(1);
  }, 300_000);
});
