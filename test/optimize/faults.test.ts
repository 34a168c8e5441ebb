/**
 * Numerical and worker faults from user modules built to fault at known points: the walker is
 * reset, the fault is counted, and the run goes on; if every walker keeps faulting, the run stops
 * with ALL_WALKERS_FAULTED carrying the best result so far.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NoBadMinimaError, optimize } from '../../src/index.js';
import type { OptimizeOptions } from '../../src/index.js';

const objectives = new URL('../fixtures/modules/objectives.mjs', import.meta.url).href;
const models = new URL('../fixtures/modules/models.mjs', import.meta.url).href;
const scratch = mkdtempSync(join(tmpdir(), 'nbm-faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const faulty = (args: Record<string, unknown>) => ({ objective: { module: objectives, export: 'faultyQuadratic', args } });
// Eight walkers from U[−2, 2]: some start in the fault region θ₀ < −1 (a quarter of the box).
const base: OptimizeOptions = { walkers: 8, local: { method: 'gd', learningRate: 0.1, stepsPerRound: 20 }, targetLoss: 1e-10, maxRounds: 200, seed: 5 };

describe('numerical faults', () => {
  it.each([
    ['a NaN value', { nanBelow: -1 }],
    ['an infinite gradient', { infGradBelow: -1 }],
  ])('%s resets the walker, is counted, and the run goes on', async (_name, args) => {
    const r = await optimize(faulty(args), { ...base, threads: 0 });
    expect(r.faults.numerical).toBeGreaterThan(0);
    expect(r.stopReason).toBe('target');
    expect(r.loss).toBeLessThanOrEqual(1e-10);
    expect(Number.isFinite(r.loss)).toBe(true);
    const faultRecords = r.history.flatMap((h) => h.walkers).filter((w) => w.verdict === 'fault');
    expect(faultRecords.length).toBe(r.faults.numerical);
  });

  it('a NaN from a user model is a fault too, with the neuron augmentation', async () => {
    const problem = {
      model: { module: models, export: 'linear', args: { inputSize: 1, nanAbove: 0.5 } },
      loss: 'squared' as const,
      data: { x: [[0], [1], [2]], y: [1, 0.5, 0] },
    };
    const r = await optimize(problem, { ...base, threads: 0, targetLoss: 1e-8 });
    expect(r.faults.numerical).toBeGreaterThan(0);
    expect(r.stopReason).toBe('target');
  });

  it('exp(wᵀx + b) overflow is a fault, not a silent Infinity', async () => {
    const problem = { model: { type: 'mlp' as const, layers: [1, 1] }, loss: 'squared' as const, data: { x: [[1000]], y: [0] } };
    // λ tiny and a huge learning rate drive w·x past the exponent limit at once (the auxiliary must
    // be descended from the start for that: 'joint').
    const r = await optimize(problem, {
      auxiliary: 'joint',
      threads: 0,
      walkers: 1,
      lambda: 1e-9,
      hopping: { auxScale: 1 },
      local: { method: 'gd', learningRate: 10, stepsPerRound: 5 },
      maxRounds: 2,
    }).catch((e: NoBadMinimaError) => e.details.best as { faults: { numerical: number } });
    expect(r.faults.numerical).toBeGreaterThan(0);
  });

  it('every walker faulting repeatedly stops the run with ALL_WALKERS_FAULTED and the best so far', async () => {
    const run = optimize(faulty({ nanAfterCalls: 60 }), { ...base, threads: 0, walkers: 2, local: { method: 'gd', learningRate: 0.001, stepsPerRound: 20 } });
    const error = (await run.catch((e) => e)) as NoBadMinimaError;
    expect(error).toBeInstanceOf(NoBadMinimaError);
    expect(error.code).toBe('ALL_WALKERS_FAULTED');
    const best = error.details.best as { loss: number; theta: Float64Array; faults: { numerical: number } };
    // The first rounds succeeded, so a real best point was found before the faults began.
    expect(Number.isFinite(best.loss)).toBe(true);
    expect(best.theta.length).toBe(2);
    expect(best.faults.numerical).toBeGreaterThanOrEqual(6);
  });
});

describe('worker faults', () => {
  it('a module that throws once in a worker: the round is retried and the run completes', async () => {
    const r = await optimize(faulty({ throwOnceMarker: join(scratch, 'throw-once') }), { ...base, threads: 2 });
    expect(r.faults.worker).toBe(1);
    expect(r.faults.numerical).toBe(0);
    expect(r.stopReason).toBe('target');
  });

  it('a module that calls process.exit in a worker: the walkers it had claimed are retried, and the run is the fault-free run', async () => {
    const r = await optimize(faulty({ exitOnceMarker: join(scratch, 'exit-once') }), { ...base, threads: 2 });
    // The thread that exits loses every walker it had claimed that round (how many depends on timing);
    // the other thread claims the rest.
    expect(r.faults.worker).toBeGreaterThanOrEqual(1);
    expect(r.faults.worker).toBeLessThanOrEqual(base.walkers!);
    expect(r.stopReason).toBe('target');
    // Each lost walker is retried from the state it had before the round: nothing of the run changes.
    const clean = await optimize(faulty({}), { ...base, threads: 0 });
    expect(Array.from(r.theta)).toEqual(Array.from(clean.theta));
    expect(r.history.map((h) => h.bestLoss)).toEqual(clean.history.map((h) => h.bestLoss));
  });

  it('a module that keeps throwing for a walker: retried once, then the walker is reset', async () => {
    const r = await optimize(faulty({ throwBelow: -1 }), { ...base, threads: 1 });
    // Each failing walker-round counts twice: the attempt and its retry.
    expect(r.faults.worker).toBeGreaterThanOrEqual(2);
    expect(r.faults.worker % 2).toBe(0);
    expect(r.stopReason).toBe('target');
  });
});
