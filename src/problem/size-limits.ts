/**
 * Sizes checked before any work: a run of 10⁹ walkers, or of a dimension of 10⁹, would otherwise
 * take the host process down with a heap OOM, or fail deep inside with a bare RangeError.
 */
import { totalmem } from 'node:os';
import { NoBadMinimaError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import type { PreparedProblem } from './types.js';

/** At most this many walkers. */
export const MAX_WALKERS = 10_000;
/** θ of at most this many entries (a Float64Array's length must also fit its 2³¹ byte views). */
export const MAX_DIMENSION = 2 ** 28;
/**
 * The run's estimated memory must stay below this: half the machine's memory, and at most 16 GiB.
 * The estimate (estimateRunBytes) counts the large buffers only, so it is a lower bound.
 */
export function memoryLimitBytes(): number {
  return Math.min(16 * 2 ** 30, 0.5 * totalmem());
}

/** Float64 vectors of θ's length a stepper of this method keeps (its state, copied per walker). */
function stepperVectors(o: ResolvedOptions): number {
  switch (o.local.method) {
    case 'gd':
      return 1;
    case 'nesterov':
      return 2;
    case 'adam':
      return 3;
    case 'lbfgs':
      return 2 * o.local.history + 4;
    case 'levenberg-marquardt':
      return 4;
  }
}

/**
 * Estimated bytes of a run: each walker's z about five times over (the lane's frontier, batch
 * copies in flight and their results, the best point, a checkpoint's copy) plus its stepper state
 * twice (the walker's and a checkpoint's), each thread's stepper and objective buffers, the data,
 * and for Levenberg–Marquardt its m × n Jacobian per thread.
 *
 * @example
 * estimateRunBytes(prepared, options); // 4 walkers, 2 threads, d = 1e6, L-BFGS: about 2.1 GB
 */
export function estimateRunBytes(p: PreparedProblem, o: ResolvedOptions): number {
  const d = dimensionOf(p);
  const threads = Math.max(1, Math.min(o.threads, o.walkers));
  const vectors = stepperVectors(o);
  const perWalker = 8 * d * (5 + 2 * vectors);
  const perThread = 8 * d * (vectors + 4);
  const data = p.kind === 'model' ? 8 * (p.x.length + p.y.length) : 0;
  const rows = p.kind === 'model' ? p.m * (p.outputSize || 1) : 0;
  const jacobian = o.local.method === 'levenberg-marquardt' ? 8 * rows * d * threads : 0;
  return o.walkers * perWalker + threads * perThread + data + jacobian;
}

/** θ's length plus an allowance for the auxiliary (at most the input size + 2 entries). */
function dimensionOf(p: PreparedProblem): number {
  return p.kind === 'model' ? p.parameterCount + p.inputSize + 2 : p.dimension + 2;
}

/**
 * Throws INVALID_INPUT naming the field when the run's sizes are out of bounds: walkers, the
 * dimension, or the estimated memory (the message gives the estimate and the limit).
 *
 * @example
 * checkRunSize(prepared, resolveOptions({ walkers: 4 }, 'objective')); // passes for a small problem
 */
export function checkRunSize(p: PreparedProblem, o: ResolvedOptions): void {
  const dimensionField = p.kind === 'model' ? 'problem.model' : 'problem.objective.dimension';
  const d = p.kind === 'model' ? p.parameterCount : p.dimension;
  if (!(d <= MAX_DIMENSION)) {
    throw new NoBadMinimaError('INVALID_INPUT', `${dimensionField}: expected a dimension ≤ ${MAX_DIMENSION}, got ${d}`, dimensionField, { value: d });
  }
  const bytes = estimateRunBytes(p, o);
  const limit = memoryLimitBytes();
  if (bytes > limit) {
    const gb = (b: number) => `${(b / 2 ** 30).toFixed(2)} GiB`;
    // Name what drives the estimate: the data when they are half of it, else the dimension.
    const dataBytes = p.kind === 'model' ? 8 * (p.x.length + p.y.length) : 0;
    const field = dataBytes >= bytes / 2 ? 'problem.data' : dimensionField;
    throw new NoBadMinimaError(
      'INVALID_INPUT',
      `${field}: the run would need an estimated ${gb(bytes)} (${o.walkers} walkers × dimension ${d}, method ${o.local.method}${p.kind === 'model' ? `, data ${p.m} × ${p.inputSize + p.outputSize}` : ''}), ` +
        `expected at most ${gb(limit)} (half this machine's memory, at most 16 GiB)`,
      field,
      { estimatedBytes: bytes, limitBytes: limit },
    );
  }
}
