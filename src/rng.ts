/**
 * Seeded random streams. Every walker owns one, seeded from the run's seed and its index, so a
 * result depends on the seed alone. xor4096 is fast and its state round-trips through JSON.
 */
import seedrandom from 'seedrandom';
import type { Rng } from './types.js';

export interface Stream {
  /** Uniform on [0, 1) with 53 random bits. */
  next: Rng;
  /** Plain-JSON state for checkpoints. */
  state(): object;
}

/**
 * @example
 * const s = createStream('42', 0);
 * s.next(); // the same number for every run with seed '42', walker 0
 */
export function createStream(seed: string, index: number): Stream {
  return wrap(seedrandom.xor4096(`${seed}:${index}`, { state: true }));
}

/**
 * The stream whose `state()` was `saved`: it goes on exactly where that one was (the saved object
 * is copied, not kept).
 *
 * @example
 * const a = createStream('42', 0);
 * const b = resumeStream(a.state());
 * a.next() === b.next(); // true
 */
export function resumeStream(saved: object): Stream {
  return wrap(seedrandom.xor4096('', { state: saved as seedrandom.State.Xor4096 }));
}

function wrap(prng: seedrandom.StatefulPRNG<seedrandom.State.Xor4096>): Stream {
  return { next: () => prng.double(), state: () => prng.state() as object };
}
