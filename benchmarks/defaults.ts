/**
 * The package's own defaults, read from its option resolver rather than copied, so that the suite
 * follows them when they change (every method runs with the default local method, walkers,
 * hopping and monitor).
 */
import { resolveOptions } from '../src/options.js';

export interface SuiteDefaults {
  /** Walkers of a run when `--walkers` is not given. */
  walkers: number;
  /** Evaluations per walker per round (K), which the monitor scoring counts steps in. */
  stepsPerRound: number;
  /** The default local method's name, for the report. */
  localMethod: string;
}

/**
 * @example
 * packageDefaults().walkers; // 4
 */
export function packageDefaults(): SuiteDefaults {
  const resolved = resolveOptions({}, 'model');
  return { walkers: resolved.walkers, stepsPerRound: resolved.local.stepsPerRound, localMethod: resolved.local.method };
}
