/**
 * A deep linear network in product form: f(x) = W_L⋯W_1·x computed as (W_L⋯W_1)·x, with the
 * gradient from the products of the weights rather than from per-sample activations.
 *
 * Layer by layer, every sample pays for every layer, m·Σ n_l·n_{l−1} multiply-adds forward and
 * about twice that backward. In product form a sample costs dy·dx forward (X·Pᵀ with
 * P = W_L⋯W_1) and dy·dx backward (G = Δᵀ·X), and the rest is products of weight matrices, whose
 * cost does not grow with m:
 *
 *   ∂/∂W_l Σ_i Δ_iᵀ f(x_i) = S_lᵀ·G·P_{l−1}ᵀ,  S_l = W_L⋯W_{l+1} (S_L = I),  P_{l−1} = W_{l−1}⋯W_1 (P_0 = I).
 *
 * On the deep-linear task (8-8-8-8-2, m = 1000) that is 16 instead of 208 multiply-adds per sample
 * forward. The values agree with the layered pass up to rounding (the sums are associated
 * differently), so {@link productPays} picks the form only where it saves work.
 */
import { dcopy } from '../kernels/dcopy.js';
import { dgemmNN } from '../kernels/dgemm-nn.js';
import { dgemmNT } from '../kernels/dgemm-nt.js';
import { dgemmTN } from '../kernels/dgemm-tn.js';

/**
 * Whether the product form costs less than the layered pass for m samples of a network with
 * widths `layers` (no biases, identity activations). Per sample, the layered pass costs about
 * 3·C multiply-adds (C = Σ n_l·n_{l−1}: forward, weight gradients, deltas) and the product form
 * 2·dy·dx; the weight products cost about (3·dx + dy)·C once per call, counted 4 times over for
 * their short, unblocked loops. One layer has no product to form.
 *
 * @example
 * productPays([8, 8, 8, 8, 2], 1000); // true
 * productPays([8, 8, 8, 8, 2], 1); // false: a single sample (a Jacobian row) stays layered
 */
export function productPays(layers: readonly number[], m: number): boolean {
  const L = layers.length - 1;
  if (L < 2) return false;
  let C = 0;
  for (let l = 1; l <= L; l++) C += layers[l] * layers[l - 1];
  const dx = layers[0];
  const dy = layers[L];
  return m * (3 * C - 2 * dy * dx) > 4 * (3 * dx + dy) * C;
}

/**
 * Forward and backward passes of a bias-free linear network in product form. θ layout as
 * DenseNetwork's: W_1, …, W_L, each out×in, row-major. Buffers are sized by the widths alone, so
 * no call allocates.
 *
 * @example
 * const net = new LinearProduct([2, 2, 1]);
 * const theta = new Float64Array([1, 2, 3, 4, 5, -1]); // W_2·W_1 = [[2, 6]]
 * const out = new Float64Array(2);
 * net.forward(theta, new Float64Array([1, 1, -0.5, 2]), 2, out); // out = [8, 11]
 */
export class LinearProduct {
  private readonly layers: readonly number[];
  private readonly weightOffset: number[] = [0];
  /** P_l = W_l⋯W_1, n_l × dx, for l = 1..L (index 0 unused: P_0 = I). */
  private readonly prefix: Float64Array[] = [new Float64Array(0)];
  /** S_l = W_L⋯W_{l+1}, dy × n_l, for l = 1..L−1 (S_L = I is not stored). */
  private readonly suffix: Float64Array[] = [];
  /** G = Δᵀ·X, dy × dx. */
  private readonly g: Float64Array;
  /** S_lᵀ·G, n_l × dx, for the widest layer. */
  private readonly t: Float64Array;

  constructor(layers: readonly number[]) {
    this.layers = layers;
    const L = layers.length - 1;
    const dx = layers[0];
    const dy = layers[L];
    let offset = 0;
    let widest = 0;
    for (let l = 1; l <= L; l++) {
      this.weightOffset.push(offset);
      offset += layers[l] * layers[l - 1];
      this.prefix.push(new Float64Array(layers[l] * dx));
      widest = Math.max(widest, layers[l]);
    }
    for (let l = 0; l < L; l++) this.suffix.push(new Float64Array(l === 0 ? 0 : dy * layers[l]));
    this.g = new Float64Array(dy * dx);
    this.t = new Float64Array(widest * dx);
  }

  /** out (m × dy) ← X·P_Lᵀ. */
  forward(theta: Float64Array, x: Float64Array, m: number, out: Float64Array): void {
    const L = this.layers.length - 1;
    this.formPrefix(theta);
    dgemmNT(m, this.layers[L], this.layers[0], x, 0, this.prefix[L], 0, null, 0, out, 0);
  }

  /** grad ← Σ_i J_iᵀ·dOut_i: every W_l's block S_lᵀ·G·P_{l−1}ᵀ. */
  backward(theta: Float64Array, x: Float64Array, m: number, dOut: Float64Array, grad: Float64Array): void {
    const layers = this.layers;
    const L = layers.length - 1;
    const dx = layers[0];
    const dy = layers[L];
    this.formPrefix(theta);
    const g = this.g;
    dgemmTN(dy, dx, m, dOut, 0, x, 0, g, 0);
    // S_{L−1} = W_L, then S_{l−1} = S_l·W_l.
    const suffix = this.suffix;
    if (L >= 2) dcopy(dy * layers[L - 1], theta, 1, this.weightOffset[L], suffix[L - 1], 1, 0);
    for (let l = L - 1; l >= 2; l--) dgemmNN(dy, layers[l - 1], layers[l], suffix[l], 0, theta, this.weightOffset[l], suffix[l - 1], 0);
    for (let l = L; l >= 1; l--) {
      const nOut = layers[l];
      const nIn = layers[l - 1];
      // T = S_lᵀ·G (n_l × dx); with S_L = I, T = G.
      const t = l === L ? g : dgemmTN(nOut, dx, dy, suffix[l], 0, g, 0, this.t, 0);
      const at = this.weightOffset[l];
      if (l === 1) {
        dcopy(nOut * nIn, t, 1, 0, grad, 1, at);
      } else {
        dgemmNT(nOut, nIn, dx, t, 0, this.prefix[l - 1], 0, null, 0, grad, at);
      }
    }
  }

  /** P_1 = W_1, then P_l = W_l·P_{l−1}. */
  private formPrefix(theta: Float64Array): void {
    const layers = this.layers;
    const L = layers.length - 1;
    const dx = layers[0];
    dcopy(this.prefix[1].length, theta, 1, 0, this.prefix[1], 1, 0);
    for (let l = 2; l <= L; l++) dgemmNN(layers[l], dx, layers[l - 1], theta, this.weightOffset[l], this.prefix[l - 1], 0, this.prefix[l], 0);
  }
}
