/**
 * Views of exactly n entries at the start of a longer vector, for the user's functions: the
 * package's steppers work on z = [θ, auxiliary] and the user must see θ alone. A view is made once
 * per buffer and kept, since subarray allocates an object and the user's function may cost no
 * more than that (Rastrigin in 2 dimensions: tens of nanoseconds).
 */
import { invalid } from '../errors.js';

/**
 * Two buffers are kept, the most seen in turn on the hot path: one (z, grad) pair for gd, Adam and
 * Nesterov, two for L-BFGS (x and its trial). Fields rather than arrays, for the cheapest lookup.
 *
 * @example
 * const view = new ExactView(3, 'theta');
 * const z = new Float64Array(5);
 * view.of(z).length; // 3, a view sharing z's memory
 * view.of(z) === view.of(z); // true: made once per buffer
 */
export class ExactView {
  private source0: Float64Array | null = null;
  private view0: Float64Array | null = null;
  private source1: Float64Array | null = null;
  private view1: Float64Array | null = null;
  /** Which slot the next new buffer replaces. */
  private replaceFirst = true;

  constructor(
    readonly length: number,
    /** Names the argument in the error for a vector that is too short. */
    private readonly name: string,
  ) {}

  /** `v` itself when it has exactly `length` entries, else a view of its first `length`. */
  of(v: Float64Array): Float64Array {
    if (v.length === this.length) return v;
    if (v === this.source0) return this.view0!;
    if (v === this.source1) return this.view1!;
    return this.remember(v);
  }

  private remember(v: Float64Array): Float64Array {
    if (v.length < this.length) invalid(this.name, v, `at least ${this.length} values`);
    const view = v.subarray(0, this.length);
    if (this.replaceFirst) {
      this.source0 = v;
      this.view0 = view;
    } else {
      this.source1 = v;
      this.view1 = view;
    }
    this.replaceFirst = !this.replaceFirst;
    return view;
  }
}
