import { describe, expect, it } from 'vitest';
import { NoBadMinimaError } from '../../src/errors.js';
import { adaptObjective } from '../../src/objectives/user.js';
import { seeded } from '../helpers/gradient-check.js';

/** Records the lengths it was called with; L = Σ θ², ∇L = 2θ over theta.length. */
function recording() {
  const seen: number[][] = [];
  return {
    seen,
    user: {
      dimension: 2,
      init(rng: () => number, out: Float64Array) {
        seen.push([out.length]);
        for (let i = 0; i < out.length; i++) out[i] = rng();
      },
      evaluate(theta: Float64Array, gradOut: Float64Array) {
        seen.push([theta.length, gradOut.length]);
        let value = 0;
        for (let i = 0; i < theta.length; i++) {
          value += theta[i] * theta[i];
          gradOut[i] = 2 * theta[i];
        }
        return value;
      },
    },
  };
}

describe('adaptObjective', () => {
  it('hands evaluate and init views of exactly dimension entries, sharing the caller’s memory', () => {
    const { seen, user } = recording();
    const f = adaptObjective(user, 'a test objective');
    expect(f.dimension).toBe(2);
    const z = Float64Array.of(3, 4, 100, 200);
    const grad = new Float64Array(4).fill(-1);
    expect(f.evaluate(z, grad)).toBe(25);
    expect(Array.from(grad)).toEqual([6, 8, -1, -1]);
    f.init(seeded('user'), z);
    expect([z[2], z[3]]).toEqual([100, 200]);
    expect(seen).toEqual([[2, 2], [2]]);
  });

  it('turns a throw into USER_CODE_FAULT naming the source, the method and the message', () => {
    const f = adaptObjective(
      {
        dimension: 1,
        evaluate() {
          throw new TypeError('boom: index 7 out of range');
        },
      },
      'problem.objective (export "create" of /abs/f.mjs)',
    );
    let thrown: unknown;
    try {
      f.evaluate(new Float64Array(3), new Float64Array(3));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NoBadMinimaError);
    const error = thrown as NoBadMinimaError;
    expect(error.code).toBe('USER_CODE_FAULT');
    expect(error.field).toBe('problem.objective');
    expect(error.message).toMatch(/^problem\.objective \(export "create" of \/abs\/f\.mjs\): evaluate\(theta, gradOut\) threw TypeError: boom: index 7 out of range \(at .*user\.test\.ts:\d+:\d+\)+$/);
    expect((error.details.cause as Error).message).toBe('boom: index 7 out of range');
  });

  it('passes a NUMERICAL_FAULT through as it is, so the walker is reset as after a NaN', () => {
    const numerical = new NoBadMinimaError('NUMERICAL_FAULT', 'objective.evaluate: NaN');
    const f = adaptObjective(
      {
        dimension: 1,
        evaluate() {
          throw numerical;
        },
      },
      'src',
    );
    expect(() => f.evaluate(new Float64Array(1), new Float64Array(1))).toThrow(numerical);
  });

  it('without init, init throws INVALID_INPUT naming the field', () => {
    const f = adaptObjective({ dimension: 1, evaluate: () => 0 }, 'src', 'problem.objective');
    expect(() => f.init(seeded('x'), new Float64Array(1))).toThrow('problem.objective.init: expected a function init(rng, out) that draws a starting point, got undefined');
  });
});
