/** Turns a serializable built-in objective spec into an ObjectiveFunction, validating it first. */
import * as v from 'valibot';
import type { BuiltinObjectiveSpec, ObjectiveFunction } from '../types.js';
import { isPlainObject, number, isSafeInteger, atLeast, parseOrThrow, positive, refused, strictEntries } from '../validation.js';
import { createRastrigin, RASTRIGIN_DEFAULT_INIT_RANGE } from './rastrigin.js';
import { createSafranShamir } from './safran-shamir.js';

const count = () => number('an integer ≥ 1', isSafeInteger, atLeast(1));

/** Each built-in objective's spec: these keys and no other. */
export const BUILTIN_OBJECTIVES = {
  rastrigin: strictEntries({ type: v.literal('rastrigin'), dimension: count(), initRange: v.optional(positive()) }, 'an object', 'field'),
  'safran-shamir': strictEntries({ type: v.literal('safran-shamir'), k: count(), n: v.optional(count()) }, 'an object', 'field'),
};

const SPEC_EXPECTED = "a built-in objective spec such as { type: 'rastrigin', dimension: 2 }";
const TYPE_EXPECTED = "'rastrigin' or 'safran-shamir'";
const UNKNOWN_TYPE = v.object({ type: refused(TYPE_EXPECTED) }, TYPE_EXPECTED);

/** A built-in objective spec, dispatched on its type. */
export const BUILTIN_OBJECTIVE_SPEC = v.lazy((spec) => {
  if (!isPlainObject(spec)) return refused(SPEC_EXPECTED);
  return Object.hasOwn(BUILTIN_OBJECTIVES, spec.type as string) ? BUILTIN_OBJECTIVES[spec.type as keyof typeof BUILTIN_OBJECTIVES] : UNKNOWN_TYPE;
}) as v.GenericSchema<BuiltinObjectiveSpec, v.InferOutput<(typeof BUILTIN_OBJECTIVES)[keyof typeof BUILTIN_OBJECTIVES]>>;

/**
 * Builds the built-in objective that `spec` names. Throws `NoBadMinimaError` (code
 * `INVALID_INPUT`) naming the field and the value when the spec is malformed, e.g.
 * `objective.dimension: expected an integer ≥ 1, got 0`. `field` is the spec's own path in
 * those messages, for callers that nest it (`problem.objective`).
 *
 * @example
 * import seedrandom from 'seedrandom';
 * const f = createObjectiveFunction({ type: 'safran-shamir', k: 8 }); // n defaults to k
 * const theta = new Float64Array(f.dimension);
 * const prng = seedrandom.xor4096('start');
 * f.init(() => prng.double(), theta);
 * const loss = f.evaluate(theta, new Float64Array(f.dimension));
 */
export function createObjectiveFunction(spec: BuiltinObjectiveSpec, field = 'objective'): ObjectiveFunction {
  // Specs arrive from JSON and from JavaScript callers, so the static type proves nothing.
  const s = parseOrThrow(BUILTIN_OBJECTIVE_SPEC, spec, field);
  if (s.type === 'rastrigin') return createRastrigin(s.dimension, s.initRange ?? RASTRIGIN_DEFAULT_INIT_RANGE);
  return createSafranShamir(s.k, s.n ?? s.k);
}
