/**
 * Validates a user's problem and turns it into a PreparedProblem: the one place where the problem's
 * shapes, numbers and modules are checked before any work starts.
 */
import { createHash } from 'node:crypto';
import { invalid, NoBadMinimaError } from '../errors.js';
import { createLoss, toTargets } from '../losses/create.js';
import { assertModel, loadModel } from '../models/create.js';
import { isModuleRef } from '../modules/load-module.js';
import type { StepperBounds } from '../optimizers/bounds.js';
import type { LossSpec, Model, ModelSpec, ObjectiveSpec } from '../types.js';
import { resolveBounds } from './bounds.js';
import { checkProblemKeys } from './known-keys.js';
import { adaptObjective, classifyObjective } from './instantiate.js';
import { sharedFloat64, toRowMajor } from './matrix-input.js';
import type { ObjectiveProblem, PreparedProblem, Problem } from './types.js';

/**
 * @example
 * const prepared = await prepareProblem({
 *   model: { type: 'mlp', layers: [2, 2, 1], activation: 'tanh' },
 *   loss: 'squared',
 *   data: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] },
 * });
 * prepared.m; // 4
 */
export async function prepareProblem(problem: Problem): Promise<PreparedProblem> {
  if (typeof problem !== 'object' || problem === null) invalid('problem', problem, 'an object with { model, loss, data } or { objective }');
  checkProblemKeys(problem);
  if ('objective' in problem) return prepareObjective(problem);
  if (!('model' in problem)) invalid('problem', problem, 'an object with { model, loss, data } or { objective }');
  const { model: modelInput, loss: lossSpec, data } = problem;
  const liveModel = isModelObject(modelInput) ? modelInput : undefined;
  if (liveModel !== undefined) checkModelObject(liveModel);
  else checkSerializable(modelInput, 'problem.model', 'a Model object (forward, backward, jacobian, init), a module reference { module, export } or a built-in spec { type }');
  if (lossSpec === undefined) invalid('problem.loss', lossSpec, "'squared', 'cross-entropy', 'logistic' or { type: 'smoothed-hinge', power }");
  createLoss(lossSpec, 'problem.loss');
  const reduction = problem.reduction ?? 'mean';
  if (reduction !== 'mean' && reduction !== 'sum') invalid('problem.reduction', reduction, "'mean' or 'sum'");
  const model = liveModel ?? (await loadModel(modelInput as ModelSpec, 'problem.model'));
  if (typeof data !== 'object' || data === null) invalid('problem.data', data, 'an object { x, y }');
  const x = toRowMajor(data.x, 'data.x', sharedFloat64);
  if (x.cols !== model.inputSize) invalid('data.x', `${x.rows} × ${x.cols}`, `${model.inputSize} columns to match the model's input size`);
  const yFlat = toTargets(lossSpec, data.y, x.rows, model.outputSize, 'data.y');
  const y = sharedFloat64(yFlat.length);
  y.set(yFlat);
  const bounds = resolveBounds(problem.bounds, model.parameterCount);
  const modelKey = liveModel !== undefined ? { live: identity(liveModel) } : modelInput;
  const id = hash([JSON.stringify({ model: modelKey, loss: lossSpec, reduction, m: x.rows }), x.data, y, ...boundsParts(bounds)]);
  return {
    kind: 'model',
    id,
    model: liveModel !== undefined ? null : (modelInput as ModelSpec),
    ...(liveModel !== undefined ? { live: liveModel } : {}),
    loss: lossSpec as LossSpec,
    x: x.data,
    y,
    m: x.rows,
    inputSize: model.inputSize,
    outputSize: model.outputSize,
    parameterCount: model.parameterCount,
    reduction,
    bounds,
  };
}

