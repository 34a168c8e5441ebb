/**
 * The one error class the package throws on purpose. `code` is stable across versions, so callers
 * can branch on it; the message names the field, the value it got and what it expected.
 */

export type ErrorCode =
  /** An option, a problem field or the data is malformed. */
  | 'INVALID_INPUT'
  /** A user module cannot be imported, lacks the export, or returns the wrong interface. */
  | 'INVALID_MODULE'
  /** A value or gradient became NaN or ±Infinity, or exp(wᵀx + b) would overflow. */
  | 'NUMERICAL_FAULT'
  /**
   * An objective's evaluate(theta, gradOut) or a model's backward returned without writing the
   * gradient (found on the first evaluations, which fill it with NaN first). Stops the run.
   */
  | 'GRADIENT_NOT_WRITTEN'
  /**
   * The scalar augmentation met L(θ) < 0: it needs L ≥ 0 with min L = 0 (with a negative L, L̃ has
   * no lower bound). Stops the run.
   */
  | 'NEGATIVE_OBJECTIVE'
  /**
   * A user's model or objective threw while a round ran it: the message names the module and
   * export, the thrown message and the stack frame it was thrown at; details.cause is the original
   * error (in the thread that caught it).
   */
  | 'USER_CODE_FAULT'
  /** Every walker kept faulting; the error carries the best result found so far. */
  | 'ALL_WALKERS_FAULTED'
  /** A resume state does not belong to this problem and these options. */
  | 'RESUME_MISMATCH'
  /**
   * The executor's service (Redis) cannot be reached, or its packages (bullmq, ioredis) are not
   * installed; mid-run, the error carries the best result so far.
   */
  | 'EXECUTOR_UNAVAILABLE';

export class NoBadMinimaError extends Error {
  readonly code: ErrorCode;
  /** The offending field, as a path such as `data.y` or `options.local.learningRate`. */
  readonly field: string | undefined;
  /** Anything else worth carrying: the best result so far, the original cause. */
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, field?: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'NoBadMinimaError';
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

/** Shows a value the user gave in an error message, briefly and without throwing. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return typeof value;
  }
}

/**
 * Throws INVALID_INPUT with the standard message shape.
 *
 * @example
 * invalid('options.lambda', -1, 'a finite number > 0');
 * // throws: options.lambda: expected a finite number > 0, got -1
 */
export function invalid(field: string, value: unknown, expected: string): never {
  throw new NoBadMinimaError('INVALID_INPUT', `${field}: expected ${expected}, got ${describeValue(value)}`, field, { value });
}
