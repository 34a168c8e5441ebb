/**
 * The five methods compared, each a configuration of optimize(). They share the package's default
 * local method, walkers, hopping settings and monitor thresholds, and the task's budget and target:
 * only augmentation and hopping (on or off, displace or restart) differ.
 */
import type { OptimizeOptions } from '../src/index.js';
import type { BenchTask } from './tasks/index.js';

export const METHOD_IDS = ['plain', 'augmented-no-hops', 'multistart', 'basin-hopping', 'hybrid'] as const;
export type MethodId = (typeof METHOD_IDS)[number];

export interface Method {
  id: MethodId;
  /** How the method is built, in words, for the report. */
  summary: string;
  /** The options that define the method on this task. */
  options(task: BenchTask): Pick<OptimizeOptions, 'augmentation' | 'hopping'>;
}

export const METHODS: readonly Method[] = [
  {
    id: 'plain',
    summary: 'the default local method on L; every walker is one independent run',
    options: () => ({ augmentation: 'none', hopping: false }),
  },
  {
    id: 'augmented-no-hops',
    summary: 'the default local method on L̃ (the task’s augmentation), never hopping',
    options: (task) => ({ augmentation: task.augmentation, hopping: false }),
  },
  {
    id: 'multistart',
    summary: 'the default local method on L; a walker that converges or stalls restarts from a fresh θ₀',
    options: () => ({ augmentation: 'none', hopping: { mode: 'restart' } }),
  },
  {
    id: 'basin-hopping',
    summary: 'the default local method on L; a walker that converges or stalls hops from its last accepted minimum (scipy-style basin hopping, restarting after 10 hops without a new best)',
    options: () => ({ augmentation: 'none', hopping: { mode: 'displace' } }),
  },
  {
    id: 'hybrid',
    summary: 'the package’s defaults: the default local method on L̃; walkers judged stuck (or stalled) hop by a displacement or a fresh draw, whichever has paid off more (default hopping)',
    options: (task) => ({ augmentation: task.augmentation }),
  },
];

/**
 * The methods with these ids, in the order given; throws naming the unknown id.
 *
 * @example
 * selectMethods(['plain', 'hybrid']).length; // 2
 */
export function selectMethods(ids: readonly string[]): Method[] {
  return ids.map((id) => {
    const method = METHODS.find((m) => m.id === id);
    if (!method) throw new Error(`unknown method "${id}" (known: ${METHOD_IDS.join(', ')})`);
    return method;
  });
}
