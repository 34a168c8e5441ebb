/**
 * Issue 27: a user objective's evaluate(theta, gradOut) and a user model's methods see θ alone, of
 * their own size, under every augmentation and in worker threads too. The fixture modules loop over
 * theta.length and throw when a length is not their own size (test/fixtures/modules/exact-theta.mjs),
 * so a package that passed them z = [θ, auxiliary] would fail these runs with worker faults.
 */
import { describe, expect, it } from 'vitest';
import { createObjective, optimize } from '../../src/index.js';
import type { Augmentation, OptimizeOptions, Problem } from '../../src/index.js';
import { numericGradient, relativeError, seeded, uniformArray } from '../helpers/gradient-check.js';

const modules = new URL('../fixtures/modules/exact-theta.mjs', import.meta.url).href;
const D = 3;
const rastrigin: Problem = { objective: { module: modules, export: 'rastrigin', args: { dimension: D } } };

/** Σ x² + 20 sin²(πx) over the first D entries: the fixture's Rastrigin, written out here. */
function rastriginValue(theta: ArrayLike<number>): number {
  let value = 0;
  for (let i = 0; i < D; i++) value += theta[i] ** 2 + 20 * Math.sin(Math.PI * theta[i]) ** 2;
  return value;
}

// y = 2·x₀ − x₁ + 0.5 exactly: the linear model fits it with L = 0 at θ = (2, −1, 0.5).
const dataRng = seeded('theta-alone-data');
const xs = Array.from({ length: 8 }, () => Array.from(uniformArray(dataRng, 2)));
const linear = (args: Record<string, unknown> = {}): Problem => ({
  model: { module: modules, export: 'linear', args: { inputSize: 2, ...args } },
  loss: 'squared',
  data: { x: xs, y: xs.map(([a, b]) => 2 * a - b + 0.5) },
});
const FIT = [2, -1, 0.5];

describe('a user objective sees θ of its own dimension', () => {
  it.each(['scalar', 'none'] as Augmentation[])('%s: evaluate gets views of length 3; L and ∇L̃ are the objective of θ alone', async (augmentation) => {
    const obj = await createObjective(rastrigin, { augmentation, lambda: 0.5 });
    expect(obj.thetaSize).toBe(D);
    const z = uniformArray(seeded(`theta-alone-${augmentation}`), obj.dimension, -0.4, 0.4);
    const grad = new Float64Array(obj.dimension);
    const value = obj.evaluate(z, grad);
    expect(obj.stats.loss).toBeCloseTo(rastriginValue(z), 12);
    if (augmentation === 'none') expect(value).toBe(obj.stats.loss);
    // The fixture's hand-derived gradient, through the views, against central differences of L̃.
    const numeric = numericGradient((p) => obj.evaluate(p, null), z);
    expect(relativeError(grad, numeric)).toBeLessThan(1e-7);
  });

  it.each([
    ['scalar', 0],
    ['scalar', 2],
    ['none', 0],
    ['none', 2],
  ] as [Augmentation, number][])('%s, threads %i: the run reaches the global minimum 0 with no fault', async (augmentation, threads) => {
    const options: OptimizeOptions = { augmentation, threads, walkers: 3, seed: 27, local: { method: 'gd', learningRate: 2e-3, stepsPerRound: 50 }, targetLoss: 1e-12, maxRounds: 40 };
    const r = await optimize(rastrigin, options);
    expect(r.faults).toEqual({ numerical: 0, worker: 0, details: [] });
    expect(r.stopReason).toBe('target');
    expect(r.theta.length).toBe(D);
    expect(r.loss).toBeLessThanOrEqual(1e-12);
    expect(rastriginValue(r.theta)).toBe(r.loss);
    for (const t of r.theta) expect(Math.abs(t)).toBeLessThan(1e-6);
  });
});

describe('a user model sees θ of its own parameter count', () => {
  it.each(['neuron', 'scalar', 'none'] as Augmentation[])('%s: forward and backward get length-3 views; ∇L̃ checks against central differences', async (augmentation) => {
    const obj = await createObjective(linear(), { augmentation, lambda: 0.5 });
    expect(obj.thetaSize).toBe(3);
    const z = uniformArray(seeded(`theta-alone-model-${augmentation}`), obj.dimension, -0.5, 0.5);
    const grad = new Float64Array(obj.dimension);
    obj.evaluate(z, grad);
    const numeric = numericGradient((p) => obj.evaluate(p, null), z);
    expect(relativeError(grad, numeric)).toBeLessThan(1e-7);
  });

  const runs: [Augmentation, number, 'lbfgs' | 'levenberg-marquardt'][] = [];
  for (const augmentation of ['neuron', 'scalar', 'none'] as Augmentation[]) for (const threads of [0, 2]) runs.push([augmentation, threads, 'lbfgs']);
  // Levenberg–Marquardt is what calls the model's jacobian.
  runs.push(['none', 0, 'levenberg-marquardt'], ['neuron', 2, 'levenberg-marquardt']);

  it.each(runs)('%s, threads %i, %s: the run fits the data exactly with no fault', async (augmentation, threads, method) => {
    const r = await optimize(linear(), { augmentation, threads, walkers: 2, seed: 27, local: { method, stepsPerRound: 20 }, targetLoss: 1e-14, maxRounds: 30 });
    expect(r.faults).toEqual({ numerical: 0, worker: 0, details: [] });
    expect(r.stopReason).toBe('target');
    expect(r.theta.length).toBe(3);
    for (let j = 0; j < 3; j++) expect(r.theta[j]).toBeCloseTo(FIT[j], 6);
  });
});
