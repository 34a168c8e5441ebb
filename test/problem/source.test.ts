import { describe, expect, it } from 'vitest';
import { NoBadMinimaError } from '../../src/errors.js';
import { prepareProblem } from '../../src/problem/prepare.js';
import { attributeFault, problemSource } from '../../src/problem/source.js';

const modules = new URL('../fixtures/modules/exact-theta.mjs', import.meta.url).href;

describe('attributeFault', () => {
  it("names a user module's export and file, the thrown message and the frame it was thrown at", async () => {
    const prepared = await prepareProblem({ objective: { module: modules, export: 'boom' } });
    expect(problemSource(prepared)).toEqual({ source: `problem.objective (export "boom" of ${modules})`, field: 'problem.objective' });
    const thrown = new TypeError('boom: index 7 out of range');
    const error = attributeFault(thrown, prepared) as NoBadMinimaError;
    expect(error).toBeInstanceOf(NoBadMinimaError);
    expect(error.code).toBe('USER_CODE_FAULT');
    expect(error.field).toBe('problem.objective');
    expect(error.message).toMatch(new RegExp(`^problem\\.objective \\(export "boom" of .*exact-theta\\.mjs\\) threw TypeError: boom: index 7 out of range \\(at .*source\\.test\\.ts:\\d+:\\d+\\)+$`));
    expect(error.details.cause).toBe(thrown);
    // A thrown non-Error is shown as a value.
    expect((attributeFault('oops', prepared) as NoBadMinimaError).message).toBe(`problem.objective (export "boom" of ${modules}) threw "oops"`);
  });

  it("passes the package's own errors, and any error of a problem with no user code, through as they are", async () => {
    const user = await prepareProblem({ objective: { module: modules, export: 'boom' } });
    const numerical = new NoBadMinimaError('NUMERICAL_FAULT', 'objective.evaluate: NaN');
    expect(attributeFault(numerical, user)).toBe(numerical);
    const builtin = await prepareProblem({ objective: { type: 'rastrigin', dimension: 2 } });
    expect(problemSource(builtin)).toBeNull();
    const plain = new Error('x');
    expect(attributeFault(plain, builtin)).toBe(plain);
  });
});
