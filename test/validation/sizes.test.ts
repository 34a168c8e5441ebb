/**
 * Issue 28: sizes are checked before any work, with a coded error naming the field and, for
 * memory, the estimate. Before, walkers 1e9 ended the process with a heap OOM, rastrigin of
 * dimension 1e9 reached 17.5 GB, and a module reporting dimension 1e12 threw a bare RangeError.
 */
import { describe, expect, it } from 'vitest';
import { NoBadMinimaError, optimize } from '../../src/index.js';
import { resolveOptions } from '../../src/options.js';
import { checkRunSize, estimateRunBytes, memoryLimitBytes } from '../../src/problem/size-limits.js';
import type { PreparedProblem } from '../../src/problem/types.js';

const hostile = new URL('../fixtures/modules/hostile.mjs', import.meta.url).href;

async function refusal(run: Promise<unknown>): Promise<NoBadMinimaError> {
  const error = await run.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(NoBadMinimaError);
  return error as NoBadMinimaError;
}

describe('bounded sizes', () => {
  it('walkers 1e9 is refused naming options.walkers', async () => {
    const e = await refusal(optimize({ objective: { type: 'rastrigin', dimension: 2 } }, { walkers: 1e9, threads: 0 }));
    expect([e.code, e.field]).toEqual(['INVALID_INPUT', 'options.walkers']);
    expect(e.message).toContain('≤ 10000');
  });

  it('rastrigin of dimension 1e9 is refused, and 1e8 with the estimated memory', async () => {
    const e9 = await refusal(optimize({ objective: { type: 'rastrigin', dimension: 1e9 } }, { threads: 0, maxRounds: 1 }));
    expect([e9.code, e9.field]).toEqual(['INVALID_INPUT', 'problem.objective.dimension']);
    const e = await refusal(optimize({ objective: { type: 'rastrigin', dimension: 1e8 } }, { threads: 0, maxRounds: 1 }));
    expect([e.code, e.field]).toEqual(['INVALID_INPUT', 'problem.objective.dimension']);
    expect(e.message).toMatch(/estimated \d+\.\d\d GiB/);
    expect(e.details.estimatedBytes as number).toBeGreaterThan(e.details.limitBytes as number);
  });

  it('a module reporting dimension 1e12 gets a coded error, not a RangeError', async () => {
    const e = await refusal(optimize({ objective: { module: hostile, export: 'hugeDimension' } }, { threads: 0, maxRounds: 1 }));
    expect([e.code, e.field]).toEqual(['INVALID_INPUT', 'problem.objective.dimension']);
  });

  it('data rows × width count in the estimate: 1e9 rows of 2 entries are refused naming problem.data', () => {
    const m = 1e9;
    const prepared = { kind: 'model', id: 'x', m, inputSize: 1, outputSize: 1, parameterCount: 4, x: { length: m }, y: { length: m } } as unknown as PreparedProblem;
    const o = resolveOptions({ threads: 1 }, 'model');
    expect(estimateRunBytes(prepared, o)).toBeGreaterThanOrEqual(16 * m);
    const e = (() => {
      try {
        checkRunSize(prepared, o);
      } catch (error) {
        return error as NoBadMinimaError;
      }
      return null;
    })();
    // 16 GB of data is over the limit on any machine with less than 32 GB; above that, 4e9 rows are.
    if (memoryLimitBytes() < 16 * m) {
      expect([e?.code, e?.field]).toEqual(['INVALID_INPUT', 'problem.data']);
    }
    const bigger = { ...prepared, m: 4 * m, x: { length: 4 * m }, y: { length: 4 * m } } as unknown as PreparedProblem;
    expect(() => checkRunSize(bigger, o)).toThrow(/problem\.data: the run would need an estimated/);
  });

  it('a d = 1e6 L-BFGS run of 4 walkers is within bounds (estimate under 2.5 GB)', () => {
    const prepared = { kind: 'objective', id: 'x', objective: { type: 'rastrigin', dimension: 1e6 }, dimension: 1e6 } as PreparedProblem;
    const o = resolveOptions({ threads: 2, local: { method: 'lbfgs' } }, 'objective');
    expect(estimateRunBytes(prepared, o)).toBeLessThan(2.5e9);
    if (memoryLimitBytes() >= 2.5e9) expect(() => checkRunSize(prepared, o)).not.toThrow();
  });
});
