/**
 * Reads a `LossSpec` (string or object form) into one normalized shape, validating it.
 */
import { invalid } from '../errors.js';
import type { LossSpec } from '../types.js';

export type LossType = 'squared' | 'cross-entropy' | 'logistic' | 'smoothed-hinge';

/** A validated loss specification. `power` is set for the smoothed hinge only. */
export interface NormalizedLossSpec {
  type: LossType;
  power?: number;
}

const SIMPLE: readonly string[] = ['squared', 'cross-entropy', 'logistic'];
const EXPECTED_SPEC = `"squared", "cross-entropy", "logistic" or { type: 'smoothed-hinge', power: p }`;

/**
 * Validates a loss spec and returns it as `{ type, power? }`.
 *
 * @example
 * normalizeLossSpec('squared'); // { type: 'squared' }
 * normalizeLossSpec({ type: 'smoothed-hinge', power: 3 }); // { type: 'smoothed-hinge', power: 3 }
 * normalizeLossSpec({ type: 'smoothed-hinge', power: 1 }); // throws: loss.power: expected a finite number >= 2, got 1
 */
export function normalizeLossSpec(spec: LossSpec, field = 'loss'): NormalizedLossSpec {
  if (typeof spec === 'string') {
    if (SIMPLE.includes(spec)) return { type: spec as LossType };
    // The hinge has no default power: the exponent changes the problem, so the user must pick it.
    return invalid(field, spec, EXPECTED_SPEC);
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return invalid(field, spec, EXPECTED_SPEC);
  const type = (spec as { type?: unknown }).type;
  if (typeof type === 'string' && SIMPLE.includes(type)) return { type: type as LossType };
  if (type === 'smoothed-hinge') {
    const power = (spec as { power?: unknown }).power;
    if (typeof power !== 'number' || !Number.isFinite(power) || power < 2) {
      return invalid(`${field}.power`, power, 'a finite number >= 2');
    }
    return { type, power };
  }
  return invalid(`${field}.type`, type, `"squared", "cross-entropy", "logistic" or "smoothed-hinge"`);
}
