/**
 * PreparedProblem → live model, loss and objective. Runs once per thread and problem; the cache
 * keeps a worker from re-importing a user's module every round.
 */
import { describeValue, NoBadMinimaError } from '../errors.js';
import { createLoss } from '../losses/create.js';
import { loadModel } from '../models/create.js';
import { isModuleRef, loadModuleExport } from '../modules/load-module.js';
import { ExactModel, ExactObjective } from '../modules/theta-alone.js';
import { moduleSource } from '../modules/user-fault.js';
import { createObjectiveFunction } from '../objectives/create.js';
import type { AdaptedObjective, ObjectiveFn, UserObjective, UserObjectiveSettings } from '../objectives/user.js';
import { userObjective } from '../objectives/user.js';
import type { BuiltinObjectiveSpec, ModelSpec, ModuleRef, ObjectiveFunction, ObjectiveSpec } from '../types.js';
import type { PreparedProblem } from './types.js';
import { Recent } from './recent.js';
import type { ResolvedProblem } from './resolved.js';

/**
 * The most recently used problems of this thread. Bounded, because a long-lived process may solve
 * many different problems and each entry holds its data.
 */
const cache = new Recent<Promise<ResolvedProblem>>(4);

/** Resolves a prepared problem, reusing the result for the same problem id in this thread. */
export function instantiate(prepared: PreparedProblem): Promise<ResolvedProblem> {
  return cache.get(prepared.id, () => {
    const built = build(prepared);
    // A failed import should be retried, not remembered.
    built.catch(() => cache.delete(prepared.id));
    return built;
  });
}

// The objective and the model are wrapped here, once, in the views of θ alone that every
// augmentation evaluates them through (modules/theta-alone.ts).
async function build(p: PreparedProblem): Promise<ResolvedProblem> {
  if (p.kind === 'objective') {
    const field = 'problem.objective';
    const adapted = p.live ?? (await adaptObjective(p.objective!, { dimension: p.dimension, gradient: p.gradient, bounds: p.bounds, field }));
    return { kind: 'objective', objective: new ExactObjective(adapted, { field, source: adapted.source }, p.gradient) };
  }
  const loaded = p.live ?? (await loadModel(p.model!, 'problem.model'));
  const model = new ExactModel(loaded, { field: 'problem.model', source: modelSource(p.model) }, p.bounds);
  const loss = createLoss(p.loss, 'problem.loss');
  return {
    kind: 'model',
    model,
    loss,
    squaredLoss: loss.name === 'squared',
    x: p.x,
    y: p.y,
    m: p.m,
    reduction: p.reduction,
  };
}

/** How fault messages name a model: its module and export, its built-in type, or the object given. */
function modelSource(spec: ModelSpec | null): string {
  if (spec === null) return 'problem.model (Model object)';
  if (isModuleRef(spec)) return moduleSource('problem.model', spec);
  return `problem.model (built-in ${JSON.stringify((spec as { type?: unknown }).type)})`;
}

export type ObjectiveForm = 'function' | 'object' | 'module' | 'builtin';

/**
 * Which of the accepted forms `value` is, or INVALID_INPUT saying what is accepted.
 *
 * @example
 * classifyObjective((x, g) => 0, 'problem.objective'); // 'function'
 * classifyObjective({ type: 'rastrigin', dimension: 2 }, 'problem.objective'); // 'builtin'
 */
export function classifyObjective(value: unknown, field: string): ObjectiveForm {
  if (typeof value === 'function') return 'function';
  // A module ref whose module is not a string would otherwise read as a built-in without a type.
  const module = (value as { module?: unknown } | null)?.module;
  if (typeof value === 'object' && value !== null && 'module' in value && typeof module !== 'string') {
    throw new NoBadMinimaError('INVALID_MODULE', `${field}.module: expected an absolute path or a file: URL (a string), got ${describeValue(module)}`, `${field}.module`, { value: module });
  }
  if (isModuleRef(value)) return 'module';
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    if (typeof (value as { evaluate?: unknown }).evaluate === 'function') return 'object';
    if ('type' in value) return 'builtin';
  }
  throw new NoBadMinimaError(
    'INVALID_INPUT',
    `${field}: expected a function, an object with evaluate(), a module reference { module, export } or a built-in { type }, got ${describeValue(value)}`,
    field,
    { value },
  );
}

/**
 * Any accepted objective as the ObjectiveFunction the walkers evaluate: a built-in as it is (unless
 * bounds or gradient: false ask for the adapter), everything else through `userObjective()`.
 */
export async function adaptObjective(source: unknown, settings: UserObjectiveSettings): Promise<AdaptedObjective> {
  const form = classifyObjective(source, settings.field);
  if (form === 'builtin') {
    // Its own field names stay `objective.type`, `objective.dimension`, as before.
    const builtin = createObjectiveFunction(source as BuiltinObjectiveSpec);
    const named = { ...settings, source: `${settings.field} (built-in ${JSON.stringify((source as BuiltinObjectiveSpec).type)})` };
    // A fresh object of our own, so it may carry the cost itself (no wrapper on the hot path).
    if (settings.bounds === null && settings.gradient) return Object.assign(builtin, { callsPerEvaluation: 1, source: named.source });
    return userObjective(builtin, named);
  }
  if (form === 'module') {
    const ref = source as ModuleRef;
    return userObjective(await loadModuleObjective(ref, settings.field), { ...settings, source: moduleSource(settings.field, ref) });
  }
  return userObjective(source as ObjectiveFn | UserObjective, settings);
}

/** A built-in objective, or a user module whose factory returns the ObjectiveFunction interface. */
export async function loadObjective(spec: ObjectiveSpec, field: string): Promise<ObjectiveFunction> {
  return adaptObjective(spec, { gradient: true, bounds: null, field });
}

/** The factory's object, checked for the shape every objective object has (init is optional). */
async function loadModuleObjective(spec: ModuleRef, field: string): Promise<UserObjective> {
  // loadModuleExport names the ref's own fields (`${field}.module`, `${field}.export`).
  const made = await loadModuleExport(spec, field);
  const o = made as Partial<ObjectiveFunction> | null;
  const ok =
    typeof o === 'object' &&
    o !== null &&
    Number.isInteger(o.dimension) &&
    (o.dimension as number) >= 1 &&
    (o.init === undefined || typeof o.init === 'function') &&
    typeof o.evaluate === 'function';
  if (!ok) {
    throw new NoBadMinimaError(
      'INVALID_MODULE',
      `${field}: expected the factory ${spec.export ?? 'default'} of ${spec.module} to return { dimension: integer ≥ 1, evaluate(theta, gradOut), init?(rng, out) }`,
      field,
    );
  }
  return o as UserObjective;
}
