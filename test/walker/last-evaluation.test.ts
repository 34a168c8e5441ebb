import { describe, expect, it } from 'vitest';
import type { Differentiable } from '../../src/types.js';
import { LastEvaluation } from '../../src/walker/last-evaluation.js';

const square: Differentiable = {
  dimension: 2,
  evaluate(z, grad) {
    if (grad !== null) {
      grad[0] = 2 * z[0];
      grad[1] = 2 * z[1];
    }
    return z[0] * z[0] + z[1] * z[1];
  },
};

describe('LastEvaluation', () => {
  it('is at the last point evaluated with a gradient, with that gradient', () => {
    const last = new LastEvaluation(2);
    const f = last.track(square);
    const g = new Float64Array(2);
    f.evaluate(Float64Array.of(1, 2), g);
    expect(last.isAt(Float64Array.of(1, 2))).toBe(true);
    expect(Array.from(last.grad)).toEqual([2, 4]);
    expect(last.isAt(Float64Array.of(1, 2.0000001))).toBe(false);
    // The caller may overwrite its own buffer: the tracker kept a copy.
    g.fill(0);
    expect(Array.from(last.grad)).toEqual([2, 4]);
  });

  it('forgets on a value-only evaluation, on invalidate() and on reset()', () => {
    const last = new LastEvaluation(2);
    const f = last.track(square);
    const g = new Float64Array(2);
    f.evaluate(Float64Array.of(1, 2), g);
    f.evaluate(Float64Array.of(1, 2), null);
    expect(last.isAt(Float64Array.of(1, 2))).toBe(false);
    f.evaluate(Float64Array.of(1, 2), g);
    last.invalidate();
    expect(last.isAt(Float64Array.of(1, 2))).toBe(false);
    f.evaluate(Float64Array.of(1, 2), g);
    last.reset();
    expect(last.isAt(Float64Array.of(1, 2))).toBe(false);
  });

  it('forgets when the evaluation throws', () => {
    const last = new LastEvaluation(1);
    const f = last.track({ dimension: 1, evaluate: () => { throw new Error('boom'); } });
    last.track(square);
    expect(() => f.evaluate(Float64Array.of(1), new Float64Array(1))).toThrow('boom');
    expect(last.isAt(Float64Array.of(1))).toBe(false);
  });
});
