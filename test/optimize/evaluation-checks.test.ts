/**
 * Issue 26: what only an evaluation shows is refused with a coded error before the budget is spent:
 * a gradient that is never written (GRADIENT_NOT_WRITTEN), a negative L under the scalar
 * augmentation (NEGATIVE_OBJECTIVE), in-process and from worker threads alike; unknown keys in the
 * problem are refused up front (INVALID_INPUT); and ALL_WALKERS_FAULTED's best result says that the
 * walkers faulted, with advice in the error's message.
 */
import { describe, expect, it } from 'vitest';
import { NoBadMinimaError, optimize } from '../../src/index.js';
import type { OptimizeOptions, OptimizeResult, Problem } from '../../src/index.js';

const modules = new URL('../fixtures/modules/unwritten.mjs', import.meta.url).href;
const nonFinite = new URL('../fixtures/modules/non-finite.mjs', import.meta.url).href;
const objectives = new URL('../fixtures/modules/objectives.mjs', import.meta.url).href;
const options: OptimizeOptions = { walkers: 4, seed: 26, maxEvaluations: 100_000 };
/** The most calls of user code before a run refuses its gradient: one per walker, and a second for one of them. */
const FIRST_CALLS = options.walkers! + 1;

async function rejection(problem: Problem, opts: OptimizeOptions): Promise<NoBadMinimaError> {
  const error = await optimize(problem, opts).then(
    (r) => r,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NoBadMinimaError);
  return error as NoBadMinimaError;
}

/** Calls of the fixtures' user code on this thread so far. */
const calls = () => ((globalThis as { __nbmUnwrittenCalls?: number }).__nbmUnwrittenCalls ?? 0);

const square = (theta: Float64Array) => theta[0] * theta[0] + theta[1] * theta[1];

describe('GRADIENT_NOT_WRITTEN: an objective or model that leaves the gradient untouched', () => {
  it.each([
    ['a function objective', { objective: (theta: Float64Array) => square(theta), dimension: 2 }, 'function objective'],
    ['an object objective', { objective: { dimension: 2, evaluate: (theta: Float64Array) => square(theta) } }, 'object objective'],
  ] as const)('%s: optimize() rejects after two evaluations, naming the objective and gradient: false', async (_, problem, kind) => {
    let n = 0;
    const counted: Problem =
      typeof problem.objective === 'function'
        ? { ...problem, objective: (t: Float64Array) => (n++, square(t)) }
        : { objective: { dimension: 2, evaluate: (t: Float64Array) => (n++, square(t)) } };
    const error = await rejection(counted, { ...options, threads: 0 });
    expect(error.code).toBe('GRADIENT_NOT_WRITTEN');
    expect(error.field).toBe('problem.objective');
    expect(error.message).toContain(`problem.objective (${kind}): expected evaluate(theta, gradOut) to write ∇L(θ) into gradOut`);
    expect(error.message).toContain('left gradOut untouched');
    expect(error.message).toContain('set gradient: false in the problem');
    // Found on the first two gradient evaluations, not after the budget: every walker's first
    // batch is in flight at once, so each may make its first call (and one a second) before the stop.
    expect(n).toBeLessThanOrEqual(FIRST_CALLS);
  });

  it.each([0, 2])('threads %i: a module objective is refused the same way', async (threads) => {
    const before = calls();
    const error = await rejection({ objective: { module: modules, export: 'noGradient' } }, { ...options, threads });
    expect(error.code).toBe('GRADIENT_NOT_WRITTEN');
    expect(error.field).toBe('problem.objective');
    expect(error.message).toContain(`problem.objective (export "noGradient" of ${modules}): expected evaluate(theta, gradOut) to write ∇L(θ) into gradOut`);
    expect(error.message).toContain('all 3 entries still the NaN');
    if (threads === 0) expect(calls() - before).toBeLessThanOrEqual(FIRST_CALLS);
  });

  it.each([
    [0, 'neuron'],
    [2, 'neuron'],
    [0, 'none'],
    [0, 'scalar'],
  ] as const)('threads %i, augmentation %s: a model whose backward writes nothing is refused', async (threads, augmentation) => {
    const before = calls();
    const problem: Problem = { model: { module: modules, export: 'lazyLine' }, loss: 'squared', data: { x: [[0], [1], [2]], y: [1, 2, 3] } };
    const error = await rejection(problem, { ...options, threads, augmentation });
    expect(error.code).toBe('GRADIENT_NOT_WRITTEN');
    expect(error.field).toBe('problem.model');
    expect(error.message).toContain(`problem.model (export "lazyLine" of ${modules}): expected backward(theta, x, m, dOut, grad) to write the gradient`);
    expect(error.message).toContain('left grad untouched');
    if (threads === 0) expect(calls() - before).toBeLessThanOrEqual(FIRST_CALLS);
  });

  it('gradient: false with the same function runs (the package writes the gradient itself)', async () => {
    const r = await optimize({ objective: (theta: Float64Array) => square(theta), dimension: 2, gradient: false }, { ...options, threads: 0, targetLoss: 1e-12 });
    expect(r.stopReason).toBe('target');
  });

  it('a gradient written as NaN everywhere at one first point only is a numerical fault, not a refusal', async () => {
    let n = 0;
    const objective = (theta: Float64Array, g: Float64Array) => {
      n++;
      const bad = n === 1;
      g[0] = bad ? NaN : 2 * theta[0];
      g[1] = bad ? NaN : 2 * theta[1];
      return square(theta);
    };
    const r = await optimize({ objective, dimension: 2 }, { ...options, threads: 0, targetLoss: 1e-12 });
    expect(r.stopReason).toBe('target');
    expect(r.faults.numerical).toBe(1);
    expect(r.faults.details[0].message).toContain('wrote gradOut[0] = NaN (or left it unwritten');
  });
});

