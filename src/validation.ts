/**
 * The one validation layer: every option (and the results file of the benchmarks) is declared as
 * a valibot schema, and `parseOrThrow` turns the first issue into the package's INVALID_INPUT
 * error, `${field}: expected ${expected}, got ${value}`. Each schema carries its expectation as
 * the issue message; the field is the issue's path under the root the caller names; the value is
 * what the user gave at that path (the whole value for an unknown key, undefined for a missing one).
 *
 * The builders below are the recurring expectations, each worded once.
 */
import * as v from 'valibot';
import { invalid, NoBadMinimaError } from './errors.js';

/** Any valibot schema, as the builders and `parseOrThrow` take it. */
export type Schema = v.GenericSchema<unknown, unknown>;

/**
 * Parses `value` with `schema` and returns the output (defaults filled in), or throws INVALID_INPUT
 * for the first issue, its field being `field` followed by the issue's path.
 *
 * @example
 * parseOrThrow(v.strictObject({ lambda: positive() }), { lambda: -1 }, 'options');
 * // throws: options.lambda: expected a finite number > 0, got -1
 */
export function parseOrThrow<S extends v.GenericSchema>(schema: S, value: unknown, field: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value, { abortEarly: true, abortPipeEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  let path = field;
  let given: unknown = issue.input;
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    path += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
    given = (item as { value: unknown }).value;
  }
  // A loop's refusal carries the value itself, its path being below the value it walked.
  if (issue.type === 'raw_transform') given = issue.input;
  const show = typeof issue.requirement === 'function' ? shownBy.get(issue.requirement) : undefined;
  if (show !== undefined) throw new NoBadMinimaError('INVALID_INPUT', `${path}: expected ${issue.message}, got ${show(given)}`, path, { value: given });
  return invalid(path, given, issue.message);
}

/** How the value a `checkShown` refused is shown, keyed by its check. */
const shownBy = new WeakMap<object, (value: unknown) => string>();

/**
 * Any value that passes `check`; a refused one is shown by `show` instead of describeValue (a
 * short list says more whole than as "an array of length 1").
 */
export function checkShown<T>(check: (value: unknown) => boolean, expected: string, show: (value: unknown) => string) {
  shownBy.set(check, show);
  return v.pipe(v.unknown(), v.check(check, expected)) as unknown as v.GenericSchema<T, T>;
}

/** The message `schema` gives for `value` (its first issue), or undefined when it accepts it. */
function messageFor(schema: Schema, value: unknown): string | undefined {
  const result = v.safeParse(schema, value, { abortEarly: true, abortPipeEarly: true });
  return result.success ? undefined : result.issues[0].message;
}

/** A plain object (not null, an array or a typed array): what every options bag must be. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/**
 * An object with these entries and no other key (arrays pass: use `strictObject` unless something
 * before it checks). An unknown key gets `no such ${noun} (known: …${hint(key)})`, a missing
 * required key the message of its entry's schema for undefined.
 */
export function strictEntries<E extends v.ObjectEntries>(entries: E, expected = 'an object', noun = 'option', hint: (key: string) => string = () => '') {
  const known = Object.keys(entries).join(', ');
  return v.strictObject(entries, (issue) => {
    const item = issue.path?.at(-1) as { key: string } | undefined;
    if (item === undefined) return expected;
    if (issue.expected === 'never') return `no such ${noun} (known: ${known}${hint(item.key)})`;
    return messageFor(entries[item.key] as Schema, undefined) ?? expected;
  });
}

/** A plain object (`expected` when it is not one) with these entries and no other key: see strictEntries. */
export function strictObject<E extends v.ObjectEntries>(entries: E, expected = 'an object', noun = 'option', hint?: (key: string) => string) {
  return v.pipe(v.custom<Record<string, unknown>>(isPlainObject, expected), strictEntries(entries, expected, noun, hint));
}

/** Nothing passes: the branch of a `v.lazy` dispatch for a value of no accepted form. */
export const refused = (expected: string) => v.custom<never>(() => false, expected);

