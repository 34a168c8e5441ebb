/**
 * The adaptive step size of scipy's basinhopping: every `interval` trials, if the cumulative
 * acceptance rate is above the target the step grows (÷ factor), else it shrinks (× factor).
 *
 * @example
 * adaptStepSize(0.5, { trials: 10, accepts: 8 }, { interval: 10, targetAcceptRate: 0.5, factor: 0.9 }); // 0.5 / 0.9
 */
export function adaptStepSize(
  stepSize: number,
  counts: { trials: number; accepts: number },
  o: { interval: number; targetAcceptRate: number; factor: number },
): number {
  if (counts.trials === 0 || counts.trials % o.interval !== 0) return stepSize;
  return counts.accepts / counts.trials > o.targetAcceptRate ? stepSize / o.factor : stepSize * o.factor;
}
