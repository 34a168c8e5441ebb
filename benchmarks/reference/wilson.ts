/** Confidence intervals for success and failure rates over seeds. */

/**
 * The Wilson score interval for a binomial proportion: unlike the normal approximation it stays
 * inside [0, 1] and is not degenerate at 0 or `trials` successes.
 *
 * @example
 * wilsonInterval(126, 1000); // { low: ≈0.107, high: ≈0.148 }
 */
export function wilsonInterval(successes: number, trials: number, z = 1.959963984540054): { low: number; high: number } {
  if (trials === 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt(p * (1 - p) / trials + z2n / (4 * trials))) / (1 + z2n);
  // At 0 or `trials` successes one end is exactly 0 or 1, which rounding would miss by ~1e-17.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}
