/**
 * Validation of the fields of built-in model specs. Each check throws INVALID_INPUT naming the field,
 * the value and what was expected (see `invalid`).
 */
import { NoBadMinimaError, describeValue, invalid } from '../errors.js';
import type { Activation, InitSpec } from '../types.js';
import { ACTIVATIONS, isActivation } from './activations.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/**
 * Checks that `value` is an object and has no keys beyond `known`, so that a misspelt option fails
 * loudly instead of being ignored.
 *
 * @example
 * checkObject({ type: 'mlp', layer: [2, 1] }, 'model', ['type', 'layers']);
 * // throws: model.layer: expected no such field (known: type, layers), got an array of length 2
 */
export function checkObject(value: unknown, field: string, known: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(value)) invalid(field, value, 'an object');
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) invalid(`${field}.${key}`, value[key], `no such field (known: ${known.join(', ')})`);
  }
  return value;
}

/**
 * Returns the layer widths `[dx, h1, …, dy]` as a fresh array.
 *
 * @example
 * validateLayers([2], 'model.layers');
 * // throws: model.layers: expected an array of at least 2 positive integers, got [2]
 */
export function validateLayers(value: unknown, field: string): number[] {
  const expected = 'an array of at least 2 positive integers';
  if (!Array.isArray(value)) invalid(field, value, expected);
  const ok = value.length >= 2 && value.every((n) => Number.isSafeInteger(n) && n > 0);
  if (!ok) {
    // Layer lists are short: showing one whole says more than "an array of length 1".
    const shown = value.length <= 16 ? `[${value.map((n) => describeValue(n)).join(', ')}]` : describeValue(value);
    throw new NoBadMinimaError('INVALID_INPUT', `${field}: expected ${expected}, got ${shown}`, field, { value });
  }
  return value.slice() as number[];
}

/**
 * Returns the activation name, or `fallback` when the value is undefined.
 *
 * @example
 * validateActivation('gelu', 'model.activation', 'tanh');
 * // throws: model.activation: expected one of "tanh", "relu", "sigmoid", "softplus", "identity", got "gelu"
 */
export function validateActivation(value: unknown, field: string, fallback: Activation): Activation {
  if (value === undefined) return fallback;
  if (!isActivation(value)) invalid(field, value, `one of ${ACTIVATIONS.map((a) => JSON.stringify(a)).join(', ')}`);
  return value;
}

/**
 * Returns the init spec (a fresh copy), or `fallback` when the value is undefined.
 *
 * @example
 * validateInitSpec({ type: 'uniform', low: 1, high: -1 }, 'model.init', 'glorot');
 * // throws: model.init.high: expected a finite number ≥ low (1), got -1
 */
export function validateInitSpec(value: unknown, field: string, fallback: InitSpec): InitSpec {
  if (value === undefined) return fallback;
  if (value === 'glorot') return 'glorot';
  const expected = `'glorot' or { type: 'uniform', low, high }`;
  if (!isPlainObject(value)) invalid(field, value, expected);
  if (value.type !== 'uniform') invalid(`${field}.type`, value.type, `'uniform' (or init: 'glorot')`);
  checkObject(value, field, ['type', 'low', 'high']);
  const { low, high } = value;
  if (typeof low !== 'number' || !Number.isFinite(low)) invalid(`${field}.low`, low, 'a finite number');
  if (typeof high !== 'number' || !Number.isFinite(high) || high < low) {
    invalid(`${field}.high`, high, `a finite number ≥ low (${low})`);
  }
  return { type: 'uniform', low, high };
}
