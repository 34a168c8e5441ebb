/** Standard normal draws from a uniform stream, for initializations that call for randn. */
import type { Rng } from '../types.js';

/**
 * Fills `out` with independent N(0, scale²) draws by the Box–Muller transform, two per pair of
 * uniforms. Consumes exactly 2·⌈out.length / 2⌉ values of `rng`, so a seed fixes the result.
 *
 * @example
 * import seedrandom from 'seedrandom';
 * const rng = seedrandom.xor4096('w0');
 * const w = new Float64Array(64);
 * fillNormal(() => rng.double(), w, 1 / Math.sqrt(8));
 */
export function fillNormal(rng: Rng, out: Float64Array, scale = 1): void {
  for (let i = 0; i < out.length; i += 2) {
    // rng() lies in [0, 1) and may return 0; 1 − u lies in (0, 1], so the log stays finite.
    const radius = scale * Math.sqrt(-2 * Math.log(1 - rng()));
    const angle = 2 * Math.PI * rng();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < out.length) out[i + 1] = radius * Math.sin(angle);
  }
}
