/**
 * Checkpoint and resume: a run stopped at round r and resumed from its JSON checkpoint ends
 * bit-identical to the uninterrupted run; a checkpoint of another problem or of options that change
 * the trajectory is refused.
 */
import { describe, expect, it } from 'vitest';
import { NoBadMinimaError, optimize } from '../../src/index.js';
import type { OptimizeOptions, OptimizeResult } from '../../src/index.js';
import { example1, xorTanh } from '../fixtures/problems.js';

const options: OptimizeOptions = {
  threads: 0,
  walkers: 4,
  local: { method: 'gd', learningRate: 0.002, stepsPerRound: 100 },
  stopWhenCertified: false,
  seed: 'resume',
};
const problem = example1(0, 0.49);
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function expectSameRun(a: OptimizeResult, b: OptimizeResult): void {
  expect(Array.from(a.theta)).toEqual(Array.from(b.theta));
  expect(a.loss).toBe(b.loss);
  expect(a.augmentedLoss).toBe(b.augmentedLoss);
  expect(a.history).toEqual(b.history);
  expect([a.evaluations, a.rounds, a.hops, a.divergences, a.stopReason]).toEqual([b.evaluations, b.rounds, b.hops, b.divergences, b.stopReason]);
  expect(a.checkpoint).toEqual(b.checkpoint === undefined ? undefined : { ...(b.checkpoint as object), elapsedMs: (a.checkpoint as { elapsedMs: number }).elapsedMs });
}

describe('checkpoint and resume', () => {
  it('a run stopped at round 10 and resumed from its JSON checkpoint ends bit-identical to the uninterrupted run', async () => {
    const whole = await optimize(problem, { ...options, maxRounds: 25 });
    expect(whole.hops).toBeGreaterThan(0);
    const first = await optimize(problem, { ...options, maxRounds: 10 });
    expect(first.rounds).toBe(10);
    // The resumed half runs on worker threads: the thread count is not part of the trajectory.
    const resumed = await optimize(problem, { ...options, threads: 2, maxRounds: 25, resume: json(first.checkpoint) });
    expectSameRun(resumed, whole);
  });

  it('periodic checkpoints are plain JSON, and resuming from any of them reproduces the run', async () => {
    const states: unknown[] = [];
    const whole = await optimize(problem, { ...options, maxRounds: 12, checkpointEvery: 4, onCheckpoint: (s) => states.push(json(s)) });
    // Rounds 4, 8, 12, and the final state at the end.
    expect(states.map((s) => (s as { round: number }).round)).toEqual([4, 8, 12, 12]);
    for (const state of states.slice(0, 2)) {
      expect(json(state)).toEqual(state);
      const resumed = await optimize(problem, { ...options, maxRounds: 12, resume: state });
      expectSameRun(resumed, whole);
    }
  });

  it('carries every part of the state: walkers, stepper and RNG states, basin hopping, counters, best', async () => {
    const r = await optimize(problem, { ...options, maxRounds: 8 });
    const c = r.checkpoint as Record<string, unknown> & { walkers: Record<string, unknown>[] };
    expect(c).toMatchObject({ format: 'no-bad-minima/checkpoint', version: 1, round: 8, evaluations: r.evaluations, hops: r.hops });
    expect(typeof c.problemId).toBe('string');
    expect(typeof c.optionsHash).toBe('string');
    expect((c.best as { loss: number }).loss).toBe(r.loss);
    expect(c.walkers).toHaveLength(4);
    for (const w of c.walkers) expect(Object.keys(w)).toEqual(expect.arrayContaining(['z', 'stepper', 'rng', 'hop', 'monitor']));
  });

  it.each<[string, Parameters<typeof optimize>[0], OptimizeOptions]>([
    ['another problem', xorTanh, {}],
    ['other data', { ...problem, data: { x: [0], y: [1] } }, {}],
    ['another seed', problem, { seed: 'other' }],
    ['another λ', problem, { lambda: 2 }],
    ['another learning rate', problem, { local: { method: 'gd', learningRate: 0.003, stepsPerRound: 100 } }],
  ])('refuses a checkpoint of %s with RESUME_MISMATCH', async (_name, other, change) => {
    const r = await optimize(problem, { ...options, maxRounds: 2 });
    const error = await optimize(other, { ...options, ...change, maxRounds: 4, resume: json(r.checkpoint) }).catch((e) => e);
    expect(error).toBeInstanceOf(NoBadMinimaError);
    expect(error.code).toBe('RESUME_MISMATCH');
    expect(error.message).toMatch(/^options\.resume/);
  });

  it('refuses something that is not a checkpoint', async () => {
    await expect(optimize(problem, { ...options, resume: { round: 3 } })).rejects.toThrow(/options\.resume: expected a checkpoint/);
  });

  it('a time limit returns the best so far with its stop reason and a final checkpoint', async () => {
    const finals: unknown[] = [];
    // A limit of 1 ms expires during the first round; the round in flight is cut short, not lost.
    const r = await optimize(problem, { ...options, timeLimitMs: 1, onCheckpoint: (s) => finals.push(s) });
    expect(r.stopReason).toBe('time-limit');
    expect(r.rounds).toBeGreaterThanOrEqual(1);
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(finals.at(-1)).toEqual(r.checkpoint);
    expect((r.checkpoint as { round: number }).round).toBe(r.rounds);
  });

  it('abort returns the best so far with its stop reason and a final checkpoint', async () => {
    const controller = new AbortController();
    const finals: unknown[] = [];
    const r = await optimize(problem, {
      ...options,
      maxRounds: 1000,
      signal: controller.signal,
      onCheckpoint: (s) => finals.push(s),
      onProgress: (p) => {
        if (p.round === 5) controller.abort();
      },
    });
    expect(r.stopReason).toBe('aborted');
    expect(r.rounds).toBe(5);
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(finals.at(-1)).toEqual(r.checkpoint);
    // And the aborted run resumes to the same end as an uninterrupted one.
    const resumed = await optimize(problem, { ...options, maxRounds: 9, resume: json(r.checkpoint) });
    expectSameRun(resumed, await optimize(problem, { ...options, maxRounds: 9 }));
  });
});