/** What a hand-written loop found wrong: the path below its input, the value there, the expectation. */
export interface Refusal {
  readonly at: readonly (string | number)[];
  readonly value: unknown;
  readonly expected: string;
}
const refusals = new WeakSet<object>();

/** The loop's refusal, for `loop` to report: `refuse([i, j], NaN, 'a finite number')`. */
export function refuse(at: readonly (string | number)[], value: unknown, expected: string): Refusal {
  const refusal = { at, value, expected };
  refusals.add(refusal);
  return refusal;
}

/**
 * A check (and transform) by a tight loop instead of a schema per element: the numeric contents
 * of a matrix, a point, a box, walked once. `run` returns its output, or a `refuse(…)` naming the
 * first offending entry below the input, which parseOrThrow reports like any schema's issue.
 *
 * @example
 * parseOrThrow(loop((x: number[]) => x.every(Number.isFinite) ? x : refuse([x.findIndex((n) => !Number.isFinite(n))], NaN, 'a finite number')), [1, NaN], 'x');
 * // throws: x[1]: expected a finite number, got NaN
 */
export function loop<I, O>(run: (input: I) => O | Refusal): v.GenericSchema<I, O> {
  const action = v.rawTransform<I, O>(({ dataset, addIssue, NEVER }) => {
    const out = run(dataset.value);
    if (typeof out !== 'object' || out === null || !refusals.has(out)) return out as O;
    const { at, value, expected } = out as Refusal;
    const path = at.map((key) => ({ type: 'unknown', origin: 'value', input: undefined, key, value }) as unknown as v.IssuePathItem);
    addIssue({ message: expected, input: value, ...(path.length > 0 ? { path: path as [v.IssuePathItem, ...v.IssuePathItem[]] } : {}) });
    return NEVER;
  });
  return v.pipe(v.unknown() as unknown as v.GenericSchema<I, I>, action);
}

/** A number, type and range checks all worded `expected`; NaN is never one. */
export function number(expected: string, ...checks: ((message: string) => v.PipeItem<number, number, v.BaseIssue<unknown>>)[]) {
  return v.pipe(v.number(expected), ...checks.map((check) => check(expected))) as v.GenericSchema<number, number>;
}

export const isFinite = (message: string) => v.finite<number, string>(message);
export const above = (min: number) => (message: string) => v.gtValue<number, number, string>(min, message);
export const atLeast = (min: number) => (message: string) => v.minValue<number, number, string>(min, message);
export const below = (max: number) => (message: string) => v.ltValue<number, number, string>(max, message);
export const atMost = (max: number) => (message: string) => v.maxValue<number, number, string>(max, message);
export const isInteger = (message: string) => v.integer<number, string>(message);
export const isSafeInteger = (message: string) => v.safeInteger<number, string>(message);

export const finite = () => number('a finite number', isFinite);
export const positive = () => number('a finite number > 0', isFinite, above(0));
export const nonNegative = () => number('a finite number ≥ 0', isFinite, atLeast(0));
/** A share of something: 0 allowed, 1 (all of it) not. */
export const fraction = () => number('a number in [0, 1)', atLeast(0), below(1));
/** A rate or factor strictly between none and all; a numeric string is refused, not coerced. */
export const openFraction = () => number('a number in (0, 1)', above(0), below(1));
/** An integer ≥ min, the sign written `≥` (the public options) or `>=` (the steppers' own). */
export const integer = (min: number, sign: '≥' | '>=' = '≥') => number(`an integer ${sign} ${min}`, isInteger, atLeast(min));
/** A positive count or duration; Infinity is allowed and means no limit. */
export const limit = () => number('a number > 0 (Infinity for no limit)', above(0));
/** A count limit: an integer ≥ 1, or Infinity for no limit. */
export const countLimit = () =>
  v.custom<number>((x) => x === Infinity || (typeof x === 'number' && Number.isInteger(x) && x >= 1), 'an integer ≥ 1 (Infinity for no limit)');
export const bool = () => v.boolean('true or false');
export const fn = () => v.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', 'a function');

/** One of these strings, the message spelling them as the caller likes. */
export function oneOf<const T extends readonly [string, ...string[]]>(options: T, expected: string) {
  return v.picklist(options, expected);
}
