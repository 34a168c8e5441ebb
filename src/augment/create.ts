/**
 * Builds L̃ for a problem and an augmentation. The public `createObjective` takes the same problem
 * as `optimize()`, so a user can evaluate L̃ and its gradient at any (θ, a, b, W).
 */
import { invalid } from '../errors.js';
import { instantiate } from '../problem/instantiate.js';
import { OBJECTIVE_OPTIONS_SCHEMAS } from '../options.js';
import { prepareProblem } from '../problem/prepare.js';
import { parseOrThrow } from '../validation.js';
import type { ResolvedProblem } from '../problem/resolved.js';
import type { Problem } from '../problem/types.js';
import type { Augmentation } from '../types.js';
import type { AugmentedObjective } from './augmented.js';
import { NeuronAugmented } from './neuron.js';
import { NotAugmented } from './none.js';
import { ScalarAugmented } from './scalar.js';

export interface ObjectiveOptions {
  /** Which augmentation to add. @default 'neuron' for model problems, 'scalar' for objective problems */
  augmentation?: Augmentation;
  /** λ > 0 of the regularizer λ‖a‖². @default 1 */
  lambda?: number;
}

/**
 * Builds L̃ from an already resolved problem (no validation of the problem itself): what each
 * worker thread does with the problem it was sent.
 *
 * @example
 * const obj = augment(await instantiate(await prepareProblem(problem)), 'scalar', 0.5);
 * obj.dimension; // θ's length + 2 (a and b)
 */
export function augment(problem: ResolvedProblem, augmentation: Augmentation, lambda: number): AugmentedObjective {
  switch (augmentation) {
    case 'neuron':
      if (problem.kind !== 'model') invalid('options.augmentation', augmentation, "'scalar' or 'none' for an objective problem (the neuron needs a model)");
      return new NeuronAugmented(problem, lambda);
    case 'scalar':
      return new ScalarAugmented(problem, lambda);
    case 'none':
      return new NotAugmented(problem);
    default:
      return invalid('options.augmentation', augmentation, "'neuron', 'scalar' or 'none'");
  }
}

/**
 * Validates the problem and returns its augmented objective L̃(z), z = [θ, a, b, W].
 *
 * @example
 * const obj = await createObjective(
 *   { model: { type: 'example1' }, loss: { type: 'smoothed-hinge', power: 3 }, data: { x: [0], y: [-1] } },
 *   { augmentation: 'neuron', lambda: 1 },
 * );
 * const z = new Float64Array(obj.dimension);
 * z[0] = 0.2;
 * const grad = new Float64Array(obj.dimension);
 * obj.evaluate(z, grad); // L̃ at θ = 0.2, a = b = 0, W = 0
 * obj.split(z).theta; // Float64Array [0.2]
 */
export async function createObjective(problem: Problem, options: ObjectiveOptions = {}): Promise<AugmentedObjective> {
  const prepared = await prepareProblem(problem);
  const { augmentation, lambda } = parseOrThrow(OBJECTIVE_OPTIONS_SCHEMAS[prepared.kind], options, 'options');
  return augment(await instantiate(prepared), augmentation, lambda);
}
