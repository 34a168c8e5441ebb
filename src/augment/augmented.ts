/**
 * The interface of every (possibly) augmented objective: L̃ over z = [θ, auxiliary], plus the
 * statistics of its last evaluation that the divergence monitor reads.
 */
import type { Augmentation, AuxParts, Differentiable, EvaluationStats, Rng } from '../types.js';
import type { LeastSquares } from '../optimizers/stepper.js';

export interface AugmentedObjective extends Differentiable {
  readonly augmentation: Augmentation;
  /** λ of the regularizer λ‖a‖² (0 without augmentation). */
  readonly lambda: number;
  /** Length of θ; the auxiliary parameters follow it in z. */
  readonly thetaSize: number;
  /** Total length of z. */
  readonly dimension: number;
  /** Returns L̃(z) and writes ∇L̃(z) into grad when given. Throws NUMERICAL_FAULT on overflow or NaN. */
  evaluate(z: Float64Array, grad: Float64Array | null): number;
  /** Statistics of the last `evaluate` call. The object is reused: copy what you keep. */
  readonly stats: EvaluationStats;
  /** Views (not copies) of θ, a, b and W inside z; empty arrays where a part does not exist. */
  split(z: Float64Array): AuxParts;
  /** Writes a random θ₀ into z's θ part and a fresh auxiliary (see `resetAux`). */
  init(rng: Rng, z: Float64Array, auxScale: number): void;
  /** A fresh, small auxiliary: a ~ U[−auxScale, auxScale], b = 0, W = 0. */
  resetAux(rng: Rng, z: Float64Array, auxScale: number): void;
  /**
   * The auxiliary's neutral point, where ∂L̃/∂θ = ∇L: a = 0, b = 0, W = 0 for the neuron (L̃ = L);
   * a = 1, b = 0 for the scalar unit (a·e^b = 1, L̃ = L + λ). A dormant auxiliary rests there.
   */
  restAux(z: Float64Array): void;
  /** Switches a resting auxiliary on at a = 0 (and b = 0, W = 0), the point Theorem 1 certifies at. */
  wakeAux(z: Float64Array): void;
  /**
   * Where the augmentation has one (the neuron): `evaluate` for a z whose auxiliary rests at its
   * neutral point, with the auxiliary's gradient entries set to 0, computed without the unit.
   */
  evaluateResting?(z: Float64Array, grad: Float64Array | null): number;
  /**
   * Present with `evaluateResting`: when the objective's last evaluation was evaluateResting(z, grad)
   * at a resting z, writes the auxiliary's entries of the full ∇L̃(z) into that grad and completes
   * the stats, so that grad and stats are what evaluate(z, grad) gives, and returns true; returns
   * false (changing nothing) otherwise.
   */
  completeResting?(grad: Float64Array): boolean;
  /** Present when L̃ is a sum of squares (squared loss), for Levenberg–Marquardt. */
  readonly leastSquares: LeastSquares | null;
}

export const EMPTY = new Float64Array(0);

/** a_k ~ U[−s, s] for the first `count` entries at `offset`, zeros for the rest of the auxiliary. */
export function fillAux(rng: Rng, z: Float64Array, offset: number, aCount: number, scale: number): void {
  for (let k = 0; k < aCount; k++) z[offset + k] = scale * (2 * rng() - 1);
  z.fill(0, offset + aCount);
}
