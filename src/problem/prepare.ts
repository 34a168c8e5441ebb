/**
 * Validates a user's problem and turns it into a PreparedProblem: its shape by the schemas of
 * schema.ts, what depends on the loaded model or objective (data, bounds) by the schemas built from
 * it, all before any work starts.
 */
import { createHash } from 'node:crypto';
import { NoBadMinimaError } from '../errors.js';
import { toTargets } from '../losses/create.js';
import { assertModel, loadModel } from '../models/create.js';
import type { StepperBounds } from '../optimizers/bounds.js';
import type { Model, ModelSpec, ObjectiveSpec } from '../types.js';
import { parseOrThrow } from '../validation.js';
import { resolveBounds } from './bounds.js';
import { adaptObjective, classifyObjective } from './instantiate.js';
import { sharedFloat64 } from './matrix-input.js';
import type { Reduction } from './resolved.js';
import { dataSchema, isModelObject, PROBLEM } from './schema.js';
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
  const shape = parseOrThrow(PROBLEM, problem, 'problem') as Record<string, unknown>;
  if ('objective' in problem) return prepareObjective(problem, shape.gradient as boolean);
  const { model: modelInput, loss: lossSpec, data } = problem;
  const reduction = shape.reduction as Reduction;
  const liveModel = isModelObject(modelInput) ? modelInput : undefined;
  if (liveModel !== undefined) checkModelObject(liveModel);
  const model = liveModel ?? (await loadModel(modelInput as ModelSpec, 'problem.model'));
  const { x } = parseOrThrow(dataSchema(model.inputSize), data, 'data');
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
    loss: lossSpec,
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

async function prepareObjective(problem: ObjectiveProblem, gradient: boolean): Promise<PreparedProblem> {
  const source = problem.objective;
  const form = classifyObjective(source, 'problem.objective');
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

function hash(parts: (string | Float64Array)[]): string {
  const h = createHash('sha256');
  for (const part of parts) {
    if (typeof part === 'string') h.update(part);
    else h.update(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
  }
  return h.digest('hex').slice(0, 32);
}
