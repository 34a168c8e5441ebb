/**
 * Shared checks for the loss tests.
 */
import { expect } from 'vitest';

import { NoBadMinimaError } from '../../src/errors.js';
import type { Loss } from '../../src/types.js';

/**
 * Central differences of Σℓ with respect to each q_j, compared with the analytic gradient as
 * ‖numeric − analytic‖ / max(‖numeric‖, ‖analytic‖).
 */
export function gradientRelativeError(loss: Loss, q: Float64Array, y: Float64Array, m: number, dy: number, h = 1e-5): number {
  const analytic = new Float64Array(q.length);
  loss.evaluate(q, y, m, dy, analytic);
  const probe = q.slice();
  let diff = 0;
  let normA = 0;
  let normN = 0;
  for (let j = 0; j < q.length; j++) {
    probe[j] = q[j] + h;
    const up = loss.evaluate(probe, y, m, dy, null);
    probe[j] = q[j] - h;
    const down = loss.evaluate(probe, y, m, dy, null);
    probe[j] = q[j];
    const numeric = (up - down) / (2 * h);
    diff += (numeric - analytic[j]) ** 2;
    normA += analytic[j] ** 2;
    normN += numeric ** 2;
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(normA), Math.sqrt(normN), 1e-300);
}

/** Runs `fn`, expecting INVALID_INPUT on `field` with a message containing every part. */
export function expectInvalid(fn: () => unknown, field: string, ...parts: string[]): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(NoBadMinimaError);
  const error = caught as NoBadMinimaError;
  expect(error.code).toBe('INVALID_INPUT');
  expect(error.field).toBe(field);
  expect(error.message.startsWith(`${field}: expected `)).toBe(true);
  for (const part of parts) expect(error.message).toContain(part);
}
