/**
 * Problems from code: function and object objectives and Model objects (in-process), a start
 * point, bounds and gradients by differences, through optimize().
 */
import { describe, expect, it } from 'vitest';
import { createObjective, NoBadMinimaError, optimize } from '../../src/index.js';
import type { Model, OptimizeOptions, Problem } from '../../src/index.js';
// @ts-expect-error: a plain-JavaScript fixture module, as a user ships it.
import { braninShifted, rosenbrock } from '../fixtures/modules/user-objectives.mjs';
// @ts-expect-error: a plain-JavaScript fixture module.
import { createLinear } from '../fixtures/models/linear.mjs';
import { expectSameResult } from '../helpers/runs.js';

const userObjectives = new URL('../fixtures/modules/user-objectives.mjs', import.meta.url).href;
const linearModule = new URL('../fixtures/models/linear.mjs', import.meta.url).href;
type Evaluate = (x: Float64Array, g?: Float64Array) => number;
const rosenbrockOf = (d: number): Evaluate => (rosenbrock({ d }) as { evaluate: Evaluate }).evaluate;
const BRANIN_BOX: [number, number][] = [[-5, 10], [0, 15]];
const BRANIN_MIN = 0.397887357729738;

/** Branin itself (minimum 0.397887), value only, throwing outside its box. */
function branin(x: Float64Array): number {
  return (braninShifted() as { evaluate: Evaluate }).evaluate(x) + BRANIN_MIN;
}

const inBox = (theta: ArrayLike<number>, box: [number, number][]) => Array.from(theta).every((v, i) => v >= box[i][0] && v <= box[i][1]);

describe('function and object objectives run in-process', () => {
  it('a function objective with dimension reaches the 10-d Rosenbrock minimum; no warning without a threads request', async () => {
    const r = await optimize({ objective: rosenbrockOf(10), dimension: 10 }, { local: { method: 'lbfgs' }, targetLoss: 1e-10, maxEvaluations: 40_000, seed: 1 });
    expect(r.stopReason).toBe('target');
    expect(r.loss).toBeLessThanOrEqual(1e-10);
    for (const v of r.theta) expect(Math.abs(v - 1)).toBeLessThan(1e-4);
    expect(r.warnings).toEqual([]);
  });

  it('with threads ≥ 1 it still runs in-process, and the message and warnings say so once', async () => {
    const r = await optimize({ objective: rosenbrockOf(3), dimension: 3 }, { local: { method: 'lbfgs' }, maxRounds: 2, seed: 1, threads: 2 });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/problem\.objective is a function or an object.*in-process.*threads: 2 was not used/);
    expect(r.message.split('in-process').length - 1).toBe(1);
    expect(r.message.endsWith(r.warnings[0])).toBe(true);
    // In-process, so the result is the threads: 0 result.
    const zero = await optimize({ objective: rosenbrockOf(3), dimension: 3 }, { local: { method: 'lbfgs' }, maxRounds: 2, seed: 1, threads: 0 });
    expect(Array.from(r.theta)).toEqual(Array.from(zero.theta));
    expect(zero.warnings).toEqual([]);
  });

  it('an object { dimension, evaluate, init } uses its init, and reaches the minimum', async () => {
    const starts: number[][] = [];
    const evaluate = rosenbrockOf(2);
    const objective = {
      dimension: 2,
      init(rng: () => number, out: Float64Array) {
        out[0] = -1.2 + 0.1 * rng();
        out[1] = 1;
        starts.push(Array.from(out));
      },
      evaluate,
    };
    const r = await optimize({ objective }, { walkers: 2, local: { method: 'lbfgs' }, targetLoss: 1e-12, maxEvaluations: 20_000, seed: 2, threads: 0 });
    expect(starts.length).toBeGreaterThanOrEqual(2);
    for (const s of starts) expect(s[1]).toBe(1);
    expect(r.loss).toBeLessThanOrEqual(1e-12);
  });

  it('a function objective reaches the same minimum as its module twin with the same seed, bit for bit', async () => {
    const options: OptimizeOptions = { local: { method: 'lbfgs' }, targetLoss: 1e-10, maxEvaluations: 40_000, seed: 'twin', threads: 0 };
    const fromCode = await optimize({ objective: rosenbrockOf(6), dimension: 6 }, options);
    const fromModule = await optimize({ objective: { module: userObjectives, export: 'rosenbrock', args: { d: 6 } } }, options);
    expect(fromCode.loss).toBeLessThanOrEqual(1e-10);
    expect(Array.from(fromCode.theta)).toEqual(Array.from(fromModule.theta));
    expect(fromCode.loss).toBe(fromModule.loss);
    expect(fromCode.evaluations).toBe(fromModule.evaluations);
  });

  it('a checkpoint of a function problem resumes in the same process, equal to the run without a stop', async () => {
    const f = rosenbrockOf(4);
    const options: OptimizeOptions = { local: { method: 'gd', learningRate: 1e-3, stepsPerRound: 20 }, walkers: 2, seed: 'resume', threads: 0 };
    const whole = await optimize({ objective: f, dimension: 4 }, { ...options, maxRounds: 6 });
    // Issue 28: the final checkpoint is built only when asked for.
    const half = await optimize({ objective: f, dimension: 4 }, { ...options, maxRounds: 3, checkpoint: true });
    const rest = await optimize({ objective: f, dimension: 4 }, { ...options, maxRounds: 6, resume: half.checkpoint });
    expect(Array.from(rest.theta)).toEqual(Array.from(whole.theta));
    expect(rest.evaluations).toBe(whole.evaluations);
    // Another function is another problem: its checkpoint does not resume here.
    const other = await optimize({ objective: rosenbrockOf(4), dimension: 4 }, { ...options, maxRounds: 6, resume: half.checkpoint }).then(() => null, (e: unknown) => e);
    expect((other as NoBadMinimaError).code).toBe('RESUME_MISMATCH');
  });

  it('the same function given another dimension is another problem, not a cached one', async () => {
    const sphere = (x: Float64Array, g: Float64Array) => {
      let v = 0;
      for (let i = 0; i < x.length; i++) {
        v += x[i] * x[i];
        g[i] = 2 * x[i];
      }
      return v;
    };
    const options: OptimizeOptions = { augmentation: 'none', maxRounds: 1, seed: 1, threads: 0 };
    expect((await optimize({ objective: sphere, dimension: 2 }, options)).theta).toHaveLength(2);
    expect((await optimize({ objective: sphere, dimension: 5 }, options)).theta).toHaveLength(5);
  });

  it('createObjective accepts a function objective too', async () => {
    const obj = await createObjective({ objective: rosenbrockOf(2), dimension: 2 }, { augmentation: 'none' });
    const g = new Float64Array(2);
    expect(obj.evaluate(Float64Array.of(1, 1), g)).toBe(0);
    expect(Array.from(g)).toEqual([0, 0]);
  });
});

