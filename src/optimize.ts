/**
 * The public entry point: validates everything, builds the executor and runs the coordinator.
 */
import { augment } from './augment/create.js';
import type { Checkpoint } from './coordinator/checkpoint.js';
import { checkResume, trajectoryHash } from './coordinator/checkpoint.js';
import { coordinate } from './coordinator/coordinator.js';
import type { OptimizeResult } from './coordinator/result.js';
import { invalid, NoBadMinimaError } from './errors.js';
import type { Executor } from './executor/executor.js';
import { InProcessExecutor } from './executor/in-process.js';
import { PoolExecutor } from './executor/pool.js';
import { AdaptiveExecutor } from './executor/adaptive.js';
import type { OptimizeOptions, ResolvedOptions } from './options.js';
import { resolveOptions } from './options.js';
import { instantiate } from './problem/instantiate.js';
import { prepareProblem } from './problem/prepare.js';
import { checkRunSize } from './problem/size-limits.js';
import { resolveStart } from './problem/start.js';
import type { PreparedProblem, Problem } from './problem/types.js';
import { runsInProcess } from './problem/types.js';
import { installHint, isMissingPackage } from './optional-packages.js';

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
  checkRunSize(prepared, o);
  const objective = augment(await instantiate(prepared), o.augmentation, o.lambda);
  if (o.local.method === 'levenberg-marquardt' && objective.leastSquares === null) {
    invalid('options.local.method', o.local.method, "a gradient method: levenberg-marquardt needs the squared loss with augmentation 'neuron' or 'none'");
  }
  const optionsHash = trajectoryHash(o);
  const resume: Checkpoint | null = options.resume === undefined ? null : checkResume(options.resume, prepared.id, optionsHash, { walkers: o.walkers, dimension: objective.dimension });
  const start = resolveStart(options.x0, prepared.kind === 'model' ? prepared.parameterCount : prepared.dimension, o.walkers, prepared.bounds);
  const inProcess = runsInProcess(prepared);
  // A problem from code cannot cross to a worker thread: it runs here whatever `threads` says, and
  // the result says so when threads were asked for (not for the default, which was not a request).
  const warnings = inProcess && options.threads !== undefined && o.threads >= 1 ? [inProcessWarning(prepared, o.threads, o.walkers)] : [];
  const executor: Executor =
    o.executor.type === 'bullmq' ? await connectBullMQ(o.executor, prepared) : inProcess ? new InProcessExecutor() : createExecutor(o);
  try {
    const result = await coordinate({
      prepared,
      objective,
      options: o,
      callbacks: { signal: options.signal, onProgress: options.onProgress, onCheckpoint: options.onCheckpoint, onHop: options.onHop },
      optionsHash,
      resume,
      executor,
      start,
      warnings,
    });
    result.threads = executor.remote ? Math.min(o.threads, o.walkers) : 0;
    return result;
  } finally {
    await executor.close();
  }
}

/**
 * At most one thread per walker. A single walker never gains from a thread of its own, so the
 * default (threads left out) keeps it in-process; more walkers start in-process and move to the
 * pool when it pays.
 */
function createExecutor(o: ResolvedOptions): Executor {
  const threads = Math.min(o.threads, o.walkers);
  if (threads === 0 || (o.adaptiveThreads && threads < 2)) return new InProcessExecutor();
  return o.adaptiveThreads ? new AdaptiveExecutor(threads, () => new PoolExecutor(1, o.workerMemoryMb)) : new PoolExecutor(threads, o.workerMemoryMb);
}

function inProcessWarning(prepared: PreparedProblem, threads: number, walkers: number): string {
  const what = prepared.kind === 'model' ? 'problem.model is a Model object' : 'problem.objective is a function or an object';
  return (
    `${what}, which cannot cross to worker threads, so all ${walkers} walkers ran in-process on the calling thread ` +
    `(threads: ${threads} was not used; give a module reference { module, export } to run in worker threads).`
  );
}

/**
 * BullMQ and ioredis take about a third of a second to import; only a scale-out run pays for them.
 * They are optional peer dependencies (16 MB installed), so they may be missing: that is an
 * EXECUTOR_UNAVAILABLE error saying how to install them.
 */
async function connectBullMQ(...args: Parameters<typeof import('./executor/bullmq.js').BullMQExecutor.connect>): Promise<Executor> {
  let executor: typeof import('./executor/bullmq.js');
  try {
    executor = await import('./executor/bullmq.js');
  } catch (error) {
    if (!isMissingPackage(error, ['bullmq', 'ioredis'])) throw error;
    throw new NoBadMinimaError(
      'EXECUTOR_UNAVAILABLE',
      `options.executor: { type: 'bullmq' } needs the packages bullmq and ioredis, optional peer dependencies of no-bad-minima that are not installed: ${installHint(['bullmq', 'ioredis'])}`,
      'options.executor',
      { cause: error },
    );
  }
  return executor.BullMQExecutor.connect(...args);
}
