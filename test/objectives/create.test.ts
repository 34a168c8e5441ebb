import { describe, expect, it } from 'vitest';
import type { NoBadMinimaError } from '../../src/errors.js';
import { createObjectiveFunction } from '../../src/objectives/index.js';
import type { BuiltinObjectiveSpec } from '../../src/types.js';
import { thrownError } from '../helpers/errors.js';

function errorOf(spec: unknown): NoBadMinimaError {
  return thrownError(() => createObjectiveFunction(spec as BuiltinObjectiveSpec), `no error for ${JSON.stringify(spec)}`);
}

describe('createObjectiveFunction', () => {
  it('builds the built-in objectives with their dimensions and defaults', () => {
    expect(createObjectiveFunction({ type: 'rastrigin', dimension: 5 }).dimension).toBe(5);
    expect(createObjectiveFunction({ type: 'rastrigin', dimension: 2, initRange: 1.5 }).dimension).toBe(2);
    expect(createObjectiveFunction({ type: 'safran-shamir', k: 8 }).dimension).toBe(64);
    expect(createObjectiveFunction({ type: 'safran-shamir', k: 8, n: 10 }).dimension).toBe(80);
  });

  it.each([
    [{ type: 'rastrigin', dimension: 0 }, 'objective.dimension', 'objective.dimension: expected an integer ≥ 1, got 0'],
    [{ type: 'rastrigin', dimension: 2.5 }, 'objective.dimension', 'objective.dimension: expected an integer ≥ 1, got 2.5'],
    [{ type: 'rastrigin', dimension: '2' }, 'objective.dimension', 'objective.dimension: expected an integer ≥ 1, got "2"'],
    [{ type: 'rastrigin' }, 'objective.dimension', 'objective.dimension: expected an integer ≥ 1, got undefined'],
    [{ type: 'rastrigin', dimension: 2, initRange: 0 }, 'objective.initRange', 'objective.initRange: expected a finite number > 0, got 0'],
    [{ type: 'rastrigin', dimension: 2, initRange: Infinity }, 'objective.initRange', 'objective.initRange: expected a finite number > 0, got Infinity'],
    [{ type: 'rastrigin', dimension: 2, initRange: Number.NaN }, 'objective.initRange', 'objective.initRange: expected a finite number > 0, got NaN'],
    [{ type: 'safran-shamir', k: 0 }, 'objective.k', 'objective.k: expected an integer ≥ 1, got 0'],
    [{ type: 'safran-shamir', k: -3 }, 'objective.k', 'objective.k: expected an integer ≥ 1, got -3'],
    [{ type: 'safran-shamir', k: 4, n: 1.5 }, 'objective.n', 'objective.n: expected an integer ≥ 1, got 1.5'],
    [{ type: 'safran-shamir', k: 4, n: null }, 'objective.n', 'objective.n: expected an integer ≥ 1, got null'],
    [{ type: 'ackley', dimension: 2 }, 'objective.type', `objective.type: expected 'rastrigin' or 'safran-shamir', got "ackley"`],
    [null, 'objective', 'objective: expected'],
    [[1, 2], 'objective', 'objective: expected'],
  ])('rejects %j', (spec, field, message) => {
    const error = errorOf(spec);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(field);
    expect(error.message.startsWith(message)).toBe(true);
  });
});

describe('createObjectiveFunction field paths', () => {
  it('prefixes messages with the path the caller gives', () => {
    try {
      createObjectiveFunction({ type: 'safran-shamir', k: 0 }, 'problem.objective');
      throw new Error('no error');
    } catch (error) {
      expect((error as NoBadMinimaError).field).toBe('problem.objective.k');
      expect((error as Error).message).toBe('problem.objective.k: expected an integer ≥ 1, got 0');
    }
  });
});