describe('a Model object runs in-process', () => {
  const data = { x: [[0], [1], [2], [3]], y: [1, 3, 5, 7] };
  it('fits, and equals its module twin with the same seed', async () => {
    const model = createLinear({ inputSize: 1, outputSize: 1 }) as Model;
    const options: OptimizeOptions = { augmentation: 'none', local: { method: 'lbfgs' }, targetLoss: 1e-12, maxEvaluations: 5_000, seed: 4, threads: 0 };
    const r = await optimize({ model, loss: 'squared', data }, options);
    expect(r.loss).toBeLessThanOrEqual(1e-12);
    expect(r.theta[0]).toBeCloseTo(2, 5);
    expect(r.theta[1]).toBeCloseTo(1, 5);
    const twin = await optimize({ model: { module: linearModule, export: 'createLinear', args: { inputSize: 1, outputSize: 1 } }, loss: 'squared', data }, options);
    expect(Array.from(r.theta)).toEqual(Array.from(twin.theta));
    const warned = await optimize({ model, loss: 'squared', data }, { ...options, threads: 1 });
    expect(warned.warnings[0]).toMatch(/problem\.model is a Model object/);
  });

  it('bounds on θ hold for a model too', async () => {
    const model = createLinear({ inputSize: 1, outputSize: 1 }) as Model;
    const r = await optimize({ model, loss: 'squared', data, bounds: [[0, 1.5], [-1, 1]] }, { augmentation: 'none', local: { method: 'gd', learningRate: 0.02 }, maxEvaluations: 4_000, seed: 4, threads: 0 });
    expect(r.theta[0]).toBe(1.5);
    expect(inBox(r.theta, [[0, 1.5], [-1, 1]])).toBe(true);
  });
});

