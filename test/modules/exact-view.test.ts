import { describe, expect, it } from 'vitest';
import { NoBadMinimaError } from '../../src/errors.js';
import { ExactView } from '../../src/modules/exact-view.js';

describe('ExactView', () => {
  it('passes a vector of exactly its length through, and views a longer one without copying', () => {
    const view = new ExactView(3, 'theta');
    const exact = new Float64Array(3);
    expect(view.of(exact)).toBe(exact);
    const z = Float64Array.of(1, 2, 3, 4, 5);
    const v = view.of(z);
    expect(Array.from(v)).toEqual([1, 2, 3]);
    v[1] = 20;
    expect(z[1]).toBe(20);
    expect(v.buffer).toBe(z.buffer);
  });

  it('makes one view per buffer and keeps two, as an L-BFGS step alternates x and its trial', () => {
    const view = new ExactView(2, 'theta');
    const [x, trial, third] = [new Float64Array(4), new Float64Array(4), new Float64Array(4)];
    const vx = view.of(x);
    const vt = view.of(trial);
    expect(vx).not.toBe(vt);
    for (let k = 0; k < 3; k++) {
      expect(view.of(x)).toBe(vx);
      expect(view.of(trial)).toBe(vt);
    }
    // A third buffer takes the oldest slot; its view still shows its own memory.
    const v3 = view.of(third);
    third[0] = 7;
    expect(v3[0]).toBe(7);
    expect(view.of(trial)).toBe(vt);
    expect(view.of(x)).not.toBe(vx);
    expect(view.of(x).buffer).toBe(x.buffer);
  });

  it('refuses a vector shorter than its length, naming it', () => {
    const view = new ExactView(3, 'gradOut');
    expect(() => view.of(new Float64Array(2))).toThrow(NoBadMinimaError);
    expect(() => view.of(new Float64Array(2))).toThrow('gradOut: expected at least 3 values, got a Float64Array of length 2');
  });
});
