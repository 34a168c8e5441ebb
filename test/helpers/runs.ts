import { expect } from 'vitest';
import type { OptimizeResult } from '../../src/index.js';

/**
 * Two runs that must be the same (thread counts, executors, resumes): the best point, its losses,
 * the stop, the counts and every round's record, bit for bit. Checkpoints and faults are the
 * callers' to compare, as each knows what may differ there (elapsed time, a killed host).
 */
export function expectSameResult(a: OptimizeResult, b: OptimizeResult): void {
  expect(Array.from(a.theta)).toEqual(Array.from(b.theta));
  expect([a.loss, a.augmentedLoss, a.stopReason, a.rounds, a.evaluations, a.hops, a.divergences]).toEqual([b.loss, b.augmentedLoss, b.stopReason, b.rounds, b.evaluations, b.hops, b.divergences]);
  expect(a.history).toEqual(b.history);
}
