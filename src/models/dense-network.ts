/**
 * The engine behind the MLP and the deep linear network: a stack of dense layers,
 * z_l = W_l·a_{l−1} (+ b_l), a_l = σ(z_l) on hidden layers, a linear output layer.
 *
 * θ layout: for each layer l in order, W_l (out×in, row-major) then b_l (out) when the network has
 * biases. Storing W out×in makes every product a dot product over contiguous memory (see dgemmNT).
 *
 * Activations live in per-instance buffers that grow only when m grows, so warmed-up calls do not
 * allocate. `backward` reuses the activations of the preceding `forward`; it keeps a copy of the θ
 * and x that forward saw and recomputes the forward pass when they differ, so a caller that
 * interleaves calls (or steps θ in place in between) still gets the right gradient. A bias-free
 * linear network (the deep linear model) runs large batches in product form instead
 * (linear-product.ts), whose cost per sample does not grow with depth.
 */
import { Matrix } from 'ml-matrix';
import { dgemmNT } from '../kernels/dgemm-nt.js';
import { dtranspose } from '../kernels/dtranspose.js';
import type { Activation, InitSpec, Model, Rng } from '../types.js';
import { getActivation, type ActivationFunction } from './activations.js';
import { checkBatch, checkTheta } from './check-buffers.js';
import { initParameters, type ParameterBlock } from './init.js';
import { LinearProduct, productPays } from './linear-product.js';

export interface DenseNetworkOptions {
  /** Widths [dx, h1, …, dy], at least two positive integers (validated by the callers). */
  readonly layers: readonly number[];
  /** Applied to every hidden layer; the output layer is linear. */
  readonly activation: Activation;
  /** Whether each layer has a bias vector b_l after its W_l. */
  readonly bias: boolean;
  readonly init: InitSpec;
}

/**
 * Buffers for one batch size. Index l runs over layers 1..L; entries for l = 0 and l = L are
 * unused (the input is x, the output goes to the caller's buffer).
 */
class Workspace {
  /** −1 until the first `ensure`, so that even m = 0 gets (empty) buffers. */
  capacity = -1;
  readonly z: Float64Array[] = [];
  readonly a: Float64Array[] = [];
  deltaA = new Float64Array(0);
  deltaB = new Float64Array(0);
  deltaT = new Float64Array(0);
  inputT = new Float64Array(0);
  out = new Float64Array(0);
  /** What the last forward pass saw; `m < 0` means nothing is cached. */
  m = -1;
  theta: Float64Array;
  x = new Float64Array(0);

  constructor(
    private readonly net: { layers: readonly number[]; identity: boolean; parameterCount: number },
  ) {
    this.theta = new Float64Array(net.parameterCount);
  }

  /** Makes room for m samples, reallocating only when m exceeds what was allocated before. */
  ensure(m: number): void {
    if (m <= this.capacity) return;
    const { layers, identity } = this.net;
    const L = layers.length - 1;
    let maxHidden = 0;
    let maxIn = 0;
    let maxOut = 0;
    for (let l = 1; l <= L; l++) {
      if (l < L) maxHidden = Math.max(maxHidden, layers[l]);
      maxIn = Math.max(maxIn, layers[l - 1]);
      maxOut = Math.max(maxOut, layers[l]);
    }
    for (let l = 1; l < L; l++) {
      this.z[l] = new Float64Array(m * layers[l]);
      // With σ = identity, a_l = z_l: one buffer serves both.
      this.a[l] = identity ? this.z[l] : new Float64Array(m * layers[l]);
    }
    this.deltaA = new Float64Array(m * maxHidden);
    this.deltaB = new Float64Array(m * maxHidden);
    this.deltaT = new Float64Array(m * maxOut);
    this.inputT = new Float64Array(m * maxIn);
    this.out = new Float64Array(m * layers[L]);
    this.x = new Float64Array(m * layers[0]);
    this.capacity = m;
    this.m = -1;
  }

  /** Whether the cached activations belong to this θ, x and m. */
  holds(theta: Float64Array, x: Float64Array, m: number): boolean {
    if (this.m !== m) return false;
    const P = this.net.parameterCount;
    const t = this.theta;
    for (let k = 0; k < P; k++) if (t[k] !== theta[k]) return false;
    const n = m * this.net.layers[0];
    const c = this.x;
    for (let k = 0; k < n; k++) if (c[k] !== x[k]) return false;
    return true;
  }

