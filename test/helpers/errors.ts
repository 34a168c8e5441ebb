/** Shared test helpers: expecting a NoBadMinimaError with a given code, field and message. */
import { expect } from 'vitest';

import { NoBadMinimaError, type ErrorCode } from '../../src/errors.js';

/** A message part: a string the message contains, or a pattern it matches. */
export type MessagePart = string | RegExp;

/** What `fn` throws, or undefined when it returns. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/**
 * Checks the code and field of `error`, that its message starts with `${field}: expected ` when
 * `expectedPrefix` is set, and that the message contains (string) or matches (RegExp) every part.
 */
function expectFields(error: NoBadMinimaError, code: ErrorCode, field: string, expectedPrefix: boolean, parts: readonly MessagePart[]): void {
  expect(error.code).toBe(code);
  expect(error.field).toBe(field);
  if (expectedPrefix) expect(error.message.startsWith(`${field}: expected `)).toBe(true);
  for (const part of parts) {
    if (typeof part === 'string') expect(error.message).toContain(part);
    else expect(error.message).toMatch(part);
  }
}

/** Runs `fn`, expecting a NoBadMinimaError with this code and field, whose message contains every part. */
export function expectError(fn: () => unknown, code: ErrorCode, field: string, ...parts: string[]): void {
  const caught = thrownBy(fn);
  expect(caught).toBeInstanceOf(NoBadMinimaError);
  expectFields(caught as NoBadMinimaError, code, field, false, parts);
}

/** Runs `fn`, expecting INVALID_INPUT on `field` with a message `${field}: expected …` containing every part. */
export function expectInvalid(fn: () => unknown, field: string, ...parts: string[]): void {
  const caught = thrownBy(fn);
  expect(caught).toBeInstanceOf(NoBadMinimaError);
  expectFields(caught as NoBadMinimaError, 'INVALID_INPUT', field, true, parts);
}

/** The NoBadMinimaError `fn` throws; throws `Error(unthrown)` when `fn` returns. */
export function thrownError(fn: () => unknown, unthrown = 'expected a throw'): NoBadMinimaError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(NoBadMinimaError);
    return error as NoBadMinimaError;
  }
  throw new Error(unthrown);
}

/** The NoBadMinimaError `promise` rejects with; throws `Error('expected a rejection')` when it resolves. */
export async function rejectedError(promise: Promise<unknown>): Promise<NoBadMinimaError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(NoBadMinimaError);
    return error as NoBadMinimaError;
  }
  throw new Error('expected a rejection');
}

/**
 * Awaits `promise`, expecting a rejection with a NoBadMinimaError with this code and field, whose
 * message starts with `${field}: expected ` and contains or matches every part; returns the error.
 */
export async function expectRejection(promise: Promise<unknown>, code: ErrorCode, field: string, ...parts: MessagePart[]): Promise<NoBadMinimaError> {
  const error = await rejectedError(promise);
  expectFields(error, code, field, true, parts);
  return error;
}
