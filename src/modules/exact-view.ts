/**
 * Views of exactly n entries at the start of a longer vector, for the user's functions: the
 * package's steppers work on z = [θ, auxiliary] and the user must see θ alone. A view is made once
 * per buffer and kept, since subarray allocates an object and the user's function may cost no
 * more than that (Rastrigin in 2 dimensions: tens of nanoseconds).
 */
import { invalid } from '../errors.js';

/** Buffers seen in turn on the hot path: one (z, grad) pair for gd, Adam and Nesterov, two for L-BFGS (x and its trial). */
const SLOTS = 2;

/**
 * @example
 * const view = new ExactView(3, 'theta');
 * const z = new Float64Array(5);
 * view.of(z).length; // 3, a view sharing z's memory
 * view.of(z) === view.of(z); // true: made once per buffer
 */
export class ExactView {
  private readonly sources: (Float64Array | null)[] = new Array<Float64Array | null>(SLOTS).fill(null);
  private readonly views: (Float64Array | null)[] = new Array<Float64Array | null>(SLOTS).fill(null);
  private next = 0;

  constructor(
    readonly length: number,
    /** Names the argument in the error for a vector that is too short. */
    private readonly name: string,
  ) {}

  /** `v` itself when it has exactly `length` entries, else a view of its first `length`. */
  of(v: Float64Array): Float64Array {
    if (v.length === this.length) return v;
    // Unrolled for SLOTS = 2.
    if (v === this.sources[0]) return this.views[0]!;
    if (v === this.sources[1]) return this.views[1]!;
    return this.remember(v);
  }

  private remember(v: Float64Array): Float64Array {
    if (v.length < this.length) invalid(this.name, v, `at least ${this.length} values`);
    const view = v.subarray(0, this.length);
    const slot = this.next;
    this.next = (slot + 1) % SLOTS;
    this.sources[slot] = v;
    this.views[slot] = view;
    return view;
  }
}
