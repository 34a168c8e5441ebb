import seedrandom from 'seedrandom';
import type { ObjectiveFunction, Rng } from '../../src/types.js';

/** A deterministic uniform stream on [0, 1) with 53-bit values. */
export function seeded(seed: string): Rng {
  const prng = seedrandom.xor4096(seed);
  return () => prng.double();
}

/** Central differences of f at theta, one coordinate at a time. */
export function centralDifference(f: ObjectiveFunction, theta: Float64Array, h: number): Float64Array {
  const scratch = new Float64Array(f.dimension);
  const point = Float64Array.from(theta);
  const out = new Float64Array(f.dimension);
  for (let i = 0; i < f.dimension; i++) {
    const x = point[i];
    point[i] = x + h;
    const up = f.evaluate(point, scratch);
    point[i] = x - h;
    const down = f.evaluate(point, scratch);
    point[i] = x;
    out[i] = (up - down) / (2 * h);
  }
  return out;
}

/** ‖a − b‖₂ / max(‖a‖₂, ‖b‖₂): meaningful away from stationary points. */
export function relativeError(a: Float64Array, b: Float64Array): number {
  let diff = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    na += a[i] ** 2;
    nb += b[i] ** 2;
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(na), Math.sqrt(nb));
}

/** The analytic gradient, computed into a buffer pre-filled with NaN to prove it is overwritten. */
export function analyticGradient(f: ObjectiveFunction, theta: Float64Array): { value: number; grad: Float64Array } {
  const grad = new Float64Array(f.dimension).fill(Number.NaN);
  const value = f.evaluate(theta, grad);
  return { value, grad };
}
