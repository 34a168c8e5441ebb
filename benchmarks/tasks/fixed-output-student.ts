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
  /** Which units were active for each sample in the last forward pass (m × n). */
  private active = new Uint8Array(0);
  /** θ, x and m of the last forward pass: backward reuses its mask only when they match. */
  private readonly seenTheta: Float64Array;
  private seenX: Float64Array | null = null;
  private seenM = -1;

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
    if (this.active.length < m * n) this.active = new Uint8Array(m * n);
    const active = this.active;
    for (let i = 0; i < m; i++) {
      const xOff = i * d;
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const wOff = j * d;
        let s = 0;
        for (let l = 0; l < d; l++) s += theta[wOff + l] * x[xOff + l];
        const on = s > 0;
        active[i * n + j] = on ? 1 : 0;
        if (on) sum += s;
      }
      out[i] = sum;
    }
    this.seenTheta.set(theta.subarray(0, this.parameterCount));
    this.seenX = x;
    this.seenM = m;
  }

  backward(theta: Float64Array, x: Float64Array, m: number, dOut: Float64Array, grad: Float64Array): void {
    if (!this.holds(theta, x, m)) this.forward(theta, x, m, new Float64Array(m));
    const d = this.inputSize;
    const n = this.width;
    const active = this.active;
    grad.fill(0, 0, this.parameterCount);
    for (let i = 0; i < m; i++) {
      const r = dOut[i];
      if (r === 0) continue;
      const xOff = i * d;
      for (let j = 0; j < n; j++) {
        if (active[i * n + j] === 0) continue;
        const wOff = j * d;
        for (let l = 0; l < d; l++) grad[wOff + l] += r * x[xOff + l];
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

  private holds(theta: Float64Array, x: Float64Array, m: number): boolean {
    if (x !== this.seenX || m !== this.seenM) return false;
    const seen = this.seenTheta;
    for (let t = 0; t < this.parameterCount; t++) if (theta[t] !== seen[t]) return false;
    return true;
  }
}
