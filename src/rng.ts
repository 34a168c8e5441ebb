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
export function createStream(seed: string, index: number, saved?: object): Stream {
  const prng = saved
    ? seedrandom.xor4096('', { state: saved as seedrandom.State.Xor4096 })
    : seedrandom.xor4096(`${seed}:${index}`, { state: true });
  return { next: () => prng.double(), state: () => prng.state() as object };
}
