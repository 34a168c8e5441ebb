/**
 * Unknown keys in a problem are refused, as unknown options are, so that a misspelt or misplaced
 * field (`x0`, which is an option, or `bogus`) fails loudly instead of being ignored. Only the
 * problem's own data are checked: the problem itself, `data`, a loss spec, a module reference and a
 * built-in objective spec. A function, an object objective and a Model object are the user's own
 * and may carry anything; a built-in model spec is checked where it is built (models/create.ts).
 */
import { describeValue, NoBadMinimaError } from '../errors.js';
import { isModuleRef } from '../modules/load-module.js';

const MODEL_PROBLEM = ['model', 'loss', 'data', 'reduction', 'bounds'] as const;
const OBJECTIVE_PROBLEM = ['objective', 'dimension', 'bounds', 'gradient'] as const;
const DATA = ['x', 'y'] as const;
const MODULE_REF = ['module', 'export', 'args'] as const;
const BUILTIN_OBJECTIVES: Record<string, readonly string[]> = {
  rastrigin: ['type', 'dimension', 'initRange'],
  'safran-shamir': ['type', 'k', 'n'],
};
const LOSSES: Record<string, readonly string[]> = {
  squared: ['type'],
  'cross-entropy': ['type'],
  logistic: ['type'],
  'smoothed-hinge': ['type', 'power'],
};
/** Options that are sometimes put in the problem by mistake: the message says where they go. */
const OPTION_NAMES = new Set(['x0', 'seed', 'walkers', 'threads', 'augmentation', 'lambda', 'local', 'targetLoss', 'maxEvaluations', 'maxRounds']);

/**
 * Throws INVALID_INPUT naming the first unknown key of the problem. Leaves everything else (types,
 * shapes, a missing field) to the problem's own validation.
 *
 * @example
 * checkProblemKeys({ objective: { type: 'rastrigin', dimension: 2 }, x0: [0, 0] });
 * // throws: problem.x0: expected no such field (known: objective, dimension, bounds, gradient; x0 is an option: optimize(problem, { x0 })), got an array of length 2
 */
export function checkProblemKeys(problem: object): void {
  const p = problem as Record<string, unknown>;
  if ('objective' in p) {
    only(p, 'problem', OBJECTIVE_PROBLEM);
    const objective = p.objective;
    if (isModuleRef(objective)) only(objective, 'problem.objective', MODULE_REF);
    else if (isPlainObject(objective) && typeof objective.evaluate !== 'function' && typeof objective.type === 'string') {
      const known = BUILTIN_OBJECTIVES[objective.type];
      if (known !== undefined) only(objective, 'problem.objective', known);
    }
    return;
  }
  if (!('model' in p)) return;
  only(p, 'problem', MODEL_PROBLEM);
  if (isModuleRef(p.model)) only(p.model, 'problem.model', MODULE_REF);
  if (isPlainObject(p.loss) && typeof p.loss.type === 'string') {
    const known = LOSSES[p.loss.type];
    if (known !== undefined) only(p.loss, 'problem.loss', known);
  }
  if (isPlainObject(p.data)) only(p.data, 'data', DATA);
}

function only(value: object, field: string, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const hint = field === 'problem' && OPTION_NAMES.has(key) ? `; ${key} is an option: optimize(problem, { ${key} })` : '';
    const got = (value as Record<string, unknown>)[key];
    throw new NoBadMinimaError('INVALID_INPUT', `${field}.${key}: expected no such field (known: ${known.join(', ')}${hint}), got ${describeValue(got)}`, `${field}.${key}`, { value: got });
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}
