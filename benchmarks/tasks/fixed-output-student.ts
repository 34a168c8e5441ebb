/**
 * The Safran–Shamir student as a user model module: n ReLU units whose output weights are fixed
 * at 1, f(x; W) = Σ_j relu(w_j·x). The built-in MLP would add trainable output weights and biases,
 * which changes the landscape the published figures describe, so the student is written here by
 * hand against the package's Model interface and referenced as { module, export, args }.
 *
 * θ = W, n × d row-major (row j = w_j). relu′(0) is taken as 0, as in the closed-form objective.
 */
import { Matrix } from 'ml-matrix';
import type { Model, Rng } from '../../src/index.js';

export interface FixedOutputStudentArgs {
  /** Input dimension d. */
  inputSize: number;
  /** Number of hidden ReLU units n. */
  width: number;
}

/**
 * The factory a `{ module, export: 'createFixedOutputStudent', args: { inputSize, width } }` spec
 * names. θ₀ has i.i.d. N(0, 1/d) entries, the Safran–Shamir initialization.
 *
 * @example
 * const student = createFixedOutputStudent({ inputSize: 12, width: 12 });
 * student.parameterCount; // 144
 */
export function createFixedOutputStudent(args: FixedOutputStudentArgs): Model {
  const d = args?.inputSize;
  const n = args?.width;
  if (!Number.isSafeInteger(d) || d < 1 || !Number.isSafeInteger(n) || n < 1) {
    throw new Error(`createFixedOutputStudent: expected { inputSize, width } positive integers, got ${JSON.stringify(args)}`);
  }
  return new FixedOutputStudent(d, n);
}

class FixedOutputStudent implements Model {
  readonly inputSize: number;
  readonly outputSize = 1;
  readonly parameterCount: number;
  private readonly width: number;
  /** Pre-activations of the last forward pass, unit-major (n × m): row j is w_j·x_i over i. */
  private pre = new Float64Array(0);
  /** x transposed (d × m), so that every inner loop runs over samples in contiguous memory. */
  private xT = new Float64Array(0);
  private xTSource: Float64Array | null = null;
  private xTRows = -1;
  /** θ, x and m of the last forward pass: backward reuses its pre-activations only when they match. */
  private readonly seenTheta: Float64Array;
  private seenX: Float64Array | null = null;
  private seenM = -1;
  private scratch = new Float64Array(0);

  constructor(inputSize: number, width: number) {
    this.inputSize = inputSize;
    this.width = width;
    this.parameterCount = inputSize * width;
    this.seenTheta = new Float64Array(this.parameterCount);
  }

  init(rng: Rng, theta: Float64Array): void {
    const scale = 1 / Math.sqrt(this.inputSize);
    for (let i = 0; i < this.parameterCount; i += 2) {
      const radius = scale * Math.sqrt(-2 * Math.log(1 - rng()));
      const angle = 2 * Math.PI * rng();
      theta[i] = radius * Math.cos(angle);
      if (i + 1 < this.parameterCount) theta[i + 1] = radius * Math.sin(angle);
    }
  }