describe('bounds, gradient: false and x0', () => {
  it('Branin on its box, value only, no augmentation: the known minimum 0.397887, never a call outside the box', async () => {
    let calls = 0;
    const f = (x: Float64Array) => {
      calls += 1;
      return branin(x);
    };
    const r = await optimize({ objective: f, dimension: 2, gradient: false, bounds: BRANIN_BOX }, { augmentation: 'none', local: { method: 'lbfgs' }, maxEvaluations: 10_000, seed: 3, threads: 0 });
    expect(Math.abs(r.loss - BRANIN_MIN)).toBeLessThan(1e-9);
    expect(inBox(r.theta, BRANIN_BOX)).toBe(true);
    // braninShifted throws outside the box: a throw would be a worker fault.
    expect(r.faults).toEqual({ numerical: 0, worker: 0, details: [] });
    // Every call is counted: 1 + 2n per value-and-gradient evaluation.
    expect(r.evaluations).toBe(calls);
  });

  it('the shifted Branin (min L = 0) with the default scalar augmentation reaches L ≤ 1e-8', async () => {
    const r = await optimize({ objective: braninShifted(), gradient: false, bounds: BRANIN_BOX }, { local: { method: 'lbfgs' }, targetLoss: 1e-8, maxEvaluations: 20_000, seed: 3, threads: 0 });
    expect(r.stopReason).toBe('target');
    expect(inBox(r.theta, BRANIN_BOX)).toBe(true);
  });

  it.each(['gd', 'nesterov', 'adam', 'lbfgs'] as const)('%s: a minimum outside the box ends on its wall, and every evaluated point is inside', async (method) => {
    const box: [number, number][] = [[1.5, 3], [-Infinity, Infinity], [-2, 0.5]];
    const outside: number[][] = [];
    const f = (x: Float64Array, g: Float64Array) => {
      if (!inBox(x.subarray(0, 3), box)) outside.push(Array.from(x));
      // Σ (x_i − 1)²: the bounded minimum is (1.5, 1, 0.5).
      let v = 0;
      for (let i = 0; i < 3; i++) {
        v += (x[i] - 1) ** 2;
        g[i] = 2 * (x[i] - 1);
      }
      return v + 0.5;
    };
    const r = await optimize({ objective: f, dimension: 3, bounds: box }, { augmentation: 'none', local: { method, learningRate: method === 'adam' ? 0.05 : 0.05 }, maxEvaluations: 8_000, seed: 5, threads: 0 });
    expect(outside).toEqual([]);
    expect(r.theta[0]).toBe(1.5);
    expect(r.theta[2]).toBe(0.5);
    expect(Math.abs(r.theta[1] - 1)).toBeLessThan(1e-3);
  });

  it('a single x0 starts every walker there: the first point evaluated is x0', async () => {
    const seen: number[][] = [];
    const f = (x: Float64Array, g: Float64Array) => {
      seen.push(Array.from(x.subarray(0, 2)));
      return rosenbrockOf(2)(x.subarray(0, 2), g);
    };
    await optimize({ objective: f, dimension: 2 }, { x0: [-1.2, 1], walkers: 2, local: { method: 'gd', learningRate: 1e-3, stepsPerRound: 5 }, maxRounds: 1, seed: 1, threads: 0 });
    expect(seen[0]).toEqual([-1.2, 1]);
    // Walker 1's round starts where walker 0's started.
    expect(seen.filter((p) => p[0] === -1.2 && p[1] === 1).length).toBe(2);
  });

  it('one x0 per walker; with gradient: false the first call of each walker is its x0', async () => {
    const seen: number[][] = [];
    const f = (x: Float64Array) => {
      seen.push(Array.from(x));
      return branin(x);
    };
    const x0 = [[0, 0], [9, 3], [-4, 14]];
    await optimize({ objective: f, dimension: 2, gradient: false, bounds: BRANIN_BOX }, { x0, walkers: 3, augmentation: 'none', local: { method: 'gd', learningRate: 1e-3, stepsPerRound: 5 }, maxRounds: 1, seed: 1, threads: 0 });
    // Each walker's round: 1 + 2n = 5 calls per evaluation, 5 evaluations, then the end statistics.
    const perWalker = seen.length / 3;
    for (let w = 0; w < 3; w++) expect(seen[w * perWalker]).toEqual(x0[w]);
  });

  it('threads 0 and 2 give the same result for a module objective with bounds and gradient: false', async () => {
    const problem: Problem = { objective: { module: userObjectives, export: 'braninShifted' }, gradient: false, bounds: BRANIN_BOX };
    const options: OptimizeOptions = { walkers: 3, local: { method: 'lbfgs', stepsPerRound: 60 }, maxRounds: 12, seed: 'threads', monitor: { patience: 2 } };
    const zero = await optimize(problem, { ...options, threads: 0 });
    const two = await optimize(problem, { ...options, threads: 2 });
    expect(zero.rounds).toBeGreaterThan(1);
    expectSameResult(two, zero);
    expect(two.warnings).toEqual([]);
    expect(inBox(zero.theta, BRANIN_BOX)).toBe(true);
  });
});

