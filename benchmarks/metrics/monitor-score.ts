/**
 * Scores the divergence monitor against ground truth (docs/design.md §5). Input: the history of a run
 * of the default local method on L̃ without hops, where every walker is one local search (a numerical
 * fault resets a walker, which starts a new search). Truth: a search is truly stuck when θ never
 * reaches the tolerance although it ran for at least ten times the rounds it took the monitor to
 * flag it (and at least half the run when it was never flagged).
 */
import type { RoundRecord } from '../../src/index.js';
import { median, quantile } from './stats.js';

/** A search that changes L(θ) by at most this fraction between rounds has stalled. */
export const STALL_TOLERANCE = 1e-3;
/** Ground truth needs the search to have run this many times the rounds of its first verdict. */
export const TRUTH_FACTOR = 10;

export type Truth = 'stuck' | 'converging' | 'undetermined';

/** One local search of one walker, rounds counted from its first round (1-based). */
export interface SearchRecord {
  walker: number;
  /** Round of the run at which the search began (its first round is this + 1). */
  startRound: number;
  rounds: number;
  /** First round with L(θ) ≤ tolerance, or null. */
  reachedRound: number | null;
  /** First 'stuck' verdict, or null. */
  flaggedRound: number | null;
  /** First round after which L(θ) never changed by more than STALL_TOLERANCE (relative), or null. */
  stallRound: number | null;
  truth: Truth;
  /** (flaggedRound − stallRound)·K for a truly stuck search that was flagged, else null. */
  latencySteps: number | null;
  trajectory: { round: number; loss: number; augmentedLoss: number; auxNorm: number; aNorm: number; verdict: string }[];
}

export interface MonitorScore {
  searches: number;
  trulyStuck: number;
  converging: number;
  undetermined: number;
  flagged: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** NaN when nothing was flagged. */
  precision: number;
  /** NaN when nothing was truly stuck. */
  recall: number;
  medianLatencySteps: number;
  p90LatencySteps: number;
}

/**
 * Splits a history into local searches and labels each.
 *
 * @example
 * const searches = splitSearches(result.history, 1e-3, 100, 300);
 */
export function splitSearches(history: readonly RoundRecord[], tolerance: number, stepsPerRound: number, runRounds: number): SearchRecord[] {
  const open = new Map<number, RoundRecord['walkers'][number][]>();
  const starts = new Map<number, number>();
  const searches: SearchRecord[] = [];
  const close = (walker: number) => {
    const records = open.get(walker);
    if (records && records.length > 0) searches.push(label(walker, starts.get(walker)!, records, tolerance, stepsPerRound, runRounds));
    open.set(walker, []);
  };
  for (const round of history) {
    for (const w of round.walkers) {
      if (!open.has(w.walker)) {
        open.set(w.walker, []);
        starts.set(w.walker, round.round - 1);
      }
      if (w.verdict === 'fault') {
        close(w.walker);
        starts.set(w.walker, round.round);
        continue;
      }
      open.get(w.walker)!.push(w);
      if (w.hopped) {
        close(w.walker);
        starts.set(w.walker, round.round);
      }
    }
  }
  for (const walker of [...open.keys()].sort((a, b) => a - b)) close(walker);
  return searches;
}

function label(
  walker: number,
  startRound: number,
  records: RoundRecord['walkers'][number][],
  tolerance: number,
  K: number,
  runRounds: number,
): SearchRecord {
  const rounds = records.length;
  const reachedIdx = records.findIndex((r) => r.loss <= tolerance);
  const flaggedIdx = records.findIndex((r) => r.verdict === 'stuck');
  const reachedRound = reachedIdx < 0 ? null : reachedIdx + 1;
  const flaggedRound = flaggedIdx < 0 ? null : flaggedIdx + 1;
  let truth: Truth;
  if (reachedRound !== null) truth = 'converging';
  else if (flaggedRound !== null) truth = rounds >= TRUTH_FACTOR * flaggedRound ? 'stuck' : 'undetermined';
  else truth = rounds >= Math.max(1, Math.floor(runRounds / 2)) ? 'stuck' : 'undetermined';
  const stallRound = findStall(records.map((r) => r.loss));
  const latencySteps = truth === 'stuck' && flaggedRound !== null && stallRound !== null ? (flaggedRound - stallRound) * K : null;
  return {
    walker,
    startRound,
    rounds,
    reachedRound,
    flaggedRound,
    stallRound,
    truth,
    latencySteps,
    trajectory: records.map((r, i) => ({
      round: i + 1,
      loss: r.loss,
      augmentedLoss: r.augmentedLoss,
      auxNorm: r.auxNorm,
      aNorm: r.aNorm,
      verdict: r.verdict,
    })),
  };
}

/**
 * The first round (1-based) after which L never moves by more than STALL_TOLERANCE relative to
 * itself; null if the last two rounds still moved. A search of one round has stalled at round 1.
 *
 * @example
 * findStall([5, 3, 2.9999, 2.9999]); // 2
 */
export function findStall(losses: readonly number[]): number | null {
  let stall = 1;
  for (let i = 1; i < losses.length; i++) {
    const prev = losses[i - 1];
    const moved = Math.abs(losses[i] - prev) > STALL_TOLERANCE * Math.max(Math.abs(prev), Number.MIN_VALUE);
    if (moved || !Number.isFinite(losses[i])) stall = i + 1;
  }
  return stall === losses.length && losses.length > 1 ? null : stall;
}

/**
 * Precision, recall and latency over the searches of one task.
 *
 * @example
 * scoreMonitor(searches).precision; // flagged searches that were truly stuck / flagged (determined only)
 */
export function scoreMonitor(searches: readonly SearchRecord[]): MonitorScore {
  const determined = searches.filter((s) => s.truth !== 'undetermined');
  const flagged = determined.filter((s) => s.flaggedRound !== null);
  const stuck = determined.filter((s) => s.truth === 'stuck');
  const tp = flagged.filter((s) => s.truth === 'stuck').length;
  const latencies = stuck.flatMap((s) => (s.latencySteps === null ? [] : [s.latencySteps]));
  return {
    searches: searches.length,
    trulyStuck: stuck.length,
    converging: determined.length - stuck.length,
    undetermined: searches.length - determined.length,
    flagged: flagged.length,
    truePositives: tp,
    falsePositives: flagged.length - tp,
    falseNegatives: stuck.length - tp,
    precision: flagged.length === 0 ? NaN : tp / flagged.length,
    recall: stuck.length === 0 ? NaN : tp / stuck.length,
    medianLatencySteps: median(latencies),
    p90LatencySteps: quantile(latencies, 0.9),
  };
}
