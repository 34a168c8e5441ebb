/** Building a {@link Model} from a spec: the built-ins synchronously, a user's module asynchronously. */
import * as v from 'valibot';
import { NoBadMinimaError, describeValue } from '../errors.js';
import { isModuleRef, loadModuleExport } from '../modules/load-module.js';
import type { BuiltinModelSpec, Model, ModelSpec } from '../types.js';
import { isPlainObject, oneOf, parseOrThrow } from '../validation.js';
import { createDeepLinear } from './deep-linear.js';
import { Example1Model } from './example1.js';
import { createMlp } from './mlp.js';

const BUILTIN_TYPES = ['mlp', 'deep-linear', 'example1'] as const;

/** A built-in model spec's form and type; the other keys are its builder's to check. */
const MODEL_TYPE = v.pipe(
  v.custom<Record<string, unknown>>(isPlainObject, `a model spec ({ type: ${BUILTIN_TYPES.map((t) => `'${t}'`).join(' | ')}, … } or { module, export?, args? })`),
  v.looseObject({ type: oneOf(BUILTIN_TYPES, `one of ${BUILTIN_TYPES.map((t) => `'${t}'`).join(', ')}`) }),
);

/**
 * Builds a built-in model, validating the spec. `field` is where the spec sits in the caller's
 * input; errors are INVALID_INPUT and name the offending sub-field.
 *
 * @example
 * const model = createModel({ type: 'mlp', layers: [2, 2, 1], activation: 'tanh' });
 * createModel({ type: 'mlp', layers: [2] });
 * // throws: model.layers: expected an array of at least 2 positive integers, got [2]
 */
export function createModel(spec: BuiltinModelSpec, field = 'model'): Model {
  // Only the type here: each built-in's own schema checks the rest of its spec.
  const { type } = parseOrThrow(MODEL_TYPE, spec, field);
  switch (type) {
    case 'mlp':
      return createMlp(spec as Extract<BuiltinModelSpec, { type: 'mlp' }>, field);
    case 'deep-linear':
      return createDeepLinear(spec as Extract<BuiltinModelSpec, { type: 'deep-linear' }>, field);
    case 'example1':
      return new Example1Model(spec as Extract<BuiltinModelSpec, { type: 'example1' }>, field);
  }
}

const MODEL_NUMBERS = ['inputSize', 'outputSize', 'parameterCount'] as const;
const MODEL_METHODS = ['init', 'forward', 'backward', 'jacobian'] as const;

/**
 * Throws INVALID_MODULE unless `value` has the {@link Model} shape: positive-integer sizes and the
 * four methods. Only the shape is checked; the maths is the module author's responsibility.
 *
 * @example
 * assertModel({ inputSize: 1 }, 'problem.model', '/abs/model.mjs');
 * // throws: problem.model.module: expected /abs/model.mjs to produce a Model (…): outputSize is undefined
 */
export function assertModel(value: unknown, field: string, source: string): asserts value is Model {
  const expected =
    `${source} to produce a Model (positive integers ${MODEL_NUMBERS.join(', ')}; ` + `functions ${MODEL_METHODS.join(', ')})`;
  const fail = (problem: string): never => {
    throw new NoBadMinimaError('INVALID_MODULE', `${field}.module: expected ${expected}, but ${problem}`, `${field}.module`, { value });
  };
  if (typeof value !== 'object' || value === null) fail(`the factory returned ${describeValue(value)}`);
  const model = value as Record<string, unknown>;
  for (const key of MODEL_NUMBERS) {
    const n = model[key];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) fail(`its ${key} is ${describeValue(n)}`);
  }
  for (const key of MODEL_METHODS) {
    if (typeof model[key] !== 'function') fail(`its ${key} is ${describeValue(model[key])}`);
  }
}

/**
 * Builds a model from any spec: a built-in (as {@link createModel}) or a user module whose export is
 * a factory returning a Model (possibly through a promise). Errors name `field` and its sub-fields:
 * INVALID_INPUT for a bad built-in spec, INVALID_MODULE for a module that cannot be loaded or does
 * not produce a Model.
 *
 * @example
 * const builtin = await loadModel({ type: 'deep-linear', layers: [3, 3, 1] });
 * const mine = await loadModel({ module: '/abs/linear.mjs', export: 'createLinear', args: { inputSize: 3 } }, 'problem.model');
 */
export async function loadModel(spec: ModelSpec, field = 'model'): Promise<Model> {
  if (!isModuleRef(spec)) return createModel(spec, field);
  const model = await loadModuleExport(spec, field);
  assertModel(model, field, `the factory ${JSON.stringify(spec.export ?? 'default')} of ${spec.module}`);
  return model;
}