  remember(theta: Float64Array, x: Float64Array, m: number): void {
    // Element loops, not set(subarray(…)): a subarray is a new object on every call, and in the
    // hot loop that garbage makes V8's collector compete with the walkers for the cores.
    const P = this.net.parameterCount;
    const t = this.theta;
    for (let k = 0; k < P; k++) t[k] = theta[k];
    const n = m * this.net.layers[0];
    const c = this.x;
    for (let k = 0; k < n; k++) c[k] = x[k];
    this.m = m;
  }
}

/**
 * A dense feed-forward network implementing {@link Model} by hand.
 *
 * @example
 * const net = new DenseNetwork({ layers: [2, 3, 1], activation: 'tanh', bias: true, init: 'glorot' });
 * const theta = new Float64Array(net.parameterCount); // 13
 * net.init(Math.random, theta);
 * const out = new Float64Array(4);
 * net.forward(theta, new Float64Array([0, 0, 0, 1, 1, 0, 1, 1]), 4, out);
 */
export class DenseNetwork implements Model {
  readonly inputSize: number;
  readonly outputSize: number;
  readonly parameterCount: number;
  readonly layers: readonly number[];
  readonly activation: Activation;
  readonly hasBias: boolean;
  readonly initSpec: InitSpec;

  private readonly act: ActivationFunction;
  /** weightOffset[l] and biasOffset[l] locate W_l and b_l in θ (index 0 unused). */
  private readonly weightOffset: number[] = [0];
  private readonly biasOffset: number[] = [0];
  private readonly blocks: ParameterBlock[] = [];
  /** Scratch for Wᵀ, sized for the largest layer; independent of m. */
  private readonly weightT: Float64Array;
  private readonly batch: Workspace;
  /** A separate workspace for `jacobian`, so that it never clobbers the batch cache. */
  private readonly single: Workspace;
  private readonly unit: Float64Array;
  private readonly row: Float64Array;
  /** The product form of a bias-free linear network, for batches where it saves work; else null. */
  private readonly product: LinearProduct | null;

  constructor(options: DenseNetworkOptions) {
    const layers = Object.freeze(options.layers.slice());
    this.layers = layers;
    this.activation = options.activation;
    this.hasBias = options.bias;
    this.initSpec = options.init;
    this.act = getActivation(options.activation);
    this.inputSize = layers[0];
    this.outputSize = layers[layers.length - 1];

    let offset = 0;
    let maxWeights = 0;
    for (let l = 1; l < layers.length; l++) {
      const fanIn = layers[l - 1];
      const fanOut = layers[l];
      this.weightOffset.push(offset);
      this.blocks.push({ offset, count: fanIn * fanOut, kind: 'weight', fanIn, fanOut });
      offset += fanIn * fanOut;
      maxWeights = Math.max(maxWeights, fanIn * fanOut);
      this.biasOffset.push(offset);
      if (options.bias) {
        this.blocks.push({ offset, count: fanOut, kind: 'bias', fanIn, fanOut });
        offset += fanOut;
      }
    }
    this.parameterCount = offset;
    this.weightT = new Float64Array(maxWeights);

    const shape = { layers, identity: options.activation === 'identity', parameterCount: offset };
    this.batch = new Workspace(shape);
    this.single = new Workspace(shape);
    this.single.ensure(1);
    this.unit = new Float64Array(this.outputSize);
    this.row = new Float64Array(offset);
    this.product = shape.identity && !options.bias && layers.length > 2 ? new LinearProduct(layers) : null;
  }

  /** Whether a batch of m samples runs in product form (see {@link productPays}). */
  usesProduct(m: number): boolean {
    return this.product !== null && productPays(this.layers, m);
  }

  init(rng: Rng, theta: Float64Array): void {
    checkTheta(this, theta);
    initParameters(this.initSpec, this.blocks, rng, theta);
  }

  forward(theta: Float64Array, x: Float64Array, m: number, out: Float64Array): void {
    checkBatch(this, theta, x, m, out, 'out');
    if (this.usesProduct(m)) return this.product!.forward(theta, x, m, out);
    this.batch.ensure(m);
    this.forwardPass(this.batch, theta, x, m, out);
  }

