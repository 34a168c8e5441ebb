/**
 * Issue 27: a numerical fault from the user's code says what happened, as a worker fault does:
 * which function (evaluate, the gradient it wrote, a model's forward or backward), what value, whose
 * code (the module and export, or the function objective), and the walker and round where it was
 * first seen, in faults.details and in ALL_WALKERS_FAULTED's message; in-process and on worker
 * threads alike, with the same details for the same seed.
 */
import { describe, expect, it } from 'vitest';
import { NoBadMinimaError, optimize } from '../../src/index.js';
import type { Augmentation, OptimizeOptions, OptimizeResult, Problem } from '../../src/index.js';

const modules = new URL('../fixtures/modules/non-finite.mjs', import.meta.url).href;
const bowl = (args: Record<string, unknown>): Problem => ({ objective: { module: modules, export: 'bowl', args } });
const options: OptimizeOptions = { walkers: 4, seed: 27, local: { method: 'gd', learningRate: 0.1, stepsPerRound: 20 }, targetLoss: 1e-10, maxRounds: 200 };
const BOWL = `problem.objective (export "bowl" of ${modules})`;

async function allFaulted(problem: Problem, opts: OptimizeOptions): Promise<{ error: NoBadMinimaError; best: OptimizeResult }> {
  const error = (await optimize(problem, opts).catch((e: unknown) => e)) as NoBadMinimaError;
  expect(error).toBeInstanceOf(NoBadMinimaError);
  expect(error.code).toBe('ALL_WALKERS_FAULTED');
  return { error, best: error.details.best as OptimizeResult };
}

/** The run's one cause: every fault was numerical and had `message`; ALL_WALKERS_FAULTED lists it with where it was first seen. */
function expectOneNumericalCause(error: NoBadMinimaError, best: OptimizeResult, message: string, walkers: number): void {
  expect(best.faults.worker).toBe(0);
  expect(best.faults.numerical).toBeGreaterThan(0);
  expect(best.faults.details).toHaveLength(1);
  const [detail] = best.faults.details;
  expect(detail).toEqual({ kind: 'numerical', message, count: best.faults.numerical, walker: detail.walker, round: detail.round });
  // Every walker faults in every round, and the rounds are taken in in walker order.
  expect([detail.walker, detail.round]).toEqual([0, 1]);
  expect(best.faults.numerical % walkers).toBe(0);
  expect(error.message).toContain(`(${best.faults.numerical} numerical, 0 worker faults); numerical faults: ${best.faults.numerical}× ${message} (first: walker 0, round 1)`);
}

describe('a user objective that returns or writes a non-finite number', () => {
  it.each([0, 2])('threads %i: evaluate returns NaN everywhere; ALL_WALKERS_FAULTED names the module, export, function and value', async (threads) => {
    const { error, best } = await allFaulted(bowl({}), { ...options, threads });
    expectOneNumericalCause(error, best, `${BOWL}: evaluate(theta, gradOut) returned NaN`, 4);
    expect(error.message).toContain(`export "bowl" of ${modules}`);
  });

  it.each([0, 2])('threads %i: evaluate writes gradOut[1] = Infinity; the cause says which entry', async (threads) => {
    const { error, best } = await allFaulted(bowl({ breaks: 'gradient' }), { ...options, threads });
    expectOneNumericalCause(error, best, `${BOWL}: evaluate(theta, gradOut) wrote gradOut[1] = Infinity`, 4);
  });

  it('walkers that start where it is NaN are reset, the result keeps the cause, and threads 0 and 2 agree on it', async () => {
    // θ₀ ~ U[−2, 2]: a walker that starts below 0 faults at once; one that starts above descends to 1.
    const [r0, r2] = await Promise.all([0, 2].map((threads) => optimize(bowl({ below: 0 }), { ...options, threads })));
    expect(r0.stopReason).toBe('target');
    expect(r0.faults.numerical).toBeGreaterThan(0);
    expect(r0.faults.details).toHaveLength(1);
    const [detail] = r0.faults.details;
    expect(detail.kind).toBe('numerical');
    expect(detail.message).toBe(`${BOWL}: evaluate(theta, gradOut) returned NaN`);
    expect(detail.count).toBe(r0.faults.numerical);
    expect(detail.walker).toBeGreaterThanOrEqual(0);
    expect(detail.walker).toBeLessThan(4);
    expect(detail.round).toBeGreaterThanOrEqual(1);
    expect(r0.message).toContain(`numerical faults: ${detail.count}× ${detail.message} (first: walker ${detail.walker}, round ${detail.round})`);
    expect(r2.faults).toEqual(r0.faults);
    expect(r2.theta).toEqual(r0.theta);
  });

  it('threads 0: a function objective, an object and gradient: false name themselves', async () => {
    const fn = (x: Float64Array, g: Float64Array) => {
      g[0] = 2 * x[0];
      return x[0] < 10 ? Infinity : x[0] ** 2;
    };
    const run = { ...options, threads: 0, walkers: 2, maxRounds: 20 };
    let out = await allFaulted({ objective: fn, dimension: 1 }, run);
    expectOneNumericalCause(out.error, out.best, 'problem.objective (function objective): evaluate(theta, gradOut) returned Infinity', 2);
    out = await allFaulted({ objective: { dimension: 1, evaluate: fn } }, run);
    expectOneNumericalCause(out.error, out.best, 'problem.objective (object objective): evaluate(theta, gradOut) returned Infinity', 2);
    out = await allFaulted({ objective: (x: Float64Array) => (x[0] < 10 ? NaN : x[0] ** 2), dimension: 1, gradient: false }, run);
    expectOneNumericalCause(out.error, out.best, 'problem.objective (function objective): evaluate(theta) returned NaN', 2);
  });
});

describe('a user model that writes a non-finite number', () => {
  const line = (breaks: string): Problem => ({ model: { module: modules, export: 'line', args: { breaks } }, loss: 'squared', data: { x: [[0], [1], [2]], y: [1, 2, 3] } });
  const LINE = `problem.model (export "line" of ${modules})`;
  const cases: [string, Augmentation, number, string][] = [];
  for (const augmentation of ['neuron', 'scalar', 'none'] as Augmentation[]) {
    for (const threads of [0, 2]) {
      cases.push(['forward', augmentation, threads, `${LINE}: forward(theta, x, m, out) wrote out[0] = NaN`]);
      cases.push(['backward', augmentation, threads, `${LINE}: backward(theta, x, m, dOut, grad) wrote grad[1] = -Infinity`]);
    }
  }
  it.each(cases)('%s, %s, threads %i: the fault names the model, the method and the entry', async (breaks, augmentation, threads, message) => {
    const { error, best } = await allFaulted(line(breaks), { augmentation, threads, walkers: 2, seed: 27, local: { method: 'gd', learningRate: 0.05, stepsPerRound: 5 }, maxRounds: 20 });
    expectOneNumericalCause(error, best, message, 2);
  });
});
