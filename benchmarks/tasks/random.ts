/** Seeded draws for the synthetic data sets, so that a task's data depend on its data seed alone. */
import seedrandom from 'seedrandom';

/** A uniform [0, 1) stream with 53 random bits (seedrandom's `.double()`, docs/design.md §6). */
export function uniformStream(seed: string): () => number {
  const prng = seedrandom.xor4096(seed);
  return () => prng.double();
}

/** A standard-normal stream by Box–Muller; 1 − u keeps the logarithm finite when u = 0. */
export function normalStream(seed: string): () => number {
  const u = uniformStream(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - u()));
    const angle = 2 * Math.PI * u();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

/** m rows of `d` standard-normal entries. */
export function gaussianRows(seed: string, m: number, d: number): number[][] {
  const randn = normalStream(seed);
  return Array.from({ length: m }, () => Array.from({ length: d }, randn));
}