describe('bad input for each new field is refused, naming the field', () => {
  const f = rosenbrockOf(2);
  const cases: [string, Problem, OptimizeOptions, string, RegExp][] = [
    ['objective of no accepted form', { objective: 42 } as unknown as Problem, {}, 'problem.objective', /^problem\.objective: expected a function, an object with evaluate\(\), a module reference \{ module, export \} or a built-in \{ type \}, got 42$/],
    ['objective object whose evaluate is not a function', { objective: { dimension: 2, evaluate: 1 } } as unknown as Problem, {}, 'problem.objective', /expected a function, an object with evaluate\(\)/],
    ['function objective without dimension', { objective: f }, {}, 'problem.dimension', /^problem\.dimension: expected an integer ≥ 1: a function objective needs/],
    ['dimension 0', { objective: f, dimension: 0 }, {}, 'problem.dimension', /got 0$/],
    ['dimension disagreeing with the object', { objective: { dimension: 2, evaluate: f }, dimension: 3 }, {}, 'problem.dimension', /expected 2, the objective's own dimension/],
    ['init not a function', { objective: { dimension: 2, evaluate: f, init: 3 } } as unknown as Problem, {}, 'problem.objective.init', /got 3$/],
    ['gradient not a boolean', { objective: f, dimension: 2, gradient: 'no' } as unknown as Problem, {}, 'problem.gradient', /got "no"$/],
    ['bounds of the wrong length', { objective: f, dimension: 2, bounds: [[0, 1], [0, 1], [0, 1]] }, {}, 'problem.bounds', /2 pairs/],
    ['bounds low > high', { objective: f, dimension: 2, bounds: [[0, 1], [3, 1]] }, {}, 'problem.bounds[1]', /expected low ≤ high/],
    ['bounds with NaN', { objective: f, dimension: 2, bounds: [[0, NaN], [0, 1]] }, {}, 'problem.bounds[0][1]', /got NaN/],
    ['bounds not an array', { objective: f, dimension: 2, bounds: 5 } as unknown as Problem, {}, 'problem.bounds', /\[low, high\]/],
    ['model of no accepted form', { model: 42, loss: 'squared', data: { x: [[0]], y: [0] } } as unknown as Problem, {}, 'problem.model', /^problem\.model: expected a Model object \(forward, backward, jacobian, init\), a module reference \{ module, export \} or a built-in spec \{ type \}, got 42$/],
    ['model object missing backward', { model: { inputSize: 1, outputSize: 1, parameterCount: 2, init() {}, forward() {}, jacobian() {} } as unknown as Model, loss: 'squared', data: { x: [[0]], y: [0] } }, {}, 'problem.model', /^problem\.model: expected the model object to produce a Model .*backward/],
    ['x0 of the wrong length', { objective: f, dimension: 2 }, { x0: [1, 2, 3] }, 'options.x0', /2 numbers/],
    ['x0 with NaN', { objective: f, dimension: 2 }, { x0: [1, NaN] }, 'options.x0[1]', /expected a finite number, got NaN/],
    ['x0 outside the bounds', { objective: f, dimension: 2, bounds: [0, 1] }, { x0: [0.5, 2] }, 'options.x0[1]', /inside problem\.bounds: \[0, 1\]/],
    ['x0 per walker, wrong count', { objective: f, dimension: 2 }, { walkers: 3, x0: [[0, 0], [1, 1]] }, 'options.x0', /3 points/],
    ['x0 per walker, one bad point', { objective: f, dimension: 2 }, { walkers: 2, x0: [[0, 0], [1, Infinity]] }, 'options.x0[1][1]', /got Infinity/],
    ['x0 empty', { objective: f, dimension: 2 }, { x0: [] }, 'options.x0', /a point/],
  ];
  it.each(cases)('%s', async (_name, problem, options, field, message) => {
    const error = await optimize(problem, { threads: 0, maxRounds: 1, ...options }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(NoBadMinimaError);
    const e = error as NoBadMinimaError;
    expect(['INVALID_INPUT', 'INVALID_MODULE']).toContain(e.code);
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });
});
