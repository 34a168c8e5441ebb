/**
 * Issue 27: a worker fault from a user module carries the thrown error's message and the module's
 * export, into the result's faults.details and into ALL_WALKERS_FAULTED's message, in-process and
 * in worker threads alike; a user model's faults are named the same way.
 */
import { describe, expect, it } from 'vitest';
import { NoBadMinimaError, optimize } from '../../src/index.js';
import type { OptimizeOptions, OptimizeResult, Problem } from '../../src/index.js';

const modules = new URL('../fixtures/modules/exact-theta.mjs', import.meta.url).href;
const BOOM = 'boom: index 7 out of range';
const boom = (below?: number): Problem => ({ objective: { module: modules, export: 'boom', args: below === undefined ? {} : { below } } });
const options: OptimizeOptions = { walkers: 4, seed: 27, local: { method: 'gd', learningRate: 0.1, stepsPerRound: 20 }, targetLoss: 1e-10, maxRounds: 200 };

/** The one cause every fault of these runs has: the module's evaluate threw BOOM. */
function expectBoomCause(message: string): void {
  expect(message).toContain(BOOM);
  expect(message).toContain('export "boom"');
  expect(message).toContain(modules);
  expect(message).toContain(`problem.objective (export "boom" of ${modules}) threw Error: ${BOOM}`);
  // The frame it was thrown at names the method and the user's file and line.
  expect(message).toMatch(/\(at Object\.evaluate \(.*exact-theta\.mjs:\d+:\d+\)\)/);
}

describe('a user module that throws', () => {
  it.each([0, 2])('threads %i: every walker throws, and ALL_WALKERS_FAULTED says why', async (threads) => {
    const error = (await optimize(boom(), { ...options, threads }).catch((e: unknown) => e)) as NoBadMinimaError;
    expect(error).toBeInstanceOf(NoBadMinimaError);
    expect(error.code).toBe('ALL_WALKERS_FAULTED');
    expectBoomCause(error.message);
    const best = error.details.best as OptimizeResult;
    expect(best.faults.worker).toBeGreaterThan(0);
    expect(best.faults.details).toHaveLength(1);
    expectBoomCause(best.faults.details[0].message);
    expect(best.faults.details[0].count).toBe(best.faults.worker);
    expect(error.message).toContain(`${best.faults.worker}× `);
  });

  it.each([0, 2])('threads %i: walkers that start where it throws are reset, and the result keeps the cause', async (threads) => {
    // θ₀ ~ U[−2, 2]: a walker that starts below 0 throws; one that starts above descends to 1.
    // Issue 28: the final checkpoint is built only when asked for.
    const r = await optimize(boom(0), { ...options, threads, checkpoint: true });
    expect(r.stopReason).toBe('target');
    expect(r.faults.worker).toBeGreaterThan(0);
    expect(r.faults.details).toHaveLength(1);
    const [detail] = r.faults.details;
    expectBoomCause(detail.message);
    expect(detail.kind).toBe('worker');
    expect(detail.count).toBe(r.faults.worker);
    expect(detail.walker).toBeGreaterThanOrEqual(0);
    expect(detail.walker).toBeLessThan(4);
    expect(detail.round).toBeGreaterThanOrEqual(1);
    expect(r.message).toContain(BOOM);
    // The checkpoint carries the causes, so a resumed run reports them too.
    expect((r.checkpoint as { faults: unknown }).faults).toEqual(r.faults);
  });

  it.each([
    ['forward', 'gd'],
    ['backward', 'gd'],
    ['jacobian', 'levenberg-marquardt'],
  ] as const)('threads 0: a user model whose %s throws (%s): the fault names the module, export, message and line', async (method, local) => {
    const problem: Problem = { model: { module: modules, export: 'linear', args: { inputSize: 1, throwIn: method } }, loss: 'squared', data: { x: [[0], [1]], y: [1, 2] } };
    const error = (await optimize(problem, { augmentation: 'none', threads: 0, walkers: 2, seed: 27, local: { method: local, stepsPerRound: 5 }, maxRounds: 20 }).catch((e: unknown) => e)) as NoBadMinimaError;
    expect(error).toBeInstanceOf(NoBadMinimaError);
    expect(error.code).toBe('ALL_WALKERS_FAULTED');
    expect(error.message).toContain(`problem.model (export "linear" of ${modules}) threw RangeError: boom in ${method}: index 7 out of range`);
    // The first frame is where it was thrown: the fixture's helper, in the user's file.
    expect(error.message).toMatch(/\(at bug \(.*exact-theta\.mjs:\d+:\d+\)\)/);
  });
});
