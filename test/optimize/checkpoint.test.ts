/**
 * Checkpoint and resume: a run stopped at round r and resumed from its JSON checkpoint ends
 * bit-identical to the uninterrupted run; a checkpoint of another problem or of options that change
 * the trajectory is refused.
 */
import { describe, expect, it } from 'vitest';
import { NoBadMinimaError, optimize } from '../../src/index.js';
import type { OptimizeOptions, OptimizeResult } from '../../src/index.js';
import { example1, xorTanh } from '../fixtures/problems.js';
import { expectSameResult } from '../helpers/runs.js';

const options: OptimizeOptions = {
  threads: 0,
  walkers: 4,
  local: { method: 'gd', learningRate: 0.002, stepsPerRound: 100 },
  stopWhenCertified: false,
  seed: 'resume',
  // Issue 28: the final checkpoint is built only when asked for.
  checkpoint: true,
};
const problem = example1(0, 0.49);
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function expectSameRun(a: OptimizeResult, b: OptimizeResult): void {
  expectSameResult(a, b);
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

/** Issue 28: a resume state is input; forged or truncated ones get RESUME_MISMATCH naming the field. */
describe('a tampered checkpoint is refused', () => {
  type Json = Record<string, unknown> & { walkers: Record<string, unknown>[]; best: Record<string, unknown> };
  let saved: Json | null = null;
  const checkpoint = async (): Promise<Json> => {
    saved ??= json((await optimize(problem, { ...options, maxRounds: 12 })).checkpoint) as Json;
    return json(saved);
  };

  it.each<[string, (c: Json) => void, string]>([
    ['a truncated walker list', (c) => c.walkers.pop(), 'options.resume.walkers'],
    ['a deleted rng', (c) => delete c.walkers[1].rng, 'options.resume.walkers[1].rng'],
    ['round 12.5', (c) => (c.round = 12.5), 'options.resume.round'],
    ['round 999', (c) => (c.round = 999), 'options.resume.history'],
    ['evaluations -1e9', (c) => (c.evaluations = -1e9), 'options.resume.evaluations'],
    ['a forged best.loss 0', (c) => (c.best.loss = 0), 'options.resume.integrity'],
    ['a truncated z', (c) => (c.walkers[0].z as unknown[]).pop(), 'options.resume.walkers[0].z'],
    ['a deleted integrity', (c) => delete c.integrity, 'options.resume.integrity'],
    // Fields the checkpoint gained with the blow-up guard and the fault causes.
    ['stepRetries 1.5', (c) => (c.stepRetries = 1.5), 'options.resume.stepRetries'],
    ['a forged stepRetries 5', (c) => (c.stepRetries = 5), 'options.resume.integrity'],
    ['faults.details not an array', (c) => ((c.faults as Record<string, unknown>).details = 'none'), 'options.resume.faults.details'],
    [
      'a fault cause counting more faults than faults.worker',
      (c) => ((c.faults as Record<string, unknown>).details = [{ kind: 'worker', message: 'boom', count: 3, walker: 0, round: 1 }]),
      'options.resume.faults.details',
    ],
    [
      'a fault cause of walker 4 of 4',
      (c) => {
        const faults = c.faults as Record<string, unknown>;
        faults.worker = 1;
        faults.details = [{ kind: 'worker', message: 'boom', count: 1, walker: 4, round: 1 }];
      },
      'options.resume.faults.details[0].walker',
    ],
  ])('%s', async (_name, tamper, field) => {
    const c = await checkpoint();
    // Untouched, it resumes.
    await expect(optimize(problem, { ...options, maxRounds: 13, resume: c })).resolves.toMatchObject({ rounds: 13 });
    tamper(c);
    const error = await optimize(problem, { ...options, maxRounds: 13, resume: c }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoBadMinimaError);
    expect([(error as NoBadMinimaError).code, (error as NoBadMinimaError).field]).toEqual(['RESUME_MISMATCH', field]);
  });
});

describe('checkpoints that scale (issue 28)', () => {
  it('the final checkpoint is built only when asked for', async () => {
    const { checkpoint: _, ...plain } = options;
    const r = await optimize(problem, { ...plain, maxRounds: 2 });
    expect(r.checkpoint).toBeUndefined();
    const states: unknown[] = [];
    const withCallback = await optimize(problem, { ...plain, maxRounds: 2, onCheckpoint: (s) => states.push(s) });
    expect(withCallback.checkpoint).toBe(states.at(-1));
  });

  it('a d = 1e6 L-BFGS checkpoint round-trips through JSON.stringify/parse and resumes', async () => {
    const big = { objective: { type: 'rastrigin' as const, dimension: 1_000_000 } };
    const o: OptimizeOptions = { threads: 0, walkers: 1, augmentation: 'none', local: { method: 'lbfgs', stepsPerRound: 3 }, stopWhenCertified: false, hopping: false, seed: 7, checkpoint: true };
    const first = await optimize(big, { ...o, maxRounds: 1 });
    const text = JSON.stringify(first.checkpoint);
    // Base64 payloads: z and the L-BFGS history (2 × 10 vectors) at about 10.7 characters a double.
    expect(text.length).toBeLessThan(400e6);
    const resumed = await optimize(big, { ...o, maxRounds: 2, resume: JSON.parse(text) });
    expect(resumed.rounds).toBe(2);
    expect(resumed.loss).toBeLessThanOrEqual(first.loss);
  }, 120_000);
});
