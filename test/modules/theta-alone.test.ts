/** ExactObjective and ExactModel: the one place where objectives and models get views of θ alone. */
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { NoBadMinimaError } from '../../src/errors.js';
import { ExactModel, ExactObjective } from '../../src/modules/theta-alone.js';
import { userObjective } from '../../src/objectives/user.js';
import type { Model } from '../../src/types.js';

const whose = { field: 'problem.objective', source: 'problem.objective (function objective)' };

function thrown(f: () => unknown): NoBadMinimaError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(NoBadMinimaError);
    return error as NoBadMinimaError;
  }
  throw new Error('expected a throw');
}

describe('ExactObjective', () => {
  it('the user’s code sees θ and ∇ of exactly `dimension` entries, however long the walker’s z, and one view per buffer', () => {
    const seen: Float64Array[] = [];
    const adapted = userObjective((x, g) => {
      seen.push(x, g);
      g[0] = 1;
      return x[0];
    }, { dimension: 1, gradient: true, bounds: null, field: 'problem.objective' });
    const f = new ExactObjective(adapted, whose, true);
    const z = Float64Array.of(3, 7, 8);
    const grad = Float64Array.of(5, 5, 5);
    expect(f.evaluate(z, grad)).toBe(3);
    f.evaluate(z, grad);
    expect(seen.map((v) => v.length)).toEqual([1, 1, 1, 1]);
    expect(Array.from(grad)).toEqual([1, 5, 5]);
    // No copy: the views share z's and grad's memory, and are made once.
    expect(seen[0].buffer).toBe(z.buffer);
    expect(seen[2]).toBe(seen[0]);
    expect(seen[3]).toBe(seen[1]);
    // Value-only calls get a gradient buffer of their own, of the same length, and leave grad alone.
    expect(f.evaluate(z, null)).toBe(3);
    expect(seen[5].length).toBe(1);
    expect(seen[5].buffer).not.toBe(grad.buffer);
  });

  it('a non-finite value or gradient entry is a NUMERICAL_FAULT naming whose evaluate it was, what it gave and where', () => {
    let value = NaN;
    let entry = 0;
    const f = new ExactObjective({ dimension: 2, init() {}, evaluate: (_x, g) => ((g[0] = 0), (g[1] = entry), value) }, whose, true);
    let e = thrown(() => f.evaluate(new Float64Array(4), new Float64Array(4)));
    expect([e.code, e.field, e.message]).toEqual(['NUMERICAL_FAULT', 'problem.objective', 'problem.objective (function objective): evaluate(theta, gradOut) returned NaN']);
    value = -Infinity;
    e = thrown(() => f.evaluate(new Float64Array(2), new Float64Array(2)));
    expect(e.message).toBe('problem.objective (function objective): evaluate(theta, gradOut) returned -Infinity');
    value = 1;
    entry = Infinity;
    e = thrown(() => f.evaluate(new Float64Array(4), new Float64Array(4)));
    expect([e.code, e.message, e.details.index]).toEqual(['NUMERICAL_FAULT', 'problem.objective (function objective): evaluate(theta, gradOut) wrote gradOut[1] = Infinity', 1]);
    // Value-only calls do not check the gradient nobody asked for.
    expect(f.evaluate(new Float64Array(2), null)).toBe(1);
  });

  it('gradient: false names evaluate(theta), and a difference step that was not finite', () => {
    const g = new Float64Array(1);
    const f = new ExactObjective(userObjective((x: Float64Array) => (x[0] > 1 ? NaN : x[0] ** 2), { dimension: 1, gradient: false, bounds: null, field: 'problem.objective' }), whose, false);
    expect(thrown(() => f.evaluate(Float64Array.of(2), g)).message).toBe('problem.objective (function objective): evaluate(theta) returned NaN');
    // At 1, the value is finite and the step above it is not.
    expect(thrown(() => f.evaluate(Float64Array.of(1), g)).message).toBe(
      "problem.objective (function objective): the central-difference gradient's entry 0 is NaN (evaluate(theta) at a difference step was not finite)",
    );
    expect(f.evaluate(Float64Array.of(0.5), g)).toBe(0.25);
  });

  it('an evaluate that returns no number is INVALID_MODULE naming evaluate', () => {
    const f = new ExactObjective({ dimension: 1, init() {}, evaluate: () => '1.5' as unknown as number }, whose, true);
    const e = thrown(() => f.evaluate(new Float64Array(1), new Float64Array(1)));
    expect([e.code, e.field]).toEqual(['INVALID_MODULE', 'problem.objective.evaluate']);
    expect(e.message).toBe('problem.objective.evaluate: expected evaluate to return a number, got "1.5" (problem.objective (function objective))');
  });
});

describe('ExactModel', () => {
  const P = 2;
  const seen: number[] = [];
  let outValue = 0;
  let gradValue = 0;
  const model: Model = {
    inputSize: 1,
    outputSize: 1,
    parameterCount: P,
    init: (_rng, theta) => (seen.push(theta.length), theta.fill(5)),
    forward: (theta, _x, m, out) => (seen.push(theta.length), out.fill(outValue, 0, m)),
    backward: (theta, _x, _m, _dOut, grad) => (seen.push(theta.length, grad.length), grad.fill(gradValue)),
    jacobian: (theta) => (seen.push(theta.length), new Matrix([[1, 1]])),
  };
  const exact = new ExactModel(model, { field: 'problem.model', source: 'problem.model (Model object)' }, { lower: Float64Array.of(0, 0), upper: Float64Array.of(1, 10) });

  it('forward, backward, jacobian and init see θ and its gradient of parameterCount entries; init is clipped into the box', () => {
    seen.length = 0;
    const z = new Float64Array(5);
    const grad = Float64Array.of(9, 9, 9, 9, 9);
    exact.forward(z, Float64Array.of(1), 1, new Float64Array(1));
    exact.backward(z, Float64Array.of(1), 1, Float64Array.of(1), grad);
    exact.jacobian(z, Float64Array.of(1));
    exact.init(() => 0.5, z);
    expect(seen).toEqual([P, P, P, P, P]);
    expect(Array.from(grad)).toEqual([0, 0, 9, 9, 9]);
    expect(Array.from(z)).toEqual([1, 5, 0, 0, 0]);
  });

  it('numericalFault blames forward for a non-finite output, backward for a non-finite gradient from a finite dOut, and nothing else', () => {
    const out = Float64Array.of(1, NaN);
    const e = exact.numericalFault(out, null, null)!;
    expect([e.code, e.field, e.message]).toEqual(['NUMERICAL_FAULT', 'problem.model', 'problem.model (Model object): forward(theta, x, m, out) wrote out[1] = NaN']);
    const finite = Float64Array.of(1, 2);
    const grad = Float64Array.of(0, -Infinity, NaN);
    expect(exact.numericalFault(finite, Float64Array.of(1, 1), grad)!.message).toBe('problem.model (Model object): backward(theta, x, m, dOut, grad) wrote grad[1] = -Infinity');
    // A non-finite dOut is the loss's, not the model's; entries past θ's are the augmentation's.
    expect(exact.numericalFault(finite, Float64Array.of(Infinity, 1), grad)).toBeNull();
    expect(exact.numericalFault(finite, Float64Array.of(1, 1), Float64Array.of(0, 0, NaN))).toBeNull();
  });
});
