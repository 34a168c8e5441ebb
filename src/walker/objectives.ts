/**
 * Each thread's L̃ for the problems it has seen, built once per problem, augmentation and λ: a
 * worker would otherwise re-import a user's module every round.
 */
import type { AugmentedObjective } from '../augment/augmented.js';
import { augment } from '../augment/create.js';
import { instantiate } from '../problem/instantiate.js';
import { Recent } from '../problem/recent.js';
import type { PreparedProblem } from '../problem/types.js';
import type { Augmentation } from '../types.js';

/** Bounded: each entry holds buffers the size of the data. */
const objectives = new Recent<Promise<AugmentedObjective>>(4);

/**
 * The thread's L̃ for this problem.
 *
 * @example
 * const obj = await objectiveFor(prepared, 'neuron', 1);
 * obj.dimension; // θ's length plus the auxiliary's
 */
export function objectiveFor(problem: PreparedProblem, augmentation: Augmentation, lambda: number): Promise<AugmentedObjective> {
  const key = `${problem.id}|${augmentation}|${lambda}`;
  return objectives.get(key, () => {
    const built = instantiate(problem).then((p) => augment(p, augmentation, lambda));
    // A failure (a user module that throws on import, say) is retried next time, not remembered.
    built.catch(() => objectives.delete(key));
    return built;
  });
}
