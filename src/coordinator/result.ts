/** What `optimize()` returns, and the per-round history it keeps. */
import type { Verdict } from '../options.js';
import type { EvaluationStats } from '../types.js';

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
  | 'callback';

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
  /** Faults survived: walkers reset after NaN/overflow ('numerical') or a failed worker ('worker'). */
  faults: { numerical: number; worker: number };
  elapsedMs: number;
  history: RoundRecord[];
  /** A plain-English account of why the run stopped and what it found (and the warnings, if any). */
  message: string;
  /**
   * Things the run did differently from what was asked, each said once: e.g. a problem from code
   * (a function or object) given `threads` ≥ 1 ran in-process. Empty when there are none.
   */
  warnings: string[];
  /** The final checkpoint: pass it as options.resume to continue. */
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
  };
  const faults = r.faults.numerical + r.faults.worker;
  return (
    `Stopped after ${r.rounds} rounds and ${r.evaluations} evaluations because ${why[r.stopReason]}. ` +
    `Best L(θ) = ${r.loss.toPrecision(6)} (L̃ = ${r.augmentedLoss.toPrecision(6)}). ` +
    `${r.divergences} stuck verdicts, ${r.hops} hops` +
    (faults > 0 ? `, ${r.faults.numerical} numerical and ${r.faults.worker} worker faults survived.` : '.')
  );
}

export function emptyVerdicts(): Record<Verdict, number> {
  return { descending: 0, converged: 0, stuck: 0, stalled: 0 };
}
