/**
 * The loss spec (string or object form), declared once as a schema that reads it into one
 * normalized shape.
 */
import * as v from 'valibot';
import type { LossSpec } from '../types.js';
import { atLeast, isFinite, isPlainObject, number, oneOf, parseOrThrow, refused, strictEntries } from '../validation.js';

export type LossType = 'squared' | 'cross-entropy' | 'logistic' | 'smoothed-hinge';

/** A validated loss specification. `power` is set for the smoothed hinge only. */
export interface NormalizedLossSpec {
  type: LossType;
  power?: number;
}

const SIMPLE = ['squared', 'cross-entropy', 'logistic'] as const;
const EXPECTED_SPEC = `"squared", "cross-entropy", "logistic" or { type: 'smoothed-hinge', power: p }`;
const isSimple = (type: unknown): type is (typeof SIMPLE)[number] => (SIMPLE as readonly unknown[]).includes(type);

/** The object forms, by type: these keys and no other. */
const SIMPLE_OBJECT = strictEntries({ type: v.picklist(SIMPLE) }, EXPECTED_SPEC, 'field');
const HINGE_OBJECT = strictEntries({ type: v.literal('smoothed-hinge'), power: number('a finite number >= 2', isFinite, atLeast(2)) }, EXPECTED_SPEC, 'field');
const TYPE_EXPECTED = `"squared", "cross-entropy", "logistic" or "smoothed-hinge"`;
const UNKNOWN_TYPE = v.object({ type: refused(TYPE_EXPECTED) }, TYPE_EXPECTED);

/**
 * A loss spec as `{ type, power? }`. The hinge has no default power: the exponent changes the
 * problem, so the user must pick it.
 */
export const LOSS_SPEC = v.lazy((spec) => {
  if (typeof spec === 'string') return v.pipe(oneOf(SIMPLE, EXPECTED_SPEC), v.transform((type): NormalizedLossSpec => ({ type })));
  if (!isPlainObject(spec)) return refused(EXPECTED_SPEC);
  if (isSimple(spec.type)) return v.pipe(SIMPLE_OBJECT, v.transform(({ type }): NormalizedLossSpec => ({ type })));
  if (spec.type === 'smoothed-hinge') return v.pipe(HINGE_OBJECT, v.transform(({ type, power }): NormalizedLossSpec => ({ type, power })));
  return UNKNOWN_TYPE;
}) as v.GenericSchema<LossSpec, NormalizedLossSpec>;

/**
 * Validates a loss spec and returns it as `{ type, power? }`.
 *
 * @example
 * normalizeLossSpec('squared'); // { type: 'squared' }
 * normalizeLossSpec({ type: 'smoothed-hinge', power: 3 }); // { type: 'smoothed-hinge', power: 3 }
 * normalizeLossSpec({ type: 'smoothed-hinge', power: 1 }); // throws: loss.power: expected a finite number >= 2, got 1
 */
export function normalizeLossSpec(spec: LossSpec, field = 'loss'): NormalizedLossSpec {
  return parseOrThrow(LOSS_SPEC, spec, field);
}
