/**
 * One walker's basin-hopping state: the last accepted minimum, the step size and the counts that
 * drive its adaptation. Plain JSON, so it goes into checkpoints as it is.
 */
import { isNewBest } from '../monitor/improvement.js';
import type { HoppingOptions } from '../options.js';
import type { Rng } from '../types.js';
import { metropolis } from './metropolis.js';
import { adaptStepSize } from './step-size.js';
import type { Move, MoveCounts } from './move-choice.js';
import { chooseMove, freshMoveCounts, recordMove } from './move-choice.js';

export interface HopState {
  /** θ of the last accepted minimum, or null before the walker's first local search ends. */
  acceptedTheta: number[] | null;
  acceptedLoss: number | null;
  stepSize: number;
  trials: number;
  accepts: number;
  /**
   * Lowest L(θ) this walker reached since its last restart, and trials since it last fell by more
   * than `minImprovement` of itself.
   */
  bestLoss: number | null;
  sinceImprovement: number;
  /** Lowest L(θ) of any of the walker's local searches, restarts or not: what a trial must beat to win. */
  lowestLoss: number | null;
  /** The move that started the current search; null for the walker's first search. */
  lastMove: Move | null;
  /** Each move's trials, wins and evaluations ('adaptive' chooses by them; counted in every mode). */
  moves: Record<Move, MoveCounts>;
  /** Evaluations of the walker's first search: the prior of the move choice. */
  priorEvaluations: number | null;
}

export function freshHopState(stepSize: number): HopState {
  return {
    acceptedTheta: null,
    acceptedLoss: null,
    stepSize,
    trials: 0,
    accepts: 0,
    bestLoss: null,
    sinceImprovement: 0,
    lowestLoss: null,
    lastMove: null,
    moves: freshMoveCounts(),
    priorEvaluations: null,
  };
}

/**
 * The hop state of a checkpoint (walker/state.ts restoreWalker): one written before the move
 * counts existed resumes with them fresh.
 *
 * @example
 * restoredHopState({ ...freshHopState(0.5), moves: undefined } as never).moves; // fresh counts
 */
export function restoredHopState(state: HopState): HopState {
  state.lowestLoss ??= null;
  state.lastMove ??= null;
  state.moves ??= freshMoveCounts();
  state.priorEvaluations ??= null;
  return state;
}

/**
 * Concludes a local search that ended at θ with L(θ) = loss after `evaluations` evaluations: the
 * first one is accepted as it is, later ones by the Metropolis rule; then the step size adapts
 * (on displacements only). Returns whether θ was accepted.
 */
export function concludeTrial(
  state: HopState,
  theta: Float64Array,
  loss: number,
  rng: Rng,
  o: Required<HoppingOptions>,
  evaluations = 0,
): boolean {
  const won = isNewBest(state.lowestLoss, loss, o.minImprovement);
  if (state.lastMove === null) state.priorEvaluations ??= Math.max(1, evaluations);
  else recordMove(state.moves, state.lastMove, evaluations, won);
  if (won) state.lowestLoss = loss;
  if (isNewBest(state.bestLoss, loss, o.minImprovement)) {
    state.bestLoss = loss;
    state.sinceImprovement = 0;
  } else {
    state.sinceImprovement += 1;
  }
  if (state.acceptedTheta === null || state.acceptedLoss === null) {
    state.acceptedTheta = Array.from(theta);
    state.acceptedLoss = loss;
    return true;
  }
  const accepted = metropolis(loss, state.acceptedLoss, o.temperature, rng);
  if (accepted) {
    state.acceptedTheta = Array.from(theta);
    state.acceptedLoss = loss;
  }
  // The step size is tuned to what displacements find; a fresh draw's minimum says nothing of it.
  if (o.mode === 'adaptive' && state.lastMove === 'restart') return accepted;
  state.trials += 1;
  if (accepted) state.accepts += 1;
  state.stepSize = adaptStepSize(state.stepSize, state, o);
  return accepted;
}

/**
 * Writes the next trial's starting θ: a uniform displacement in [−s, s] per coordinate from the
 * last accepted minimum ('displace'), a fresh draw from `init` ('restart'), or whichever of the two
 * has the higher rate of new lowest losses per evaluation ('adaptive', move-choice.ts). A displacing walker
 * also restarts after `restartAfter` trials without a new lowest loss (lower by more than
 * `minImprovement` of it): displacements from a bad region can keep landing in the same family of
 * basins (dead ReLU units, say), while fresh draws cover the whole initialization distribution. A
 * restart forgets the accepted minimum, so the next minimum reached is accepted as it is.
 */
export function proposeTheta(
  state: HopState,
  theta: Float64Array,
  rng: Rng,
  o: Required<HoppingOptions>,
  init: (rng: Rng, theta: Float64Array) => void,
): void {
  const exhausted = o.mode === 'displace' && o.restartAfter > 0 && state.sinceImprovement >= o.restartAfter;
  const move: Move =
    o.mode === 'restart' || state.acceptedTheta === null || exhausted
      ? 'restart'
      : o.mode === 'adaptive'
        ? chooseMove(state.moves, state.priorEvaluations ?? 1)
        : 'displace';
  state.lastMove = move;
  if (move === 'restart') {
    init(rng, theta);
    if (exhausted) {
      state.acceptedTheta = null;
      state.acceptedLoss = null;
      state.bestLoss = null;
      state.sinceImprovement = 0;
    }
    return;
  }
  const s = state.stepSize;
  const base = state.acceptedTheta!;
  for (let i = 0; i < theta.length; i++) theta[i] = base[i] + s * (2 * rng() - 1);
}