async function prepareObjective(problem: ObjectiveProblem): Promise<PreparedProblem> {
  const source = problem.objective;
  const form = classifyObjective(source, 'problem.objective');
  if (form === 'module') checkSerializable(source, 'problem.objective');
  const gradient = problem.gradient ?? true;
  if (typeof gradient !== 'boolean') invalid('problem.gradient', gradient, 'true or false (false: the objective takes θ alone and the gradient comes from central differences)');
  if (problem.dimension !== undefined && form !== 'function' && form !== 'object' && form !== 'module') {
    invalid('problem.dimension', problem.dimension, "nothing for a built-in objective (its spec says its size: { type: 'rastrigin', dimension })");
  }
  // The bounds need the dimension, which a module's objective only says once loaded: adapt without
  // bounds first, then again with them (adapting is cheap; loading is cached per thread).
  const probe = await adaptObjective(source, { dimension: problem.dimension, gradient, bounds: null, field: 'problem.objective' });
  const bounds = resolveBounds(problem.bounds, probe.dimension);
  const live = form === 'function' || form === 'object' ? await adaptObjective(source, { dimension: problem.dimension, gradient, bounds, field: 'problem.objective' }) : undefined;
  // The same function with another dimension is another problem (the caches are keyed by the id).
  const key = live !== undefined ? { live: identity(source as object), dimension: probe.dimension } : source;
  // Problems as they were before bounds and gradient: false keep their ids (and checkpoints).
  const id = hash([JSON.stringify(gradient ? { objective: key } : { objective: key, gradient }), ...boundsParts(bounds)]);
  return {
    kind: 'objective',
    id,
    objective: live !== undefined ? null : (source as ObjectiveSpec),
    ...(live !== undefined ? { live } : {}),
    dimension: probe.dimension,
    bounds,
    gradient,
    evaluationCost: probe.callsPerEvaluation,
  };
}

/** assertModel's check, with the object itself as the field (assertModel names a module's). */
function checkModelObject(model: Model): void {
  try {
    assertModel(model, 'problem.model', 'the model object');
  } catch (error) {
    const message = (error as Error).message.replace(/^problem\.model\.module: /, '');
    throw new NoBadMinimaError('INVALID_INPUT', `problem.model: ${message}`, 'problem.model', { value: model });
  }
}

/** A Model object rather than a spec: it has the methods a spec never has. */
function isModelObject(value: unknown): value is Model {
  if (typeof value !== 'object' || value === null || isModuleRef(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.forward === 'function' || typeof v.backward === 'function' || typeof v.init === 'function';
}

/**
 * An id for an object from code: the same object gets the same id in this process (so a checkpoint
 * resumes with it), different objects never share one (the per-thread caches are keyed by it).
 */
const identities = new WeakMap<object, string>();
let nextIdentity = 0;
function identity(value: object): string {
  let id = identities.get(value);
  if (id === undefined) {
    id = `in-process:${process.pid}:${nextIdentity++}`;
    identities.set(value, id);
  }
  return id;
}

function boundsParts(bounds: StepperBounds | null): (string | Float64Array)[] {
  return bounds === null ? [] : ['bounds', bounds.lower, bounds.upper];
}

/** Specs cross to worker threads by structured clone and into checkpoints as JSON. */
function checkSerializable(spec: unknown, field: string, expected = 'a spec object'): void {
  if (typeof spec !== 'object' || spec === null) invalid(field, spec, expected);
  if (isModuleRef(spec) && spec.args !== undefined) checkJson(spec.args, `${field}.args`, new Set());
}

/**
 * args travel to every worker and into the problem's id as JSON, so they must be JSON exactly:
 * JSON.stringify would drop a function (and the module would get undefined in workers only) and
 * turn NaN into null. Names the first offending path.
 */
function checkJson(value: unknown, field: string, seen: Set<object>): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) invalid(field, value, 'a JSON value (a finite number)');
    return;
  }
  if (typeof value !== 'object') invalid(field, value, 'a JSON value (null, a boolean, a finite number, a string, an array or a plain object)');
  const o = value as object;
  if (seen.has(o)) invalid(field, '(a cycle)', 'a JSON value without cycles');
  seen.add(o);
  if (Array.isArray(o)) o.forEach((v, i) => checkJson(v, `${field}[${i}]`, seen));
  else {
    const proto = Object.getPrototypeOf(o);
    if (proto !== Object.prototype && proto !== null) invalid(field, o, 'a JSON value (a plain object, not a class instance or typed array)');
    for (const [k, v] of Object.entries(o)) checkJson(v, `${field}.${k}`, seen);
  }
  seen.delete(o);
}

function hash(parts: (string | Float64Array)[]): string {
  const h = createHash('sha256');
  for (const part of parts) {
    if (typeof part === 'string') h.update(part);
    else h.update(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
  }
  return h.digest('hex').slice(0, 32);
}
