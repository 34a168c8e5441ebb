/**
 * The coordinator with walkers that run ahead: batches of several rounds, walkers past the round the
 * run stops at, batches lost on the way. None of it may change the result: it must equal the
 * in-process run, round by round, checkpoint included.
 */
import { describe, expect, it } from 'vitest';
import { augment } from '../../src/augment/create.js';
import { trajectoryHash } from '../../src/coordinator/checkpoint.js';
import { coordinate } from '../../src/coordinator/coordinator.js';
import type { Pacing } from '../../src/coordinator/pace.js';
import type { Executor } from '../../src/executor/executor.js';
import { optimize } from '../../src/index.js';
import type { OptimizeOptions, OptimizeResult } from '../../src/index.js';
import { resolveOptions } from '../../src/options.js';
import { instantiate } from '../../src/problem/instantiate.js';
import { prepareProblem } from '../../src/problem/prepare.js';
import type { Problem } from '../../src/problem/types.js';
import { runBatch } from '../../src/walker/batch.js';
import type { BatchResult, BatchTask } from '../../src/walker/batch.js';
import { example1, xorTanh } from '../fixtures/problems.js';
import { expectSameResult } from '../helpers/runs.js';

/** Runs batches in-process but poses as a thread pool, so that the coordinator lets walkers run ahead. */
class AheadExecutor implements Executor {
  readonly remote = true;
  readonly sent: { walker: number; from: number; rounds: number }[] = [];
  constructor(private readonly lose: (call: number) => boolean = () => false) {}
  run(task: BatchTask): Promise<BatchResult> {
    this.sent.push({ walker: task.walker.index, from: task.walker.round, rounds: task.rounds });
    if (this.lose(this.sent.length)) return Promise.reject(new Error('worker exited with code 3'));
    return runBatch(task);
  }
  async close(): Promise<void> {}
}

const fixed = (rounds: number): Pacing => ({ rounds, lead: 2 * rounds, observe() {} });

async function runAhead(problem: Problem, options: OptimizeOptions, executor: AheadExecutor, pace: Pacing): Promise<OptimizeResult> {
  const o = resolveOptions({ ...options, threads: 2 }, 'objective' in problem ? 'objective' : 'model');
  const prepared = await prepareProblem(problem);
  const objective = augment(await instantiate(prepared), o.augmentation, o.lambda);
  return coordinate({
    prepared,
    objective,
    options: o,
    callbacks: { onCheckpoint: options.onCheckpoint, onProgress: options.onProgress },
    optionsHash: trajectoryHash(o),
    resume: null,
    executor,
    pace,
  });
}

function expectSameRun(a: OptimizeResult, b: OptimizeResult): void {
  expectSameResult(a, b);
  expect({ ...(a.checkpoint as object), elapsedMs: 0 }).toEqual({ ...(b.checkpoint as object), elapsedMs: 0 });
}

