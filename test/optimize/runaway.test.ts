/**
 * Issue 28: every run ends. A user module whose evaluate never returns, in a worker thread: the
 * time limit or the abort still settles optimize(), the stuck batch's thread is ended and the
 * walker's lost batch counted as a worker fault. (The clean-exit tests show the process can exit
 * afterwards.)
 */
import { describe, expect, it } from 'vitest';
import { optimize } from '../../src/index.js';

const hostile = new URL('../fixtures/modules/hostile.mjs', import.meta.url).href;
const looping = { objective: { module: hostile, export: 'loopsForever', args: { after: 100 } } };
const base = { walkers: 2, threads: 2, local: { method: 'gd' as const, learningRate: 0.1, stepsPerRound: 20 }, maxRounds: 1e6, seed: 1, stopWhenCertified: false };

describe('a user module that loops forever in a worker', () => {
  it('timeLimitMs ends the run: stop reason time-limit, the stuck batches counted as worker faults', async () => {
    // Long enough for the threads to start (under tsx, 2-3 s here) and make their 100 calls: before
    // the first round is in, a time limit waits for it (a run always has a best point).
    const r = await optimize(looping, { ...base, timeLimitMs: 6000 });
    expect(r.stopReason).toBe('time-limit');
    // Every thread calls evaluate more than 100 times (5 rounds) and then loops.
    expect(r.faults.worker).toBeGreaterThanOrEqual(1);
    expect(Number.isFinite(r.loss)).toBe(true);
  }, 30_000);

  it('an abort ends the run: stop reason aborted', async () => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Aborted 300 ms after the first round is in: by then the threads are up and looping.
    const onProgress = () => void (timer ??= setTimeout(() => controller.abort(), 300));
    const r = await optimize(looping, { ...base, signal: controller.signal, onProgress });
    clearTimeout(timer);
    expect(r.stopReason).toBe('aborted');
    expect(r.rounds).toBeGreaterThanOrEqual(1);
    expect(r.faults.worker).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it.each([
    ['one walker (in-process)', {}, 101],
    ['two walkers (the adaptive executor, in-process while batches are cheap)', { walkers: 2 }, 102],
  ])('threads left out, %s: timeLimitMs ends a module looping in evaluate on this thread', async (_, walkers, after) => {
    const problem = { objective: { module: hostile, export: 'loopsForever', args: { after } } };
    const r = await optimize(problem, { ...walkers, local: { method: 'gd', learningRate: 0.1, stepsPerRound: 20 }, maxRounds: 1e6, stopWhenCertified: false, seed: 1, timeLimitMs: 1000 });
    expect(r.stopReason).toBe('time-limit');
    expect(r.threads).toBe(0);
    // The slice stuck in evaluate was terminated, and its batch lost like a pool's thread.
    expect(r.faults.worker).toBeGreaterThanOrEqual(1);
    expect(r.faults.details[0].message).toContain('was terminated');
    expect(Number.isFinite(r.loss)).toBe(true);
  }, 60_000);

  it('workerMemoryMb bounds a worker\'s heap: a module that allocates without end loses its thread, not the process', async () => {
    const problem = { objective: { module: hostile, export: 'allocatesForever' } };
    const error = await optimize(problem, { ...base, maxRounds: 10, workerMemoryMb: 64 }).then(() => null, (e: unknown) => e);
    // Every batch lost with its thread, the run gives up with the threads' reason.
    expect((error as { code?: string }).code).toBe('ALL_WALKERS_FAULTED');
    expect((error as Error).message).toMatch(/out of memory/i);
  }, 60_000);

  it('a module that loops from its first call: an abort still settles the run, with no best point', async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 500);
    const r = await optimize({ objective: { module: hostile, export: 'loopsForever' } }, { ...base, signal: controller.signal });
    clearTimeout(timer);
    expect(r.stopReason).toBe('aborted');
    expect(Number.isNaN(r.loss)).toBe(true);
    expect(r.rounds).toBe(0);
    expect(r.faults.worker).toBe(2);
  }, 30_000);
});
