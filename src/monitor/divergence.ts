/**
 * The divergence monitor: one verdict per walker per round, from the round's end statistics.
 *
 * A fixed threshold on ‖(a, b, W)‖ detects late or never (the norm grows like ½·ln(steps) and can
 * stall under a fixed step size, docs/design.md §2). The theorems give earlier signals, combined here:
 * - θ has stalled: it barely moved over the round and L(θ) barely fell (or rose);
 * - the auxiliary carries the fit: for the neuron, L̃ ≤ carryRatio·L(θ), or L(θ) rose over the
 *   round while L̃ fell and ‖a‖ shrank (the unit taking the fit over from θ on its way out), with
 *   its output away from 0; for the scalar unit, u = a·e^b stays away from 0 (at a global minimum
 *   L = 0 and nothing pulls u off 0, so a → 0 takes u with it);
 * - it heads for infinity: ‖a‖ shrank or ‖(a, b, W)‖ grew since the previous round.
 * All three for `confirmRounds` rounds in a row give 'stuck'; for the neuron, L(θ) not falling is
 * enough in place of the first (θ itself may still move: the unit drags it), and so is carrying
 * the fit after `patience` rounds without a new best L(θ) in this search, whatever ‖a‖ does. So does a stalled θ
 * where the unit still has something to fit (residual ≥ minResidual) while it is not fitting it: near a saddle of
 * L̃ (dead ReLU units on XOR, say) the unit crawls rather than runs off, yet Theorem 1 already rules
 * θ out as a global minimum when the data are realizable or the objective's minimum is 0. That
 * last case needs no confirmation once ∂L̃/∂θ ≈ 0: θ sits at a critical point it cannot leave. A local minimum of L̃ (‖∇L̃‖, ‖a‖ and
 * the auxiliary output all ≈ 0) is a global minimum of L by Theorem 1: 'converged', certified — but
 * only with the residual ≈ 0 too (see EvaluationStats.residual): a = 0 with a small gradient also
 * happens at saddles of L̃, such as a ReLU network whose units are all dead on symmetric data.
 */
import type { MonitorOptions, Verdict } from '../options.js';
import type { Augmentation, EvaluationStats } from '../types.js';
import { isNewBest } from './improvement.js';

/** End-of-round statistics of one walker. */
export interface RoundStats extends EvaluationStats {
  /** ‖∇L̃‖ at the end of the round. */
  gradNorm: number;
  /** ‖∂L̃/∂θ‖ at the end of the round: θ's own part of the gradient. */
  thetaGradNorm: number;
  /** ‖θ_end − θ_start‖ over the round. */
  thetaStep: number;
  /** ‖θ_end‖. */
  thetaNorm: number;
  /** Steps the fixed-step methods' blow-up guard retried at half the rate this round. */
  stepRetries: number;
}

/** What the monitor remembers of a walker between rounds (plain JSON, for checkpoints). */
export interface MonitorMemory {
  prevLoss: number | null;
  prevANorm: number | null;
  prevAuxNorm: number | null;
  /** L̃ at the end of the previous round (absent in checkpoints written before it existed). */
  prevAugmentedLoss?: number | null;
  /** The lowest L(θ) of this local search so far, and the rounds since it was last lowered. */
  bestLoss?: number | null;
  sinceBest?: number;
  stuckCount: number;
  stallCount: number;
  /** This local search has already been judged 'stuck' once. */
  flagged: boolean;
}

export interface Judgement {
  verdict: Verdict;
  /** A local minimum of L̃, hence a global minimum of L (augmented runs only). */
  certified: boolean;
  /** The walker's local search is over: hop it (if hopping is on). */
  hop: boolean;
  /** The first 'stuck' verdict of this local search (what result.divergences counts). */
  newDivergence?: boolean;
}

export function freshMemory(): MonitorMemory {
  return { prevLoss: null, prevANorm: null, prevAuxNorm: null, prevAugmentedLoss: null, bestLoss: null, sinceBest: 0, stuckCount: 0, stallCount: 0, flagged: false };
}

/**
 * Judges one walker's round and updates its memory in place.
 *
 * @example
 * const memory = freshMemory();
 * judge(stats, memory, monitorOptions, 'neuron'); // { verdict: 'descending', certified: false, hop: false }
 */
