/**
 * Metropolis acceptance on L(θ) of the minima reached, as scipy's basinhopping: accept when
 * exp(min(0, −(L_new − L_old)/T)) ≥ U(0, 1). T = 0 accepts only minima no worse than the last.
 *
 * @example
 * metropolis(3, 5, 1, Math.random); // true: an improvement is always accepted
 * metropolis(5, 3, 0, Math.random); // false: T = 0 is monotonic
 */
export function metropolis(newLoss: number, oldLoss: number, temperature: number, rng: () => number): boolean {
  if (!(newLoss > oldLoss)) return !Number.isNaN(newLoss);
  if (temperature === 0) return false;
  return Math.exp(-(newLoss - oldLoss) / temperature) >= rng();
}
