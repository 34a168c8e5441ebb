/**
 * The public entry point: validates everything, builds the executor and runs the coordinator.
 */
import { augment } from './augment/create.js';
import type { Checkpoint } from './coordinator/checkpoint.js';
import { checkResume, trajectoryHash } from './coordinator/checkpoint.js';
import { coordinate } from './coordinator/coordinator.js';
import type { OptimizeResult } from './coordinator/result.js';
import { invalid } from './errors.js';
import type { Executor } from './executor/executor.js';
import { BullMQExecutor } from './executor/bullmq.js';
import { InProcessExecutor } from './executor/in-process.js';
import { PoolExecutor } from './executor/pool.js';
import type { OptimizeOptions } from './options.js';
import { resolveOptions } from './options.js';
import { instantiate } from './problem/instantiate.js';
import { prepareProblem } from './problem/prepare.js';
import type { Problem } from './problem/types.js';

/**
 * Minimizes the problem's loss without ending in a bad local minimum: walkers descend the augmented
 * loss L̃, a monitor detects walkers whose auxiliary parameters run off to infinity (θ stuck at a
 * non-global point), and basin-hopping moves reseed them.
 *
 * @example
 * const result = await optimize(
 *   {
 *     model: { type: 'mlp', layers: [2, 2, 1], activation: 'tanh', init: { type: 'uniform', low: -1, high: 1 } },
 *     loss: 'squared',
 *     data: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] },
 *   },
 *   { augmentation: 'neuron', local: { method: 'gd', learningRate: 0.2 }, targetLoss: 1e-4, maxEvaluations: 200_000, seed: 1 },
 * );
 * result.stopReason; // 'target' (or another StopReason, explained in result.message)
 */
export async function optimize(problem: Problem, options: OptimizeOptions = {}): Promise<OptimizeResult> {
  if (typeof problem !== 'object' || problem === null) invalid('problem', problem, 'an object with { model, loss, data } or { objective }');
  const o = resolveOptions(options, 'objective' in problem ? 'objective' : 'model');
  const prepared = await prepareProblem(problem);
  const objective = augment(await instantiate(prepared), o.augmentation, o.lambda);
  if (o.local.method === 'levenberg-marquardt' && objective.leastSquares === null) {
    invalid('options.local.method', o.local.method, "a gradient method: levenberg-marquardt needs the squared loss with augmentation 'neuron' or 'none'");
  }
  const optionsHash = trajectoryHash(o);
  const resume: Checkpoint | null = options.resume === undefined ? null : checkResume(options.resume, prepared.id, optionsHash);
  const threads = Math.min(o.threads, o.walkers);
  const executor: Executor =
    o.executor.type === 'bullmq' ? await BullMQExecutor.connect(o.executor, prepared) : threads === 0 ? new InProcessExecutor() : new PoolExecutor(threads);
  try {
    return await coordinate({
      prepared,
      objective,
      options: o,
      callbacks: { signal: options.signal, onProgress: options.onProgress, onCheckpoint: options.onCheckpoint, onHop: options.onHop },
      optionsHash,
      resume,
      executor,
    });
  } finally {
    await executor.close();
  }
}
