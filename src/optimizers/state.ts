/**
 * Plain-JSON encoding of stepper state. JSON keeps finite doubles exactly but turns NaN and
 * ±Infinity into null and −0 into 0, so those few values travel as strings: a restored stepper
 * must continue bit for bit.
 */
import { NoBadMinimaError } from '../errors.js';
import type { LocalMethod, StepperState } from './stepper.js';

/** A double as JSON carries it exactly. */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

/**
 * @example
 * encodeNumber(NaN); // 'NaN'
 * encodeNumber(1.5); // 1.5
 */
export function encodeNumber(v: number): JsonNumber {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0';
  return v;
}

/**
 * @example
 * decodeNumber('-Infinity', 'state.lastValue'); // -Infinity
 */
export function decodeNumber(v: unknown, field: string): number {
  if (typeof v === 'number') return v;
  switch (v) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
    default:
      return resumeMismatch(field, v, 'a number');
  }
}

/** Prefix of an array carried as the base64 of its Float64 bytes (little-endian). */
export const FLOAT64_BASE64 = 'f64:';
/** Arrays this long or longer travel as base64: 10.7 characters a number instead of up to 24, exactly. */
const BASE64_MIN_LENGTH = 64;

/** An encoded Float64Array: a JSON number array (short ones) or 'f64:' + base64 of its bytes. */
export type EncodedArray = JsonNumber[] | string;

/**
 * Short arrays as JSON numbers, long ones as the base64 of their bytes: a d = 1e6 L-BFGS state as
 * number arrays is a JSON string past V8's limit, as base64 a third of the size, and every bit
 * (NaN payloads, −0) is kept.
 *
 * @example
 * encodeArray(Float64Array.of(1, -0)); // [1, '-0']
 * encodeArray(new Float64Array(64)); // 'f64:AAAA…'
 */
export function encodeArray(a: Float64Array): EncodedArray {
  if (a.length >= BASE64_MIN_LENGTH) return FLOAT64_BASE64 + Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  const out = new Array<JsonNumber>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = encodeNumber(a[i]);
  return out;
}

/**
 * Decodes an encoded array of the given length into a new Float64Array (a state is decoded whole
 * before any of it is applied, so that a bad state leaves the stepper as it was). Both forms are
 * read, whatever the length: states written as number arrays before base64 still resume.
 *
 * @example
 * decodeArray([1, 'NaN'], 2, 'state.m'); // Float64Array [1, NaN]
 */
export function decodeArray(v: unknown, length: number, field: string): Float64Array {
  if (typeof v === 'string' && v.startsWith(FLOAT64_BASE64)) {
    const bytes = Buffer.from(v.slice(FLOAT64_BASE64.length), 'base64');
    if (bytes.length !== 8 * length) return resumeMismatch(field, `base64 of ${bytes.length} bytes`, `base64 of ${length} doubles (${8 * length} bytes)`);
    const out = new Float64Array(length);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
  if (!Array.isArray(v) || v.length !== length) {
    return resumeMismatch(field, Array.isArray(v) ? `an array of length ${v.length}` : typeof v, `an array of length ${length}`);
  }
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = decodeNumber(v[i], `${field}[${i}]`);
  return out;
}

/**
 * Reads a boolean flag.
 *
 * @example
 * decodeBoolean(true, 'state.hasPoint'); // true
 */
export function decodeBoolean(v: unknown, field: string): boolean {
  if (typeof v !== 'boolean') return resumeMismatch(field, v, 'true or false');
  return v;
}

/**
 * Reads a non-negative integer counter, at most `max`.
 *
 * @example
 * decodeCount(3, 'state.count', 10); // 3
 */
export function decodeCount(v: unknown, field: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > max) return resumeMismatch(field, v, `an integer in [0, ${max}]`);
  return v as number;
}

/**
 * Checks that a state belongs to this kind of stepper before any field is read.
 *
 * @example
 * checkStateMethod(JSON.parse(saved), 'adam'); // throws RESUME_MISMATCH for a 'gd' state
 */
export function checkStateMethod(state: StepperState, method: LocalMethod): void {
  if (state === null || typeof state !== 'object') resumeMismatch('state', state, `a ${method} stepper state`);
  if (state.method !== method) resumeMismatch('state.method', state.method, JSON.stringify(method));
}

/**
 * Throws RESUME_MISMATCH: the state does not belong to this stepper.
 *
 * @example
 * resumeMismatch('state.damping', 0, 'a number in [1e-7, 1e7]');
 */
export function resumeMismatch(field: string, value: unknown, expected: string): never {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  throw new NoBadMinimaError('RESUME_MISMATCH', `${field}: expected ${expected}, got ${shown}`, field, { value });
}
