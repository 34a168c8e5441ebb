/**
 * createObjective()'s options go through the same schema entries as optimize()'s: the same
 * defaults, and the same messages for a bad value or an unknown key.
 */
import { describe, expect, it } from 'vitest';
import { createObjective, NoBadMinimaError } from '../../src/index.js';

const square = { objective: (x: Float64Array, g: Float64Array) => { g[0] = 2 * x[0]; return x[0] * x[0]; }, dimension: 1 };

describe('createObjective options', () => {
  it.each([
    [{ lambda: 0 }, 'options.lambda', 'options.lambda: expected a finite number > 0, got 0'],
    [{ lambda: Number.NaN }, 'options.lambda', 'options.lambda: expected a finite number > 0, got NaN'],
    [{ augmentation: 'neuron' }, 'options.augmentation', "options.augmentation: expected 'scalar' or 'none' for an objective problem (the neuron needs a model), got \"neuron\""],
    [{ augmentation: 'exp' }, 'options.augmentation', "options.augmentation: expected 'neuron', 'scalar' or 'none', got \"exp\""],
    [{ lamda: 1 }, 'options.lamda', 'options.lamda: expected no such option (known: augmentation, lambda), got 1'],
  ])('%j is refused, naming %s', async (options, field, message) => {
    const error = await createObjective(square, options as never).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(NoBadMinimaError);
    expect((error as NoBadMinimaError).code).toBe('INVALID_INPUT');
    expect((error as NoBadMinimaError).field).toBe(field);
    expect((error as Error).message).toBe(message);
  });

  it('defaults to the scalar unit and λ = 1 for an objective: L̃ = L·(1 + (a·e^b − 1)²) + λa²', async () => {
    const obj = await createObjective(square);
    expect(obj.dimension).toBe(3);
    // θ = 0.5, a = 2, b = 0: 0.25·(1 + 1) + 1·4 = 4.5.
    expect(obj.evaluate(Float64Array.from([0.5, 2, 0]), null)).toBeCloseTo(4.5, 14);
  });
});
