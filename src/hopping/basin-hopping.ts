/**
 * One walker's basin-hopping state: the last accepted minimum, the step size and the counts that
 * drive its adaptation. Plain JSON, so it goes into checkpoints as it is.
 */
import { isNewBest } from '../monitor/improvement.js';
import type { HoppingOptions } from '../options.js';
import type { Rng } from '../types.js';
import { metropolis } from './metropolis.js';
import { adaptStepSize } from './step-size.js';

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
}

export function freshHopState(stepSize: number): HopState {
  return { acceptedTheta: null, acceptedLoss: null, stepSize, trials: 0, accepts: 0, bestLoss: null, sinceImprovement: 0 };
}

/**
 * Concludes a local search that ended at θ with L(θ) = loss: the first one is accepted as it is,
 * later ones by the Metropolis rule; then the step size adapts. Returns whether θ was accepted.
 */
export function concludeTrial(
  state: HopState,
  theta: Float64Array,
  loss: number,
  rng: Rng,
  o: Required<HoppingOptions>,
): boolean {
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
  state.trials += 1;
  if (accepted) {
    state.accepts += 1;
    state.acceptedTheta = Array.from(theta);
    state.acceptedLoss = loss;
  }
  state.stepSize = adaptStepSize(state.stepSize, state, o);
  return accepted;
}

/**
 * Writes the next trial's starting θ: a uniform displacement in [−s, s] per coordinate from the
 * last accepted minimum ('displace'), or a fresh draw from `init` ('restart'). A displacing walker
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
  const exhausted = o.restartAfter > 0 && state.sinceImprovement >= o.restartAfter;
  if (o.mode === 'restart' || state.acceptedTheta === null || exhausted) {
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
  const base = state.acceptedTheta;
  for (let i = 0; i < theta.length; i++) theta[i] = base[i] + s * (2 * rng() - 1);
}
