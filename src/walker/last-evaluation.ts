/**
 * Remembers the point and full gradient of the objective's last evaluation in a round, so that the
 * round's end statistics can reuse it when the stepper ended exactly there. L-BFGS ends most
 * rounds at the point its line search evaluated last (the accepted trial), and with rounds that
 * end as soon as a local search converges, one more evaluation per round was a tenth of a search.
 * The reused gradient is the one the statistics' own evaluation would compute at the same point,
 * bit for bit: only the count of evaluations changes.
 */
import type { Differentiable } from '../types.js';

/**
 * @example
 * const last = new LastEvaluation(obj.dimension);
 * const f = last.track(obj); // evaluate through f; then:
 * if (last.isAt(z)) grad.set(last.grad); // obj.stats are z's too
 */
export class LastEvaluation {
  readonly grad: Float64Array;
  private readonly z: Float64Array;
  private valid = false;
  /** The recorded evaluation was a resting one (see record). */
  resting = false;

  constructor(dimension: number) {
    this.z = new Float64Array(dimension);
    this.grad = new Float64Array(dimension);
  }

  /** f, recording each evaluation that has a gradient. */
  track(f: Differentiable): Differentiable {
    return {
      dimension: f.dimension,
      evaluate: (z, grad) => {
        this.valid = false;
        const value = f.evaluate(z, grad);
        if (grad !== null) this.record(z, grad, false);
        return value;
      },
    };
  }

  /**
   * Records an evaluation at z with its gradient. `resting`: it was the objective's evaluateResting,
   * whose grad lacks the auxiliary's entries until the objective's completeResting fills them in.
   */
  record(z: Float64Array, grad: Float64Array, resting: boolean): void {
    this.z.set(z);
    this.grad.set(grad);
    this.resting = resting;
    this.valid = true;
  }

  /** An evaluation that did not go through track() (a shortcut, say) has set the objective's stats since. */
  invalidate(): void {
    this.valid = false;
  }

  /** Forgets the last round's evaluation. */
  reset(): void {
    this.valid = false;
  }

  /** Whether the last evaluation was a tracked one at exactly z (and so obj.stats describe z). */
  isAt(z: Float64Array): boolean {
    if (!this.valid) return false;
    const own = this.z;
    for (let i = 0; i < z.length; i++) if (own[i] !== z[i] && !(Number.isNaN(own[i]) && Number.isNaN(z[i]))) return false;
    return true;
  }
}
