/** Turns a serializable built-in objective spec into an ObjectiveFunction, validating it first. */
import { invalid } from '../errors.js';
import type { BuiltinObjectiveSpec, ObjectiveFunction } from '../types.js';
import { createRastrigin, RASTRIGIN_DEFAULT_INIT_RANGE } from './rastrigin.js';
import { createSafranShamir } from './safran-shamir.js';

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
  const raw: unknown = spec;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    invalid(field, raw, "a built-in objective spec such as { type: 'rastrigin', dimension: 2 }");
  }
  const fields = raw as Record<string, unknown>;
  switch (fields.type) {
    case 'rastrigin': {
      const dimension = positiveInteger(fields.dimension, `${field}.dimension`);
      const initRange = fields.initRange === undefined ? RASTRIGIN_DEFAULT_INIT_RANGE : positiveFinite(fields.initRange, `${field}.initRange`);
      return createRastrigin(dimension, initRange);
    }
    case 'safran-shamir': {
      const k = positiveInteger(fields.k, `${field}.k`);
      const n = fields.n === undefined ? k : positiveInteger(fields.n, `${field}.n`);
      return createSafranShamir(k, n);
    }
    default:
      return invalid(`${field}.type`, fields.type, "'rastrigin' or 'safran-shamir'");
  }
}

function positiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) invalid(field, value, 'an integer ≥ 1');
  return value;
}

function positiveFinite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) invalid(field, value, 'a finite number > 0');
  return value;
}
