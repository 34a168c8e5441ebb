/**
 * The problem's own shape, declared once: which keys each of its objects may have (a misspelt or
 * misplaced field, `x0` or `bogus`, fails loudly instead of being ignored), the forms its model
 * and objective may take, the loss, the reduction, gradient, and a module reference's JSON args.
 * What needs the loaded model or objective (θ's length, the data's columns) is checked by the
 * schemas built from it (`dataSchema`, bounds.ts, start.ts) once it is known.
 *
 * A function, an object objective and a Model object are the user's own and may carry anything;
 * a built-in model spec is checked where it is built (models/validate.ts), a built-in objective
 * spec's fields where it is built (objectives/create.ts): here only its keys.
 */
import * as v from 'valibot';
import { LOSS_SPEC } from '../losses/spec.js';
import { isModuleRef } from '../modules/load-module.js';
import { BUILTIN_OBJECTIVES } from '../objectives/create.js';
import type { Model } from '../types.js';
import { isPlainObject, loop, oneOf, refuse, refused, strictEntries, type Refusal } from '../validation.js';
import { matrixSchema, sharedFloat64 } from './matrix-input.js';

const PROBLEM_EXPECTED = 'an object with { model, loss, data } or { objective }';

/** Options that are sometimes put in the problem by mistake: the message says where they go. */
const OPTION_NAMES = new Set(['x0', 'seed', 'walkers', 'threads', 'augmentation', 'lambda', 'local', 'targetLoss', 'maxEvaluations', 'maxRounds']);
const optionHint = (key: string) => (OPTION_NAMES.has(key) ? `; ${key} is an option: optimize(problem, { ${key} })` : '');

/**
 * args travel to every worker and into the problem's id as JSON, so they must be JSON exactly:
 * JSON.stringify would drop a function (and the module would get undefined in workers only) and
 * turn NaN into null. Walked by a loop that names the first offending path.
 */
const JSON_ARGS = loop((args: unknown) => jsonRefusal(args, [], new Set()) ?? args);

function jsonRefusal(value: unknown, at: (string | number)[], seen: Set<object>): Refusal | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : refuse(at, value, 'a JSON value (a finite number)');
  if (typeof value !== 'object') return refuse(at, value, 'a JSON value (null, a boolean, a finite number, a string, an array or a plain object)');
  if (seen.has(value)) return refuse(at, '(a cycle)', 'a JSON value without cycles');
  seen.add(value);
  let refusal: Refusal | undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && refusal === undefined; i++) refusal = jsonRefusal(value[i], [...at, i], seen);
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return refuse(at, value, 'a JSON value (a plain object, not a class instance or typed array)');
    for (const [k, item] of Object.entries(value)) if ((refusal = jsonRefusal(item, [...at, k], seen)) !== undefined) break;
  }
  seen.delete(value);
  return refusal;
}

/** `{ module, export, args }`: the module and export are checked when it is imported (load-module.ts). */
const MODULE_REF = strictEntries({ module: v.string(), export: v.optional(v.unknown()), args: v.optional(JSON_ARGS) }, 'a module reference', 'field');

/** A Model object rather than a spec: it has the methods a spec never has. */
export function isModelObject(value: unknown): value is Model {
  if (typeof value !== 'object' || value === null || isModuleRef(value)) return false;
  const m = value as Record<string, unknown>;
  return typeof m.forward === 'function' || typeof m.backward === 'function' || typeof m.init === 'function';
}

const MODEL_EXPECTED = 'a Model object (forward, backward, jacobian, init), a module reference { module, export } or a built-in spec { type }';
/** A Model object (checked by assertModel), a module reference, or a built-in spec (checked when built). */
const MODEL = v.lazy((model) => {
  if (isModelObject(model)) return v.unknown();
  if (isModuleRef(model)) return MODULE_REF;
  return v.custom((m) => typeof m === 'object' && m !== null, MODEL_EXPECTED);
});

const LOSS = v.lazy((loss) => (loss === undefined ? refused("'squared', 'cross-entropy', 'logistic' or { type: 'smoothed-hinge', power }") : LOSS_SPEC));

/** An objective's keys: a module reference's, a built-in spec's (its fields are checked when built); anything else is classified later. */
const OBJECTIVE = v.lazy((objective) => {
  if (isModuleRef(objective)) return MODULE_REF;
  if (isBuiltinSpec(objective) && Object.hasOwn(BUILTIN_OBJECTIVES, objective.type as string)) {
    const known = BUILTIN_OBJECTIVES[objective.type as keyof typeof BUILTIN_OBJECTIVES].entries;
    return strictEntries(Object.fromEntries(Object.keys(known).map((key) => [key, v.optional(v.unknown())])), 'an object', 'field');
  }
  return v.unknown();
});

/** A built-in objective spec `{ type, … }` rather than a function, an object with evaluate or a module reference. */
function isBuiltinSpec(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && !('module' in value) && typeof value.evaluate !== 'function' && 'type' in value;
}

const OBJECTIVE_PROBLEM = v.pipe(
  strictEntries(
    {
      objective: OBJECTIVE,
      /** Checked against the objective once it is adapted (objectives/user.ts). */
      dimension: v.optional(v.unknown()),
      /** Checked against θ's length once it is known (bounds.ts). */
      bounds: v.optional(v.unknown()),
      gradient: v.nullish(v.boolean('true or false (false: the objective takes θ alone and the gradient comes from central differences)'), true),
    },
    PROBLEM_EXPECTED,
    'field',
    optionHint,
  ),
  v.forward(
    v.partialCheck(
      [['objective'], ['dimension']],
      (p: { objective: unknown; dimension?: unknown }) => p.dimension === undefined || !isBuiltinSpec(p.objective),
      "nothing for a built-in objective (its spec says its size: { type: 'rastrigin', dimension })",
    ),
    ['dimension'],
  ),
);

const MODEL_PROBLEM = strictEntries(
  {
    model: MODEL,
    loss: LOSS,
    /** Its keys and contents are checked once the model is loaded (dataSchema). */
    data: v.custom<Record<string, unknown>>((d) => typeof d === 'object' && d !== null, 'an object { x, y }'),
    reduction: v.nullish(oneOf(['mean', 'sum'], "'mean' or 'sum'"), 'mean'),
    /** Checked against θ's length once it is known (bounds.ts). */
    bounds: v.optional(v.unknown()),
  },
  PROBLEM_EXPECTED,
  'field',
  optionHint,
);

/**
 * A problem: `{ objective, … }` or `{ model, loss, data, … }`, dispatched on its keys.
 *
 * @example
 * parseOrThrow(PROBLEM, { objective: { type: 'rastrigin', dimension: 2 }, x0: [0, 0] }, 'problem');
 * // throws: problem.x0: expected no such field (known: objective, dimension, bounds, gradient; x0 is an option: optimize(problem, { x0 })), got an array of length 2
 */
export const PROBLEM = v.lazy((problem) => {
  if (typeof problem !== 'object' || problem === null) return refused(PROBLEM_EXPECTED);
  if ('objective' in problem) return OBJECTIVE_PROBLEM;
  if ('model' in problem) return MODEL_PROBLEM;
  return refused(PROBLEM_EXPECTED);
});

/** `data` for a model of this input size: `{ x, y }` and no other key; x a matrix (row-major, in shared memory) of inputSize columns. y is checked against the loss and the model by targetsSchema (losses/targets.ts), once x gives m. */
export function dataSchema(inputSize: number) {
  return strictEntries({ x: matrixSchema(sharedFloat64, inputSize, `${inputSize} columns to match the model's input size`), y: v.unknown() }, 'an object { x, y }', 'field');
}
