/**
 * Validates a user's problem and turns it into a PreparedProblem: the one place where the problem's
 * shapes, numbers and modules are checked before any work starts.
 */
import { createHash } from 'node:crypto';
import { invalid } from '../errors.js';
import { createLoss, toTargets } from '../losses/create.js';
import { loadModel } from '../models/create.js';
import { isModuleRef } from '../modules/load-module.js';
import type { LossSpec, ModelSpec } from '../types.js';
import { loadObjective } from './instantiate.js';
import { sharedFloat64, toRowMajor } from './matrix-input.js';
import type { PreparedProblem, Problem } from './types.js';

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
  if ('objective' in problem) {
    checkSerializable(problem.objective, 'problem.objective');
    const objective = await loadObjective(problem.objective, 'problem.objective');
    const id = hash([JSON.stringify({ objective: problem.objective })]);
    return { kind: 'objective', id, objective: problem.objective, dimension: objective.dimension };
  }
  if (!('model' in problem)) invalid('problem', problem, 'an object with { model, loss, data } or { objective }');
  const { model: modelSpec, loss: lossSpec, data } = problem;
  checkSerializable(modelSpec, 'problem.model');
  if (lossSpec === undefined) invalid('problem.loss', lossSpec, "'squared', 'cross-entropy', 'logistic' or { type: 'smoothed-hinge', power }");
  createLoss(lossSpec, 'problem.loss');
  const reduction = problem.reduction ?? 'mean';
  if (reduction !== 'mean' && reduction !== 'sum') invalid('problem.reduction', reduction, "'mean' or 'sum'");
  const model = await loadModel(modelSpec, 'problem.model');
  if (typeof data !== 'object' || data === null) invalid('problem.data', data, 'an object { x, y }');
  const x = toRowMajor(data.x, 'data.x', sharedFloat64);
  if (x.cols !== model.inputSize) invalid('data.x', `${x.rows} × ${x.cols}`, `${model.inputSize} columns to match the model's input size`);
  const yFlat = toTargets(lossSpec, data.y, x.rows, model.outputSize, 'data.y');
  const y = sharedFloat64(yFlat.length);
  y.set(yFlat);
  const id = hash([JSON.stringify({ model: modelSpec, loss: lossSpec, reduction, m: x.rows }), x.data, y]);
  return {
    kind: 'model',
    id,
    model: modelSpec as ModelSpec,
    loss: lossSpec as LossSpec,
    x: x.data,
    y,
    m: x.rows,
    inputSize: model.inputSize,
    outputSize: model.outputSize,
    parameterCount: model.parameterCount,
    reduction,
  };
}

/** Specs cross to worker threads by structured clone and into checkpoints as JSON. */
function checkSerializable(spec: unknown, field: string): void {
  if (typeof spec !== 'object' || spec === null) invalid(field, spec, 'a spec object');
  if (isModuleRef(spec) && spec.args !== undefined) {
    let text: string | undefined;
    try {
      text = JSON.stringify(spec.args);
    } catch {
      text = undefined;
    }
    if (text === undefined) invalid(`${field}.args`, spec.args, 'a JSON-serializable value');
  }
}

function hash(parts: (string | Float64Array)[]): string {
  const h = createHash('sha256');
  for (const part of parts) {
    if (typeof part === 'string') h.update(part);
    else h.update(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
  }
  return h.digest('hex').slice(0, 32);
}
