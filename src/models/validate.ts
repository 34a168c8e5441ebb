/**
 * The schemas of the fields of built-in model specs, declared once. parseOrThrow (validation.ts)
 * turns the first failure into INVALID_INPUT naming the field, the value and what was expected.
 */
import * as v from 'valibot';
import { describeValue } from '../errors.js';
import type { Activation, InitSpec } from '../types.js';
import { finite, isPlainObject, oneOf, checkShown, strictEntries, strictObject } from '../validation.js';
import { ACTIVATIONS } from './activations.js';

/**
 * The layer widths `[dx, h1, …, dy]`, as a fresh array.
 *
 * @example
 * parseOrThrow(LAYERS, [2], 'model.layers');
 * // throws: model.layers: expected an array of at least 2 positive integers, got [2]
 */
export const LAYERS = v.pipe(
  checkShown<number[]>(
    (value) => Array.isArray(value) && value.length >= 2 && value.every((n) => Number.isSafeInteger(n) && n > 0),
    'an array of at least 2 positive integers',
    // Layer lists are short: showing one whole says more than "an array of length 1".
    (value) => (Array.isArray(value) && value.length <= 16 ? `[${value.map((n) => describeValue(n)).join(', ')}]` : describeValue(value)),
  ),
  v.transform((layers) => layers.slice()),
);

/**
 * @example
 * parseOrThrow(ACTIVATION, 'gelu', 'model.activation');
 * // throws: model.activation: expected one of "tanh", "relu", "sigmoid", "softplus", "identity", got "gelu"
 */
export const ACTIVATION = oneOf(ACTIVATIONS as unknown as [Activation, ...Activation[]], `one of ${ACTIVATIONS.map((a) => JSON.stringify(a)).join(', ')}`);

const INIT_EXPECTED = `'glorot' or { type: 'uniform', low, high }`;

const UNIFORM_INIT = v.pipe(
  v.custom<Record<string, unknown>>(isPlainObject, INIT_EXPECTED),
  strictEntries(
    {
      type: v.literal('uniform', `'uniform' (or init: 'glorot')`),
      low: finite(),
      /** Its range depends on low: checked below. */
      high: v.optional(v.unknown()),
    },
    INIT_EXPECTED,
    'field',
  ),
  v.forward(
    v.partialCheck(
      [['low'], ['high']],
      (o: { low: number; high: unknown }) => typeof o.high === 'number' && Number.isFinite(o.high) && o.high >= o.low,
      (issue) => `a finite number ≥ low (${(issue.input as { low: number }).low})`,
    ),
    ['high'],
  ),
  v.transform((o): InitSpec => ({ type: 'uniform', low: o.low, high: o.high as number })),
);

/**
 * 'glorot' or a fresh { type: 'uniform', low, high }.
 *
 * @example
 * parseOrThrow(INIT, { type: 'uniform', low: 1, high: -1 }, 'model.init');
 * // throws: model.init.high: expected a finite number ≥ low (1), got -1
 */
export const INIT = v.lazy((value) => (value === 'glorot' ? v.literal('glorot') : UNIFORM_INIT)) as v.GenericSchema<InitSpec, InitSpec>;

/**
 * A built-in model spec: these entries beside `type` (which the dispatcher has read), and no other
 * key, so that a misspelt field fails loudly instead of being ignored.
 *
 * @example
 * parseOrThrow(modelSpec({ layers: LAYERS }), { type: 'mlp', layer: [2, 1] }, 'model');
 * // throws: model.layer: expected no such field (known: type, layers), got an array of length 2
 */
export function modelSpec<E extends v.ObjectEntries>(entries: E) {
  return strictObject({ type: v.optional(v.unknown()), ...entries }, 'an object', 'field');
}
