/**
 * PreparedProblem → live model, loss and objective. Runs once per thread and problem; the cache
 * keeps a worker from re-importing a user's module every round.
 */
import { NoBadMinimaError } from '../errors.js';
import { createLoss } from '../losses/create.js';
import { loadModel } from '../models/create.js';
import { isModuleRef, loadModuleExport } from '../modules/load-module.js';
import { createObjectiveFunction } from '../objectives/create.js';
import type { ModuleRef, ObjectiveFunction, ObjectiveSpec } from '../types.js';
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

async function build(p: PreparedProblem): Promise<ResolvedProblem> {
  if (p.kind === 'objective') return { kind: 'objective', objective: await loadObjective(p.objective, 'problem.objective') };
  const model = await loadModel(p.model, 'problem.model');
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

/** A built-in objective, or a user module whose factory returns the ObjectiveFunction interface. */
export async function loadObjective(spec: ObjectiveSpec, field: string): Promise<ObjectiveFunction> {
  if (!isModuleRef(spec)) return createObjectiveFunction(spec);
  const made = await loadModuleExport(spec as ModuleRef, `${field}.module`);
  const o = made as Partial<ObjectiveFunction> | null;
  const ok =
    typeof o === 'object' &&
    o !== null &&
    Number.isInteger(o.dimension) &&
    (o.dimension as number) >= 1 &&
    typeof o.init === 'function' &&
    typeof o.evaluate === 'function';
  if (!ok) {
    throw new NoBadMinimaError(
      'INVALID_MODULE',
      `${field}: expected the factory ${spec.export ?? 'default'} of ${spec.module} to return { dimension: integer ≥ 1, init(rng, out), evaluate(theta, gradOut) }`,
      field,
    );
  }
  return o as ObjectiveFunction;
}