  forward(theta: Float64Array, x: Float64Array, m: number, out: Float64Array): void {
    const d = this.inputSize;
    const n = this.width;
    const xT = this.transposed(x, m);
    if (this.pre.length < n * m) this.pre = new Float64Array(n * m);
    const pre = this.pre;
    out.fill(0, 0, m);
    for (let j = 0; j < n; j++) {
      const row = j * m;
      const wj = j * d;
      pre.fill(0, row, row + m);
      // Four inputs per pass over the samples: a quarter of the loads and stores of pre.
      let l = 0;
      for (; l + 4 <= d; l += 4) {
        const w0 = theta[wj + l];
        const w1 = theta[wj + l + 1];
        const w2 = theta[wj + l + 2];
        const w3 = theta[wj + l + 3];
        const c0 = l * m;
        const c1 = c0 + m;
        const c2 = c1 + m;
        const c3 = c2 + m;
        for (let i = 0; i < m; i++) pre[row + i] += w0 * xT[c0 + i] + w1 * xT[c1 + i] + w2 * xT[c2 + i] + w3 * xT[c3 + i];
      }
      for (; l < d; l++) {
        const w = theta[wj + l];
        const col = l * m;
        for (let i = 0; i < m; i++) pre[row + i] += w * xT[col + i];
      }
      // relu as s·[s > 0]: with Gaussian inputs the sign of s is a coin toss, and the branch of
      // `s > 0 ? s : 0` mispredicted half the time (6× slower, measured on this loop).
      for (let i = 0; i < m; i++) {
        const s = pre[row + i];
        out[i] += s * +(s > 0);
      }
    }
    this.seenTheta.set(theta.subarray(0, this.parameterCount));
    this.seenX = x;
    this.seenM = m;
  }

  backward(theta: Float64Array, x: Float64Array, m: number, dOut: Float64Array, grad: Float64Array): void {
    if (this.scratch.length < m) this.scratch = new Float64Array(m);
    if (!this.holds(theta, x, m)) this.forward(theta, x, m, this.scratch);
    const d = this.inputSize;
    const n = this.width;
    const xT = this.transposed(x, m);
    const pre = this.pre;
    const c = this.scratch;
    for (let j = 0; j < n; j++) {
      const row = j * m;
      const gj = j * d;
      // c_i = dOut_i·relu′(w_j·x_i): the unit's share of each sample's output gradient, by a 0/1
      // factor rather than a branch (see forward).
      for (let i = 0; i < m; i++) c[i] = dOut[i] * +(pre[row + i] > 0);
      let l = 0;
      for (; l + 4 <= d; l += 4) {
        const c0 = l * m;
        const c1 = c0 + m;
        const c2 = c1 + m;
        const c3 = c2 + m;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let i = 0; i < m; i++) {
          const ci = c[i];
          s0 += ci * xT[c0 + i];
          s1 += ci * xT[c1 + i];
          s2 += ci * xT[c2 + i];
          s3 += ci * xT[c3 + i];
        }
        grad[gj + l] = s0;
        grad[gj + l + 1] = s1;
        grad[gj + l + 2] = s2;
        grad[gj + l + 3] = s3;
      }
      for (; l < d; l++) {
        const col = l * m;
        let s = 0;
        for (let i = 0; i < m; i++) s += c[i] * xT[col + i];
        grad[gj + l] = s;
      }
    }
  }

  jacobian(theta: Float64Array, xRow: Float64Array): Matrix {
    const d = this.inputSize;
    const row = new Array<number>(this.parameterCount).fill(0);
    for (let j = 0; j < this.width; j++) {
      let s = 0;
      for (let l = 0; l < d; l++) s += theta[j * d + l] * xRow[l];
      if (s > 0) for (let l = 0; l < d; l++) row[j * d + l] = xRow[l];
    }
    return new Matrix([row]);
  }

  /** x as d × m; rebuilt only when a different data array arrives (training reuses one). */
  private transposed(x: Float64Array, m: number): Float64Array {
    if (x === this.xTSource && m === this.xTRows) return this.xT;
    const d = this.inputSize;
    if (this.xT.length < d * m) this.xT = new Float64Array(d * m);
    for (let i = 0; i < m; i++) for (let l = 0; l < d; l++) this.xT[l * m + i] = x[i * d + l];
    this.xTSource = x;
    this.xTRows = m;
    return this.xT;
  }

  private holds(theta: Float64Array, x: Float64Array, m: number): boolean {
    if (x !== this.seenX || m !== this.seenM) return false;
    const seen = this.seenTheta;
    for (let t = 0; t < this.parameterCount; t++) if (theta[t] !== seen[t]) return false;
    return true;
  }
}
