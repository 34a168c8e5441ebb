/**
 * Issue 28, item 6: inputs that used to slip through get a coded error naming the field.
 */
import { describe, expect, it } from 'vitest';
import { NoBadMinimaError, optimize } from '../../src/index.js';
import { loadModuleExport } from '../../src/modules/load-module.js';

const hostile = new URL('../fixtures/modules/hostile.mjs', import.meta.url).href;
const objectives = new URL('../fixtures/modules/objectives.mjs', import.meta.url).href;
const rastrigin = { objective: { type: 'rastrigin' as const, dimension: 2 } };

async function refusal(run: Promise<unknown>): Promise<NoBadMinimaError> {
  const error = await run.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(NoBadMinimaError);
  return error as NoBadMinimaError;
}

describe('the remaining inputs', () => {
  it.each([
    ['maxRounds', 2.5],
    ['maxEvaluations', 1000.5],
  ])('%s %s: an integer is expected', async (key, value) => {
    for (const threads of [0, 2]) {
      const e = await refusal(optimize(rastrigin, { threads, [key]: value }));
      expect([e.code, e.field]).toEqual(['INVALID_INPUT', `options.${key}`]);
      expect(e.message).toContain('an integer ≥ 1');
    }
  });

  it('a budget below one round (walkers × 2) is refused instead of a loss of NaN', async () => {
    const e = await refusal(optimize(rastrigin, { threads: 0, walkers: 4, maxEvaluations: 7 }));
    expect([e.code, e.field]).toEqual(['INVALID_INPUT', 'options.maxEvaluations']);
    // Exactly one round's worth runs.
    const r = await optimize(rastrigin, { threads: 0, walkers: 4, maxEvaluations: 8 });
    expect(Number.isFinite(r.loss)).toBe(true);
  });

  it('a function inside a module\'s args is refused naming its path', async () => {
    const problem = { objective: { module: objectives, export: 'faultyQuadratic', args: { nested: [1, { f: () => 1 }] } } };
    const e = await refusal(optimize(problem, { threads: 0, maxRounds: 1 }));
    expect([e.code, e.field]).toEqual(['INVALID_INPUT', 'problem.objective.args.nested[1].f']);
  });

  it('NaN inside args is refused (JSON would turn it into null)', async () => {
    const problem = { objective: { module: objectives, export: 'faultyQuadratic', args: { nanBelow: NaN } } };
    const e = await refusal(optimize(problem, { threads: 0, maxRounds: 1 }));
    expect(e.field).toBe('problem.objective.args.nanBelow');
  });

  it('a factory whose promise never settles is refused after the timeout', async () => {
    const e = await refusal(loadModuleExport({ module: hostile, export: 'neverSettles' }, 'problem.objective', 50));
    expect([e.code, e.field]).toEqual(['INVALID_MODULE', 'problem.objective.export']);
    expect(e.message).toContain('settle within 50 ms');
  });

  it('evaluate returning a string: the fault names evaluate', async () => {
    const e = await refusal(optimize({ objective: { module: hostile, export: 'returnsString' } }, { threads: 0, walkers: 2, maxRounds: 10 }));
    expect(e.code).toBe('ALL_WALKERS_FAULTED');
    expect(e.message).toContain('objective.evaluate: expected evaluate to return a number, got "');
  });

  it('field paths are not doubled: a missing module is problem.objective.module', async () => {
    const e = await refusal(optimize({ objective: { module: '/nonexistent/nope.mjs' } }, { threads: 0 }));
    expect(e.field).toBe('problem.objective.module');
    expect(e.message).not.toContain('module.module');
  });

  it('module: 42 is reported as problem.objective.module, not objective.type', async () => {
    const e = await refusal(optimize({ objective: { module: 42 } } as never, { threads: 0 }));
    expect([e.code, e.field]).toEqual(['INVALID_MODULE', 'problem.objective.module']);
    expect(e.message).toContain('got 42');
  });
});
