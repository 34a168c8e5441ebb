/**
 * The job the scipy peer reads: every task's L(θ) as plain data (the data sets flattened as the
 * package holds them, class labels already one-hot) and, per seed, the θ₀ that walker 0 of our
 * runs starts from, computed through the package's own code.
 */
import { createObjective } from '../../src/index.js';
import { DenseNetwork } from '../../src/models/dense-network.js';
import { Example1Model } from '../../src/models/example1.js';
import { loadModel } from '../../src/models/create.js';
import { normalizeLossSpec } from '../../src/losses/spec.js';
import { prepareProblem } from '../../src/problem/prepare.js';
import { createStream } from '../../src/rng.js';
import type { ModelProblem, ObjectiveProblem } from '../../src/index.js';
import type { BenchTask } from '../tasks/index.js';
import { problemOf } from '../runner/run-one.js';

/** The version of the job and output formats; scipy_basinhopping.py checks it. */
export const PEER_FORMAT_VERSION = 1;

export type PeerLoss = { type: 'squared' } | { type: 'cross-entropy' } | { type: 'smoothed-hinge'; power: number };

interface ModelData {
  loss: PeerLoss;
  /** m × inputSize, row-major. */
  x: number[];
  /** m × outputSize, row-major. */
  y: number[];
  m: number;
  reduction: 'mean' | 'sum';
}

/** L(θ) of a task in a form numpy can evaluate: the same θ layout and loss reduction as the package. */
export type PeerObjective =
  | ({ kind: 'dense'; layers: number[]; activation: string; bias: boolean } & ModelData)
  | ({ kind: 'example1' } & ModelData)
  | ({ kind: 'fixed-output-student'; inputSize: number; width: number } & ModelData)
  | { kind: 'rastrigin'; dimension: number }
  | { kind: 'safran-shamir'; k: number; n: number };

export interface PeerStart {
  seed: number;
  x0: number[];
}

export interface PeerTaskJob {
  id: string;
  tolerance: number;
  maxEvaluations: number;
  objective: PeerObjective;
  /** kind 'run': one start per seed. */
  starts?: PeerStart[];
  /** kind 'evaluate': points to return L and ∇L at. */
  points?: number[][];
}

export type PeerMode = 'to-target' | 'defaults';

export interface PeerJob {
  version: typeof PEER_FORMAT_VERSION;
  kind: 'run' | 'evaluate';
  /** kind 'run': the modes every start runs in. */
  modes?: PeerMode[];
  /** kind 'evaluate': the central-difference step of the script's gradient check. */
  step?: number;
  tasks: PeerTaskJob[];
}

/**
 * The task's objective as plain data for the Python side. Throws for a model the peer has no
 * numpy version of, naming it.
 *
 * @example
 * (await peerObjective(selectTasks(['rastrigin-2'])[0])).kind; // 'rastrigin'
 */
export async function peerObjective(task: BenchTask): Promise<PeerObjective> {
  const problem = problemOf(task);
  if ('objective' in problem) {
    const spec = (problem as ObjectiveProblem).objective as { type?: string; dimension?: number; k?: number; n?: number };
    if (spec.type === 'rastrigin') return { kind: 'rastrigin', dimension: spec.dimension! };
    if (spec.type === 'safran-shamir') return { kind: 'safran-shamir', k: spec.k!, n: spec.n ?? spec.k! };
    throw new Error(`peerObjective: task ${task.id}: no numpy version of objective ${JSON.stringify(spec)}`);
  }
  const modelProblem = problem as ModelProblem;
  const prepared = await prepareProblem(modelProblem);
  if (prepared.kind !== 'model') throw new Error(`peerObjective: task ${task.id}: expected a model problem`);
  const normalized = normalizeLossSpec(prepared.loss);
  if (normalized.type === 'logistic') throw new Error(`peerObjective: task ${task.id}: no numpy version of the logistic loss`);
  const loss: PeerLoss = normalized.type === 'smoothed-hinge' ? { type: 'smoothed-hinge', power: normalized.power! } : { type: normalized.type };
  const data: ModelData = { loss, x: Array.from(prepared.x), y: Array.from(prepared.y), m: prepared.m, reduction: prepared.reduction };
  const spec = prepared.model as { module?: string; export?: string; args?: { inputSize: number; width: number } };
  if (spec.module !== undefined) {
    if (spec.export === 'createFixedOutputStudent' && spec.args) return { kind: 'fixed-output-student', inputSize: spec.args.inputSize, width: spec.args.width, ...data };
    throw new Error(`peerObjective: task ${task.id}: no numpy version of the user model ${spec.module}#${spec.export}`);
  }
  if (prepared.model === null) throw new Error(`peerObjective: task ${task.id}: no numpy version of a Model object`);
  const model = await loadModel(prepared.model, 'problem.model');
  if (model instanceof DenseNetwork) return { kind: 'dense', layers: [...model.layers], activation: model.activation, bias: model.hasBias, ...data };
  if (model instanceof Example1Model) return { kind: 'example1', ...data };
  throw new Error(`peerObjective: task ${task.id}: no numpy version of model ${JSON.stringify(prepared.model)}`);
}

/**
 * θ₀ of walker 0 of a run with this seed: optimize() seeds walker i's stream with `${seed}:${i}`
 * (rng.ts createStream, walker/state.ts createWalker) and draws θ first, whatever the
 * augmentation, so this is the start of every method's walker 0.
 *
 * @example
 * await walkerZeroTheta(task, 3); // the same numbers on every call
 */
export async function walkerZeroTheta(task: BenchTask, seed: number): Promise<number[]> {
  const obj = await createObjective(problemOf(task), { augmentation: 'none' });
  const z = new Float64Array(obj.dimension);
  obj.init(createStream(String(seed), 0).next, z, 0);
  return Array.from(z.subarray(0, obj.thetaSize));
}

/**
 * The run job for these tasks: one start per seed, both modes by default.
 *
 * @example
 * const job = await buildRunJob([{ task, seeds: [0, 1], maxEvaluations: 100_000 }]);
 */
export async function buildRunJob(entries: readonly { task: BenchTask; seeds: readonly number[]; maxEvaluations: number }[], modes: PeerMode[] = ['to-target', 'defaults']): Promise<PeerJob> {
  const tasks: PeerTaskJob[] = [];
  for (const { task, seeds, maxEvaluations } of entries) {
    const starts: PeerStart[] = [];
    for (const seed of seeds) starts.push({ seed, x0: await walkerZeroTheta(task, seed) });
    tasks.push({ id: task.id, tolerance: task.tolerance, maxEvaluations, objective: await peerObjective(task), starts });
  }
  return { version: PEER_FORMAT_VERSION, kind: 'run', modes, tasks };
}
