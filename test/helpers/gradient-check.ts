/**
 * Shared test helpers: seeded streams, central differences and the relative errors the gradient
 * checks compare them with.
 */
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

/** `length` independent uniform draws on [low, high) from a stream. */
export function uniformArray(rng: Rng, length: number, low = -1, high = 1): Float64Array {
  const out = new Float64Array(length);
  for (let k = 0; k < length; k++) out[k] = uniform(rng, low, high);
  return out;
}

/**
 * Central differences of f at z, one coordinate at a time, coordinate i stepped by stepAt(z_i).
 * f receives a probe array that is restored after each coordinate.
 */
function centralDifferences(f: (z: Float64Array) => number, z: Float64Array, stepAt: (zi: number) => number): Float64Array {
  const out = new Float64Array(z.length);
  const probe = z.slice();
  for (let i = 0; i < z.length; i++) {
    const step = stepAt(z[i]);
    probe[i] = z[i] + step;
    const plus = f(probe);
    probe[i] = z[i] - step;
    const minus = f(probe);
    probe[i] = z[i];
    out[i] = (plus - minus) / (2 * step);
  }
  return out;
}

/** Central differences of f at z with step h·max(1, |z_i|). */
export function numericGradient(f: (z: Float64Array) => number, z: Float64Array, h = 1e-6): Float64Array {
  return centralDifferences(f, z, (zi) => h * Math.max(1, Math.abs(zi)));
}

/** Central differences of f at z with the same absolute step h for every coordinate. */
export function numericGradientFixedStep(f: (z: Float64Array) => number, z: Float64Array, h: number): Float64Array {
  return centralDifferences(f, z, () => h);
}

/**
 * ‖a − b‖∞ / max(‖a‖∞, ‖b‖∞, floor): the worst coordinate's error relative to the gradient's
 * scale, so a tiny component does not turn round-off into a large relative error.
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

/** Σ (a_i − b_i)², Σ a_i² and Σ b_i² over the length of a. */
function squaredNorms(a: Float64Array, b: Float64Array): { diff: number; normA: number; normB: number } {
  let diff = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    normA += a[i] ** 2;
    normB += b[i] ** 2;
  }
  return { diff, normA, normB };
}

/**
 * ‖a − b‖₂ / max(‖a‖₂, ‖b‖₂, floor): symmetric in a and b, meaningful away from stationary points.
 * With the default floor 0, two zero vectors give NaN.
 */
export function symmetricRelativeErrorL2(a: Float64Array, b: Float64Array, floor = 0): number {
  const { diff, normA, normB } = squaredNorms(a, b);
  return Math.sqrt(diff) / Math.max(Math.sqrt(normA), Math.sqrt(normB), floor);
}

/**
 * ‖reference − other‖₂ / max(‖reference‖₂, floor): scaled by the first argument only, so a small
 * reference (not a small `other`) is what makes the error large.
 */
export function referenceRelativeErrorL2(reference: Float64Array, other: Float64Array, floor = Number.MIN_VALUE): number {
  const { diff, normA } = squaredNorms(reference, other);
  return Math.sqrt(diff) / Math.max(Math.sqrt(normA), floor);
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
