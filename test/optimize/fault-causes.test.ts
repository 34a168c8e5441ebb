/**
 * Issue 27: a worker fault from a user module carries the thrown error's message and the module's
 * export, into the result's faults.details and into ALL_WALKERS_FAULTED's message, in-process and
 * in worker threads alike; a user model's methods are named too.
 */
import { describe, expect, it } from 'vitest';
import { createObjective, NoBadMinimaError, optimize } from '../../src/index.js';
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
  expect(message).toContain('evaluate(theta, gradOut) threw Error');
  // The frame it was thrown at: the user's file, so the line can be looked up.
  expect(message).toMatch(/exact-theta\.mjs:\d+:\d+/);
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
    const r = await optimize(boom(0), { ...options, threads });
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

  it.each(['forward', 'backward', 'jacobian'])('a user model whose %s throws: USER_CODE_FAULT names the module, export and method', async (method) => {
    const problem: Problem = { model: { module: modules, export: 'linear', args: { inputSize: 1, throwIn: method } }, loss: 'squared', data: { x: [[0], [1]], y: [1, 2] } };
    const obj = await createObjective(problem, { augmentation: 'none' });
    const z = new Float64Array(obj.dimension);
    const call = () => (method === 'jacobian' ? obj.leastSquares!.residualGradient(z, 0, new Float64Array(2)) : obj.evaluate(z, new Float64Array(2)));
    let thrown: unknown;
    try {
      if (method === 'jacobian') obj.leastSquares!.residuals(z, new Float64Array(2));
      call();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NoBadMinimaError);
    const error = thrown as NoBadMinimaError;
    expect(error.code).toBe('USER_CODE_FAULT');
    expect(error.field).toBe('problem.model');
    expect(error.message).toContain(`problem.model (export "linear" of ${modules}): ${method}(theta`);
    expect(error.message).toContain(`threw RangeError: boom in ${method}: index 7 out of range`);
    expect((error.details.cause as Error).message).toBe(`boom in ${method}: index 7 out of range`);
  });
});
