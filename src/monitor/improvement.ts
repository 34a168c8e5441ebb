/**
 * What counts as a new best L(θ): below the old best by more than `margin` of it. The monitor
 * (its best L(θ), with `monitor.lossTolerance`) and the hopping (a trial's minimum, with
 * `hopping.minImprovement`) share it, so that a loss creeping a hair lower counts as no progress
 * for either.
 *
 * @example
 * isNewBest(0.02993, 0.02992, 1e-3); // false: a hair lower is not lower
 * isNewBest(1, 0.998, 1e-3); // true
 * isNewBest(null, 5, 1e-3); // true: the first loss is the best so far
 */
export function isNewBest(best: number | null, loss: number, margin: number): boolean {
  return best === null || best - loss > margin * Math.abs(best);
}
