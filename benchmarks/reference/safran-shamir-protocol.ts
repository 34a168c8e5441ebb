/**
 * The plain gradient-descent protocol of Safran & Shamir (ICML 2018) on their teacher–student
 * objective, as a reusable function, so that every benchmark compares against the same baseline.
 */
import seedrandom from 'seedrandom';
import { createSafranShamir } from '../../src/objectives/index.js';

/**
 * Fraction of 1000 plain-GD runs ending in a spurious minimum, n = k, as published (Safran &
 * Shamir 2018; docs/design.md §5).
 */
export const SAFRAN_SHAMIR_PUBLISHED_SPURIOUS: Readonly<Record<number, number>> = {
  6: 0.003,
  7: 0.055,
  8: 0.126,
  9: 0.218,
  10: 0.346,
  12: 0.585,
  14: 0.736,
  16: 0.851,
  18: 0.9,
  20: 0.949,
};

export interface SafranShamirGdOptions {
  /** Initial step size; halved, and the run restarted from the same W₀, on divergence. @default 0.1 */
  learningRate?: number;
  /** Stop when ‖∇F‖₂ ≤ this. @default 1e-9 */
  gradientTolerance?: number;
  /** Stop after this many gradient steps of one attempt, converged or not. @default 200_000 */
  maxSteps?: number;
  /** A run is spurious when its final objective is ≥ this. @default 1e-3 */
  spuriousThreshold?: number;
  /** Give up halving after this many restarts (the run then reports its last attempt). @default 20 */
  maxRestarts?: number;
  /**
   * Step counts at which to record the objective, to show how the verdict depends on the step cap
   * from one set of runs. A run that stopped earlier records its final objective.
   */
  checkpoints?: readonly number[];
}

export interface SafranShamirGdResult {
  /** F(W) at the end of the last attempt. */
  finalLoss: number;
  /** Gradient steps of the last attempt. */
  steps: number;
  /** finalLoss ≥ spuriousThreshold. */
  spurious: boolean;
  /** The gradient norm fell to the tolerance (false: the step cap ended the run). */
  converged: boolean;
  /** ‖∇F(W)‖₂ at the end. */
  gradientNorm: number;
  /** The step size of the last attempt. */
  learningRate: number;
  /** Restarts caused by divergence. */
  restarts: number;
  /** Objective evaluations over all attempts. */
  evaluations: number;
  /** F after each requested checkpoint, in the order given. */
  lossAtCheckpoints: number[];
}

/** An attempt diverged if F went non-finite or grew this far beyond F(W₀). */
const DIVERGENCE_FACTOR = 1e6;

/**
 * Runs one seed of the protocol: W₀ = randn/√k (n × k), gradient descent with a fixed step,
 * halved with a restart from W₀ on divergence, until ‖∇F‖ ≤ tolerance or the step cap.
 * The result depends on (k, n, seed, opts) alone.
 *
 * @example
 * const run = runSafranShamirGd(8, 8, 'k8-run0', { maxSteps: 50_000 });
 * console.log(run.spurious, run.finalLoss, run.steps);
 */
export function runSafranShamirGd(k: number, n: number, seed: string | number, opts: SafranShamirGdOptions = {}): SafranShamirGdResult {
  const gradientTolerance = opts.gradientTolerance ?? 1e-9;
  const maxSteps = opts.maxSteps ?? 200_000;
  const spuriousThreshold = opts.spuriousThreshold ?? 1e-3;
  const maxRestarts = opts.maxRestarts ?? 20;
  const checkpoints = opts.checkpoints ?? [];

  const f = createSafranShamir(k, n);
  const prng = seedrandom.xor4096(String(seed));
  const w0 = new Float64Array(f.dimension);
  f.init(() => prng.double(), w0);
  const w = new Float64Array(f.dimension);
  const grad = new Float64Array(f.dimension);
  const lossAtCheckpoints = new Array<number>(checkpoints.length).fill(Number.NaN);

  let learningRate = opts.learningRate ?? 0.1;
  let evaluations = 0;
  for (let restarts = 0; ; restarts++) {
    w.set(w0);
    lossAtCheckpoints.fill(Number.NaN);
    let loss = f.evaluate(w, grad);
    evaluations++;
    const ceiling = DIVERGENCE_FACTOR * Math.max(1, loss);
    let steps = 0;
    let diverged = false;
    let gradientNorm = norm(grad);
    for (;;) {
      if (!Number.isFinite(loss) || loss > ceiling) {
        diverged = true;
        break;
      }
      record(checkpoints, lossAtCheckpoints, steps, loss);
      if (gradientNorm <= gradientTolerance || steps >= maxSteps) break;
      for (let i = 0; i < w.length; i++) w[i] -= learningRate * grad[i];
      loss = f.evaluate(w, grad);
      evaluations++;
      steps++;
      gradientNorm = norm(grad);
    }
    if (!diverged || restarts >= maxRestarts) {
      // A run that stopped before a checkpoint would have stayed where it stopped.
      for (let c = 0; c < checkpoints.length; c++) if (Number.isNaN(lossAtCheckpoints[c])) lossAtCheckpoints[c] = loss;
      return {
        finalLoss: loss,
        steps,
        spurious: !(loss < spuriousThreshold),
        converged: gradientNorm <= gradientTolerance,
        gradientNorm,
        learningRate,
        restarts,
        evaluations,
        lossAtCheckpoints,
      };
    }
    learningRate /= 2;
  }
}

function record(checkpoints: readonly number[], out: number[], steps: number, loss: number): void {
  for (let c = 0; c < checkpoints.length; c++) if (checkpoints[c] === steps) out[c] = loss;
}

function norm(v: Float64Array): number {
  let sq = 0;
  for (let i = 0; i < v.length; i++) sq += v[i] * v[i];
  return Math.sqrt(sq);
}
