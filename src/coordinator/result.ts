/** What `optimize()` returns, and the per-round history it keeps. */
import type { Verdict } from '../options.js';
import type { EvaluationStats } from '../types.js';
import type { Faults } from './fault-details.js';
import { describeFaultCauses } from './fault-details.js';

export type StopReason =
  /** The best L(θ) reached options.targetLoss. */
  | 'target'
  /** A walker reached a local minimum of L̃: by Theorem 1, θ is a global minimum of L. */
  | 'certified'
  | 'max-evaluations'
  | 'max-rounds'
  | 'time-limit'
  /** options.signal was aborted. */
  | 'aborted'
  /** options.onProgress returned false. */
  | 'callback'
  /** Every walker faulted three rounds in a row: the stop reason of ALL_WALKERS_FAULTED's details.best. */
  | 'faulted'
  /** The executor's Redis became unreachable: the stop reason of EXECUTOR_UNAVAILABLE's details.best. */
  | 'executor-unavailable';

/** One walker's state at the end of a round (NaN statistics for a round that faulted). */
export interface WalkerRecord extends EvaluationStats {
  walker: number;
  verdict: Verdict | 'fault';
  gradNorm: number;
  /** The walker was hopped (or restarted) after this round. */
  hopped: boolean;
  /** Evaluations this walker has spent in its current local search, this round included. */
  searchEvaluations: number;
}

export interface RoundRecord {
  round: number;
  /** Evaluations summed over walkers, up to the end of this round. */
  evaluations: number;
  bestLoss: number;
  verdicts: Record<Verdict, number>;
  hops: number;
  walkers: WalkerRecord[];
}

export interface OptimizeResult {
  /** θ of the best point found (lowest L(θ)) over all walkers and rounds. */
  theta: Float64Array;
  /** L(θ), the original objective, at that point. */
  loss: number;
  /** L̃ at that point (equal to loss without augmentation). */
  augmentedLoss: number;
  /** The auxiliary parameters at that point; empty arrays where they do not exist. */
  aux: { a: Float64Array; b: Float64Array; W: Float64Array };
  stopReason: StopReason;
  /** Whether some walker was certified at a local minimum of L̃. */
  certified: boolean;
  /** Gradient evaluations summed over all walkers. */
  evaluations: number;
  rounds: number;
  /** Basin-hopping moves (or restarts) made. */
  hops: number;
  /** Local searches judged 'stuck': θ stalled while the auxiliary ran off to infinity. */
  divergences: number;
  /**
   * Steps of a fixed-step method (gd, nesterov, adam) that blew up and were retried at half the
   * learning rate (options.local.blowUpFactor). Above 0, the learning rate is too large for the
   * problem; the default method, lbfgs, needs none.
   */
  stepRetries: number;
  /**
   * Faults survived: walkers reset after NaN/overflow ('numerical'), rounds that threw or were
   * lost with their thread ('worker'), and the worker faults' causes by distinct message (`details`:
   * for a user module, its export and file, the thrown message and the frame it was thrown at).
   */
  faults: Faults;
  elapsedMs: number;
  /**
   * Worker threads the run ended on: 0 when its last batches ran in-process (always with
   * threads: 0; with threads left out, when the pool did not pay for a cheap objective).
   */
  threads: number;
  history: RoundRecord[];
  /** A plain-English account of why the run stopped and what it found (and the warnings, if any). */
  message: string;
  /**
   * Things the run did differently from what was asked, each said once: e.g. a problem from code
   * (a function or object) given `threads` ≥ 1 ran in-process. Empty when there are none.
   */
  warnings: string[];
  /**
   * The final checkpoint: pass it as options.resume to continue. Built only when asked for
   * (options.onCheckpoint or options.checkpoint); undefined otherwise.
   */
  checkpoint: unknown;
}

export function explain(r: Omit<OptimizeResult, 'message' | 'checkpoint' | 'warnings'>): string {
  const why: Record<StopReason, string> = {
    target: 'the best loss reached targetLoss',
    certified: 'a walker reached a local minimum of the augmented loss, so θ is a global minimum of L (Theorem 1)',
    'max-evaluations': 'the evaluation budget ran out',
    'max-rounds': 'the round limit was reached',
    'time-limit': 'the time limit was reached',
    aborted: 'the signal was aborted',
    callback: 'onProgress returned false',
    faulted: 'every walker faulted three rounds in a row',
    'executor-unavailable': "the executor's Redis became unreachable",
  };
  const faults = r.faults.numerical + r.faults.worker;
  return (
    `Stopped after ${r.rounds} rounds and ${r.evaluations} evaluations because ${why[r.stopReason]}. ` +
    `Best L(θ) = ${r.loss.toPrecision(6)} (L̃ = ${r.augmentedLoss.toPrecision(6)}). ` +
    `${r.divergences} stuck verdicts, ${r.hops} hops` +
    (faults > 0 ? `, ${r.faults.numerical} numerical and ${r.faults.worker} worker faults survived` : '') +
    (r.faults.details.length > 0 ? ` (${describeFaultCauses(r.faults, 1)}).` : '.') +
    (r.stepRetries > 0
      ? ` ${r.stepRetries} steps blew up and were retried at half the learning rate: the learning rate is too large for this problem (try a smaller one, or the default method).`
      : '')
  );
}

export function emptyVerdicts(): Record<Verdict, number> {
  return { descending: 0, converged: 0, stuck: 0, stalled: 0 };
}