export function judge(
  s: RoundStats,
  memory: MonitorMemory,
  o: Required<MonitorOptions>,
  augmentation: Augmentation,
  localConverged = false,
): Judgement {
  const augmented = augmentation !== 'none';
  const prevLoss = memory.prevLoss;
  const prevA = memory.prevANorm;
  const prevAux = memory.prevAuxNorm;
  const prevAugmented = memory.prevAugmentedLoss ?? null;
  memory.prevLoss = s.loss;
  memory.prevANorm = s.aNorm;
  memory.prevAuxNorm = s.auxNorm;
  memory.prevAugmentedLoss = s.augmentedLoss;
  const bestLoss = memory.bestLoss ?? null;
  // A new best must beat the old one by the same relative margin that counts as L(θ) falling.
  const improved = isNewBest(bestLoss, s.loss, o.lossTolerance);
  memory.bestLoss = bestLoss === null ? s.loss : Math.min(bestLoss, s.loss);
  memory.sinceBest = improved ? 0 : (memory.sinceBest ?? 0) + 1;

  const atCritical = s.gradNorm <= o.gradientTolerance;
  const nothingLeftToFit = s.aNorm <= o.certifyTolerance && s.auxOutput <= o.certifyTolerance && s.residual <= o.certifyTolerance;
  if (augmented && atCritical && nothingLeftToFit) {
    memory.stuckCount = 0;
    memory.stallCount = 0;
    return { verdict: 'converged', certified: true, hop: false };
  }
  // Nothing left to fit but not yet certified: a decays at rate 2λ·lr and will get there. Hopping
  // it as merely 'stalled' would throw a global minimum away.
  if (augmented && s.residual <= o.certifyTolerance && s.auxOutput <= o.minAuxOutput) {
    memory.stuckCount = 0;
    memory.stallCount = 0;
    return { verdict: 'converged', certified: false, hop: false };
  }
  // A local search that converged (L-BFGS's own test) has reached a critical point of what it
  // descends, to the precision the method can give: the monitor need not wait for θ to sit still
  // for a round or for the gradient to fall below an absolute tolerance. Certification above stays
  // on the strict test.
  if (!augmented && (atCritical || localConverged)) {
    memory.stuckCount = 0;
    memory.stallCount = 0;
    return { verdict: 'converged', certified: false, hop: true };
  }

  const thetaStill = s.thetaStep <= o.thetaTolerance * (1 + s.thetaNorm);
  const lossStill = prevLoss !== null && prevLoss - s.loss <= o.lossTolerance * Math.abs(prevLoss);
  const stalled = (thetaStill && lossStill) || localConverged;

  // Scalar: at L ≈ 0 only λa² pulls on a, so u stays off 0 and ‖a‖ shrinks at a global minimum
  // too; the unit carries the fit only while there is a fit to carry (√L above certifyTolerance).
  // Neuron: it carries the fit when L̃ is well below L(θ), or when it is taking the fit over from θ
  // on its way out: L(θ) rose over the round while L̃ fell and ‖a‖ shrank. (With ‖a‖ growing the
  // unit is still being fitted, as early in a search; θ then often recovers.)
  const takingOver =
    prevLoss !== null && prevAugmented !== null && prevA !== null && s.loss > prevLoss && s.augmentedLoss < prevAugmented && s.aNorm < prevA;
  const carrying =
    augmentation === 'neuron'
      ? (s.augmentedLoss <= o.carryRatio * s.loss || takingOver) && s.auxOutput >= o.minAuxOutput
      : augmentation === 'scalar' && s.auxOutput >= o.minAuxOutput && s.residual > o.certifyTolerance;
  const diverging = prevA !== null && prevAux !== null && (s.aNorm < prevA || s.auxNorm > prevAux);

  const unfit = augmented && s.residual >= o.minResidual;
  // θ at a critical point of L̃ while the unit still has something to fit: no need to wait for
  // confirmation, this θ is not a global minimum (the unaugmented baselines hop at the same moment).
  const thetaCritical = s.thetaGradNorm <= o.gradientTolerance || localConverged;
  // While the neuron carries the fit and heads off, L(θ) not falling is enough: θ may keep moving
  // (momentum, or the unit dragging it) and L(θ) may even rise as L̃ falls. The scalar unit's
  // carry signal is weaker (u off 0), so there θ must have stalled as well.
  const held = augmentation === 'neuron' ? lossStill : stalled;
  // The round-to-round signals miss a walker that circles: momentum and the exponential's steep
  // curvature can make L(θ), ‖a‖ and L̃ oscillate for dozens of rounds while the unit carries the
  // fit (L̃ flat, L(θ) far above it). No new best L(θ) for `patience` rounds settles it.
  const circling = augmentation === 'neuron' && carrying && memory.sinceBest >= o.patience;
  memory.stuckCount = (held && carrying && diverging) || (stalled && unfit) || circling ? memory.stuckCount + 1 : 0;
  if (memory.stuckCount >= o.confirmRounds || (unfit && thetaCritical)) {
    const newDivergence = !memory.flagged;
    memory.flagged = true;
    return { verdict: 'stuck', certified: false, hop: true, newDivergence };
  }

  if (stalled) {
    memory.stallCount += 1;
    return { verdict: 'stalled', certified: false, hop: memory.stallCount >= o.patience };
  }
  memory.stallCount = 0;
  return { verdict: 'descending', certified: false, hop: false };
}