describe('coordinator with walkers running ahead', () => {
  // checkpoint: true so that the final checkpoints are built and compared too (issue 28: not by default).
  const cases: [string, Problem, OptimizeOptions][] = [
    ['Example 1, target reached mid-batch', example1(0, 1), { walkers: 4, local: { method: 'gd', learningRate: 0.002, stepsPerRound: 20 }, targetLoss: 1e-4, maxEvaluations: 100_000, checkpoint: true }],
    ['XOR tanh, certified mid-batch', xorTanh, { walkers: 3, local: { method: 'gd', learningRate: 0.2, stepsPerRound: 50 }, maxRounds: 60, monitor: { patience: 2 }, checkpoint: true }],
    ['Example 1 from the bad basin, hops, evaluation budget', example1(0, 0.49), { walkers: 3, local: { method: 'gd', learningRate: 0.002, stepsPerRound: 100 }, maxEvaluations: 12_345, checkpoint: true }],
  ];

  it.each(cases)('%s: the same result as in-process', async (_name, problem, options) => {
    const alone = await optimize(problem, { ...options, threads: 0, seed: 'ahead' });
    const executor = new AheadExecutor();
    const ahead = await runAhead(problem, { ...options, seed: 'ahead' }, executor, fixed(7));
    expectSameRun(ahead, alone);
    // The walkers did run past the last round taken in, so the states at it were found by replay.
    expect(Math.max(...executor.sent.map((s) => s.from + s.rounds))).toBeGreaterThan(alone.rounds);
  });

  it('batches lost with their thread are run again: the same result, and each loss counted', async () => {
    const [problem, options] = [cases[2][1], { ...cases[2][2], seed: 'lost' }];
    const alone = await optimize(problem, { ...options, threads: 0 });
    const executor = new AheadExecutor((call) => call % 5 === 0);
    const ahead = await runAhead(problem, options, executor, fixed(3));
    expect(ahead.faults.worker).toBeGreaterThan(0);
    expect(ahead.faults.worker).toBe(executor.sent.filter((_, i) => (i + 1) % 5 === 0).length);
    // The checkpoint's integrity hash covers its fault counts, so it differs with them.
    const integrity = (alone.checkpoint as { integrity: string }).integrity;
    expectSameRun({ ...ahead, faults: alone.faults, checkpoint: { ...(ahead.checkpoint as object), faults: alone.faults, integrity } }, alone);
  });

  it('a batch lost twice in a row resets the walker, as a worker fault', async () => {
    const options = { ...cases[0][2], seed: 'lost-twice', maxRounds: 6, targetLoss: undefined };
    // Walker 0's second and third batches are lost: the round after its first batch fails twice.
    let walker0 = 0;
    const executor = new AheadExecutor(() => false);
    const losing = new AheadExecutor();
    losing.run = (task) => {
      if (task.walker.index === 0 && ++walker0 >= 2 && walker0 <= 3) return Promise.reject(new Error('lost'));
      return executor.run(task);
    };
    const r = await runAhead(cases[0][1], options, losing, fixed(2));
    expect(r.faults.worker).toBe(2);
    // Why, too: both losses at walker 0's round 3 (first seen there), with the executor's reason.
    expect(r.faults.details).toEqual([{ kind: 'worker', message: 'the thread running the batch was lost: lost', count: 2, walker: 0, round: 3 }]);
    const faulted = r.history.flatMap((h) => h.walkers.filter((w) => w.verdict === 'fault').map((w) => [h.round, w.walker]));
    expect(faulted).toEqual([[3, 0]]);
    expect(r.rounds).toBe(6);
  });

  it('periodic checkpoints fall on batch ends and equal the in-process ones', async () => {
    const [problem, options] = [cases[2][1], { ...cases[2][2], seed: 'periodic', checkpointEvery: 5 }];
    const alone: unknown[] = [];
    await optimize(problem, { ...options, threads: 0, onCheckpoint: (s) => alone.push(s) });
    const ahead: unknown[] = [];
    const executor = new AheadExecutor();
    await runAhead(problem, { ...options, onCheckpoint: (s) => ahead.push(s) }, executor, fixed(8));
    expect(ahead.length).toBe(alone.length);
    ahead.forEach((s, i) => expect({ ...(s as object), elapsedMs: 0 }).toEqual({ ...(alone[i] as object), elapsedMs: 0 }));
    expect(executor.sent.every((s) => s.rounds <= 5 && (s.from % 5) + s.rounds <= 5)).toBe(true);
  });

  it('a walker whose batch is back gets its next batch before the rounds it completes are taken in', async () => {
    // Taking a batch's rounds in (records, history, callbacks) keeps the main thread busy; a thread
    // left without a batch meanwhile idles.
    const events: string[] = [];
    const executor = new AheadExecutor();
    const run = executor.run.bind(executor);
    executor.run = (task) => {
      events.push(`send ${task.walker.index} from ${task.walker.round}`);
      return run(task);
    };
    const options = { ...cases[2][2], seed: 'early', maxRounds: 9, stopWhenCertified: false };
    await runAhead(cases[2][1], { ...options, onProgress: (p) => void events.push(`round ${p.round}`) }, executor, fixed(3));
    const firstRound = events.indexOf('round 1');
    expect(firstRound).toBeGreaterThan(0);
    for (let w = 0; w < 3; w++) expect(events.indexOf(`send ${w} from 3`)).toBeLessThan(firstRound);
    expect(events.filter((e) => e.startsWith('round'))).toEqual(Array.from({ length: 9 }, (_, i) => `round ${i + 1}`));
  });

  it('onProgress returning false stops at that round although walkers ran on', async () => {
    const [problem, options] = [cases[2][1], { ...cases[2][2], seed: 'callback' }];
    const stopAt = (p: { round: number }) => p.round !== 4;
    const alone = await optimize(problem, { ...options, threads: 0, onProgress: stopAt });
    const ahead = await runAhead(problem, { ...options, onProgress: stopAt }, new AheadExecutor(), fixed(5));
    expect(ahead.stopReason).toBe('callback');
    expect(ahead.rounds).toBe(4);
    expectSameRun(ahead, alone);
  });
});