  backward(theta: Float64Array, x: Float64Array, m: number, dOut: Float64Array, grad: Float64Array): void {
    checkBatch(this, theta, x, m, dOut, 'dOut');
    checkTheta(this, grad, 'grad');
    // The product form needs nothing from forward: no cache to check.
    if (this.usesProduct(m)) return this.product!.backward(theta, x, m, dOut, grad);
    const ws = this.batch;
    ws.ensure(m);
    if (!ws.holds(theta, x, m)) this.forwardPass(ws, theta, x, m, ws.out);
    this.backwardPass(ws, theta, x, m, dOut, grad);
  }

  jacobian(theta: Float64Array, xRow: Float64Array): Matrix {
    checkBatch(this, theta, xRow, 1, this.unit, 'out');
    const ws = this.single;
    const dy = this.outputSize;
    const P = this.parameterCount;
    this.forwardPass(ws, theta, xRow, 1, ws.out);
    const J = new Matrix(dy, P);
    const unit = this.unit;
    const row = this.row;
    for (let k = 0; k < dy; k++) {
      // Row k of J is the vector–Jacobian product with the k-th unit vector.
      unit.fill(0);
      unit[k] = 1;
      this.backwardPass(ws, theta, xRow, 1, unit, row);
      for (let p = 0; p < P; p++) J.set(k, p, row[p]);
    }
    return J;
  }

  private forwardPass(ws: Workspace, theta: Float64Array, x: Float64Array, m: number, out: Float64Array): void {
    const layers = this.layers;
    const L = layers.length - 1;
    const bias = this.hasBias ? theta : null;
    let input = x;
    for (let l = 1; l <= L; l++) {
      const nIn = layers[l - 1];
      const nOut = layers[l];
      if (l === L) {
        dgemmNT(m, nOut, nIn, input, 0, theta, this.weightOffset[l], bias, this.biasOffset[l], out, 0);
      } else {
        const z = ws.z[l];
        const a = ws.a[l];
        dgemmNT(m, nOut, nIn, input, 0, theta, this.weightOffset[l], bias, this.biasOffset[l], z, 0);
        this.act.apply(z, a, 0, m * nOut);
        input = a;
      }
    }
    ws.remember(theta, x, m);
  }

  /** grad ← Σ_i J_iᵀ dOut_i, from the activations in ws (which must belong to θ, x and m). */
  private backwardPass(ws: Workspace, theta: Float64Array, x: Float64Array, m: number, dOut: Float64Array, grad: Float64Array): void {
    const layers = this.layers;
    const L = layers.length - 1;
    const deltaT = ws.deltaT;
    const inputT = ws.inputT;
    let delta = dOut;
    for (let l = L; l >= 1; l--) {
      const nIn = layers[l - 1];
      const nOut = layers[l];
      const input = l > 1 ? ws.a[l - 1] : x;
      // ∂/∂W_l = Δ_lᵀ·A_{l−1}, a sum over samples: transposed, both operands run along samples.
      dtranspose(m, nOut, delta, 0, deltaT, 0);
      dtranspose(m, nIn, input, 0, inputT, 0);
      dgemmNT(nOut, nIn, m, deltaT, 0, inputT, 0, null, 0, grad, this.weightOffset[l]);
      if (this.hasBias) {
        const bo = this.biasOffset[l];
        for (let o = 0; o < nOut; o++) {
          let s = 0;
          for (let i = o * m, end = i + m; i < end; i++) s += deltaT[i];
          grad[bo + o] = s;
        }
      }
      if (l === 1) break;
      // Δ_{l−1} = (Δ_l·W_l) ⊙ σ'(Z_{l−1}); with Wᵀ stored, Δ_l·W_l is again an A·Bᵀ product.
      const weightT = this.weightT;
      dtranspose(nOut, nIn, theta, this.weightOffset[l], weightT, 0);
      const next = delta === ws.deltaA ? ws.deltaB : ws.deltaA;
      dgemmNT(m, nIn, nOut, delta, 0, weightT, 0, null, 0, next, 0);
      this.act.scaleByDerivative(ws.z[l - 1], ws.a[l - 1], next, 0, m * nIn);
      delta = next;
    }
  }
}
