/**
 * The overflow guard for the exponential unit. exp(s) overflows a double at s ≈ 709.78; we refuse
 * exponents above EXP_LIMIT and any non-finite value or gradient with a NUMERICAL_FAULT error rather
 * than clamping, because a clamped exponent has a zero derivative and would silently stop the
 * auxiliary descent. The walker that hits it is reset and the fault is counted.
 */
import { NoBadMinimaError, describeValue } from '../errors.js';

/** The largest exponent wᵀx + b (or b) we evaluate. exp(700) ≈ 1.0e304. */
export const EXP_LIMIT = 700;

export function exponentOverflow(where: string, exponent: number): never {
  throw new NoBadMinimaError(
    'NUMERICAL_FAULT',
    `${where}: exponent ${exponent} exceeds the limit ${EXP_LIMIT} (exp would overflow)`,
    where,
    { value: exponent },
  );
}

/** Throws NUMERICAL_FAULT unless `value` and every entry of `grad` are finite. */
export function assertFinite(where: string, value: number, grad: Float64Array | null): void {
  // A user's evaluate that returns a string or undefined is a broken module, not a numerical fault.
  if (typeof value !== 'number') {
    throw new NoBadMinimaError('INVALID_MODULE', `${where}: expected evaluate to return a number, got ${describeValue(value)}`, where, { value });
  }
  if (!Number.isFinite(value)) {
    throw new NoBadMinimaError('NUMERICAL_FAULT', `${where}: value is ${value}`, where, { value });
  }
  if (grad === null) return;
  for (let i = 0; i < grad.length; i++) {
    if (!Number.isFinite(grad[i])) {
      throw new NoBadMinimaError('NUMERICAL_FAULT', `${where}: gradient[${i}] is ${grad[i]}`, where, {
        value: grad[i],
        index: i,
      });
    }
  }
}
