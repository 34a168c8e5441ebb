/** Shared test helpers: seeded streams and central-difference gradient checks. */
import seedrandom from 'seedrandom';
import type { Rng } from '../../src/types.js';

/** A uniform [0, 1) stream with 53 random bits, the same for the same seed. */
export function seeded(seed: string): Rng {
  const prng = seedrandom.xor4096(seed);
  return () => prng.double();
}

/** Uniform on [low, high) from a stream. */
export function uniform(rng: Rng, low: number, high: number): number {
  return low + (high - low) * rng();
}

/** Central differences of f at z with step h·max(1, |z_i|). */
export function numericGradient(f: (z: Float64Array) => number, z: Float64Array, h = 1e-6): Float64Array {
  const out = new Float64Array(z.length);
  const probe = z.slice();
  for (let i = 0; i < z.length; i++) {
    const step = h * Math.max(1, Math.abs(z[i]));
    probe[i] = z[i] + step;
    const plus = f(probe);
    probe[i] = z[i] - step;
    const minus = f(probe);
    probe[i] = z[i];
    out[i] = (plus - minus) / (2 * step);
  }
  return out;
}

/**
 * ‖a − b‖∞ / max(‖b‖∞, floor): the worst coordinate's error relative to the gradient's scale, so a
 * tiny component does not turn round-off into a large relative error.
 */
export function relativeError(analytic: Float64Array, numeric: Float64Array, floor = 1e-8): number {
  let diff = 0;
  let scale = floor;
  for (let i = 0; i < analytic.length; i++) {
    diff = Math.max(diff, Math.abs(analytic[i] - numeric[i]));
    scale = Math.max(scale, Math.abs(numeric[i]), Math.abs(analytic[i]));
  }
  return diff / scale;
}

/** Analytic gradient of `evaluate` at z against central differences; returns the relative error. */
export function gradientError(
  evaluate: (z: Float64Array, grad: Float64Array | null) => number,
  z: Float64Array,
  h = 1e-6,
): number {
  const grad = new Float64Array(z.length);
  evaluate(z, grad);
  const numeric = numericGradient((p) => evaluate(p, null), z, h);
  return relativeError(grad, numeric);
}