describe('NEGATIVE_OBJECTIVE: L(θ) < 0 under the scalar augmentation', () => {
  const shifted = (theta: Float64Array, g: Float64Array) => {
    g[0] = 2 * theta[0];
    g[1] = 2 * theta[1];
    return square(theta) - 100009;
  };

  it('a function objective (the default augmentation): rejected, naming the value and the ways out', async () => {
    let n = 0;
    const error = await rejection({ objective: (t: Float64Array, g: Float64Array) => (n++, shifted(t, g)), dimension: 2 }, { ...options, threads: 0 });
    expect(error.code).toBe('NEGATIVE_OBJECTIVE');
    expect(error.field).toBe('problem.objective');
    const value = error.details.value as number;
    expect(value).toBeLessThan(-100000);
    expect(error.message).toBe(
      `problem.objective (function objective): expected L(θ) ≥ 0 for the scalar augmentation (the default for an objective problem: it needs L ≥ 0 with min L = 0), ` +
        `got L(θ) = ${value}; set augmentation: 'none' in the options, or subtract the known minimum from L so that min L = 0`,
    );
    // Refused at each walker's first evaluation.
    expect(n).toBeLessThanOrEqual(options.walkers!);
  });

  it.each([0, 2])('threads %i: a module objective is refused the same way', async (threads) => {
    const error = await rejection({ objective: { module: modules, export: 'shifted' } }, { ...options, threads, augmentation: 'scalar' });
    expect(error.code).toBe('NEGATIVE_OBJECTIVE');
    expect(error.message).toContain(`problem.objective (export "shifted" of ${modules}): expected L(θ) ≥ 0 for the scalar augmentation`);
    expect(error.message).toContain(`got L(θ) = ${error.details.value as number}`);
  });

  it("augmentation: 'none' takes the same objective", async () => {
    const r = await optimize({ objective: shifted, dimension: 2 }, { ...options, threads: 0, augmentation: 'none', maxEvaluations: 2000 });
    expect(r.loss).toBeCloseTo(-100009, 6);
  });

  it('a value below 0 by rounding error alone (L − L* near the minimum) is accepted', async () => {
    const r = await optimize(
      { objective: (t: Float64Array, g: Float64Array) => (shifted(t, g), square(t) - 1e-13), dimension: 2 },
      { ...options, threads: 0, maxEvaluations: 5000 },
    );
    expect(r.loss).toBeLessThan(0);
  });
});

