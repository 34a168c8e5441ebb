/**
 * Drawing θ₀ for the built-in models from an {@link InitSpec}. Kept apart from the models so that
 * every model draws the same way from the same stream.
 */
import type { InitSpec, Rng } from '../types.js';

/** A contiguous run of θ that is either a weight matrix (with its fans) or a bias vector. */
export interface ParameterBlock {
  readonly offset: number;
  readonly count: number;
  readonly kind: 'weight' | 'bias';
  /** Inputs feeding each unit; used by Glorot's bound. */
  readonly fanIn: number;
  /** Units the block feeds; used by Glorot's bound. */
  readonly fanOut: number;
}

/**
 * Writes θ₀ for the given layout. 'glorot': weights U[−√(6/(fanIn+fanOut)), +√(6/(fanIn+fanOut))],
 * biases 0. `{ type: 'uniform', low, high }`: every parameter U[low, high]. The blocks are drawn in
 * order, one rng() call per random parameter, so θ₀ depends on the seed alone.
 *
 * @example
 * const theta = new Float64Array(3);
 * initParameters('glorot', [
 *   { offset: 0, count: 2, kind: 'weight', fanIn: 2, fanOut: 1 },
 *   { offset: 2, count: 1, kind: 'bias', fanIn: 2, fanOut: 1 },
 * ], Math.random, theta); // theta[0..1] in [−√2, √2], theta[2] = 0
 */
export function initParameters(spec: InitSpec, blocks: readonly ParameterBlock[], rng: Rng, theta: Float64Array): void {
  for (const block of blocks) {
    let low: number;
    let high: number;
    if (spec === 'glorot') {
      if (block.kind === 'bias') {
        theta.fill(0, block.offset, block.offset + block.count);
        continue;
      }
      high = Math.sqrt(6 / (block.fanIn + block.fanOut));
      low = -high;
    } else {
      low = spec.low;
      high = spec.high;
    }
    const width = high - low;
    for (let k = block.offset, end = block.offset + block.count; k < end; k++) theta[k] = low + width * rng();
  }
}
