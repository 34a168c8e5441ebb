/**
 * Shared checks for the optimizer tests.
 */
import { expect } from 'vitest';

import { NoBadMinimaError, type ErrorCode } from '../../src/errors.js';

/** Runs `fn`, expecting a NoBadMinimaError with this code and field, whose message contains every part. */
export function expectError(fn: () => unknown, code: ErrorCode, field: string, ...parts: string[]): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(NoBadMinimaError);
  const error = caught as NoBadMinimaError;
  expect(error.code).toBe(code);
  expect(error.field).toBe(field);
  for (const part of parts) expect(error.message).toContain(part);
}