describe('unknown keys in the problem', () => {
  const rastrigin = { type: 'rastrigin', dimension: 2 } as const;
  const model = { model: { type: 'mlp', layers: [1, 2, 1] }, loss: 'squared', data: { x: [[0], [1]], y: [0, 1] } } as const;
  it.each([
    ['x0 in an objective problem', { objective: rastrigin, x0: [0, 0] }, 'problem.x0: expected no such field (known: objective, dimension, bounds, gradient; x0 is an option: optimize(problem, { x0 })), got an array of length 2'],
    ['bogus in an objective problem', { objective: rastrigin, bogus: 1 }, 'problem.bogus: expected no such field (known: objective, dimension, bounds, gradient), got 1'],
    ['bogus in a model problem', { ...model, bogus: true }, 'problem.bogus: expected no such field (known: model, loss, data, reduction, bounds), got true'],
    ['a key in data', { ...model, data: { ...model.data, w: [1, 1] } }, 'data.w: expected no such field (known: x, y), got an array of length 2'],
    ['a key in a loss spec', { ...model, loss: { type: 'squared', power: 2 } }, 'problem.loss.power: expected no such field (known: type), got 2'],
    ['a key in a built-in objective', { objective: { ...rastrigin, range: 3 } }, 'problem.objective.range: expected no such field (known: type, dimension, initRange), got 3'],
    ['a key in a module reference', { objective: { module: objectives, export: 'faultyQuadratic', arg: {} } }, 'problem.objective.arg: expected no such field (known: module, export, args), got {}'],
    ['a key in a model module reference', { ...model, model: { module: objectives, exports: 'x' } }, 'problem.model.exports: expected no such field (known: module, export, args), got "x"'],
  ])('%s is refused with INVALID_INPUT naming the field', async (_, problem, message) => {
    const error = await rejection(problem as unknown as Problem, { ...options, threads: 0 });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(message);
    expect(error.field).toBe(message.slice(0, message.indexOf(':')));
  });

  it("an object objective's own keys and a Model object's are the user's, and are not checked", async () => {
    const objective = { dimension: 2, scale: 1, evaluate(t: Float64Array, g: Float64Array) { g[0] = 2 * this.scale * t[0]; g[1] = 2 * this.scale * t[1]; return this.scale * square(t); } };
    const r = await optimize({ objective }, { ...options, threads: 0, targetLoss: 1e-12 });
    expect(r.stopReason).toBe('target');
  });
});

describe('ALL_WALKERS_FAULTED', () => {
  const bowl: Problem = { objective: { module: nonFinite, export: 'bowl', args: {} } };
  const gd: OptimizeOptions = { walkers: 4, seed: 27, local: { method: 'gd', learningRate: 0.1, stepsPerRound: 20 }, maxRounds: 200 };

  it.each([0, 2])("threads %i: details.best stops for 'faulted', not for an abort, and the message says what to try", async (threads) => {
    const error = await rejection(bowl, { ...gd, threads });
    expect(error.code).toBe('ALL_WALKERS_FAULTED');
    const best = error.details.best as OptimizeResult;
    expect(best.stopReason).toBe('faulted');
    expect(best.message).toContain('because every walker faulted three rounds in a row');
    expect(best.message).not.toContain('aborted');
    expect(error.message).toContain("Try a smaller options.local.learningRate (it is 0.1 for method 'gd'), or the default method, 'lbfgs'");
  });

  it('under L-BFGS the advice is to check L where the walkers start', async () => {
    const error = await rejection(bowl, { ...gd, local: { stepsPerRound: 20 }, threads: 0 });
    expect(error.code).toBe('ALL_WALKERS_FAULTED');
    expect(error.message).toContain('Check that L(θ) and its gradient are finite where the walkers start');
    expect(error.message).not.toContain('learningRate');
  });

  it('worker faults get the advice to fix the code that threw', async () => {
    const boom: Problem = { objective: { module: new URL('../fixtures/modules/exact-theta.mjs', import.meta.url).href, export: 'boom', args: {} } };
    const error = await rejection(boom, { ...gd, threads: 0 });
    expect(error.code).toBe('ALL_WALKERS_FAULTED');
    expect((error.details.best as OptimizeResult).stopReason).toBe('faulted');
    expect(error.message).toContain('Fix the user code that threw, as quoted above.');
  });
});
