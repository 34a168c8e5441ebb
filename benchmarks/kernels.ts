/**
 * Gradient evaluations per second and GFLOP/s of ∇L̃ (neuron augmentation, squared loss) for an MLP
 * [32, 64, 64, 1] with tanh on m = 1024 samples, computed two ways in the same run:
 *   (a) the package's flat Float64Array kernels;
 *   (b) the same gradient through ml-matrix operations (mmul, transpose, element-wise maps).
 * Both gradients are checked against each other before timing. One thread.
 *
 *   npx tsx benchmarks/kernels.ts [--seconds 5]
 */
import { cpus } from 'node:os';
import { Matrix } from 'ml-matrix';
import seedrandom from 'seedrandom';
import { createObjective } from '../src/augment/create.js';

const LAYERS = [32, 64, 64, 1];
const M = 1024;
const LAMBDA = 1;
const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 5;

const prng = seedrandom.xor4096('kernels');
const rng = () => prng.double();
const x = Array.from({ length: M }, () => Array.from({ length: LAYERS[0] }, () => 2 * rng() - 1));
const y = Array.from({ length: M }, () => 2 * rng() - 1);

/**
 * Multiply-adds ×2 of one gradient evaluation: the forward pass (Σ in·out per sample), the weight
 * gradients (the same again) and the back-propagated deltas (every layer but the first).
 */
function flopsPerGradient(): number {
  let forward = 0;
  let deltas = 0;
  for (let l = 1; l < LAYERS.length; l++) {
    forward += LAYERS[l - 1] * LAYERS[l];
    if (l > 1) deltas += LAYERS[l - 1] * LAYERS[l];
  }
  return 2 * M * (2 * forward + deltas);
}

/** An element-wise map through ml-matrix's get/set. */
function map(A: Matrix, f: (v: number) => number): Matrix {
  const out = new Matrix(A.rows, A.columns);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.columns; j++) out.set(i, j, f(A.get(i, j)));
  return out;
}

/** (b): the forward and backward passes written with ml-matrix, θ in the same layout as the MLP. */
function matrixGradient(z: Float64Array, X: Matrix, Y: Matrix, P: number): { value: number; grad: Float64Array } {
  const weights: Matrix[] = [];
  const biases: Matrix[] = [];
  let offset = 0;
  for (let l = 1; l < LAYERS.length; l++) {
    const [inn, out] = [LAYERS[l - 1], LAYERS[l]];
    const W = new Matrix(out, inn);
    for (let i = 0; i < out; i++) for (let j = 0; j < inn; j++) W.set(i, j, z[offset + i * inn + j]);
    offset += out * inn;
    biases.push(Matrix.rowVector(Array.from(z.subarray(offset, offset + out))));
    offset += out;
    weights.push(W);
  }
  // Forward: H_l = tanh(H_{l−1}·W_lᵀ + b_l), output linear.
  const acts: Matrix[] = [X];
  let H = X;
  for (let l = 0; l < weights.length; l++) {
    const Z = H.mmul(weights[l].transpose()).addRowVector(biases[l]);
    H = l < weights.length - 1 ? map(Z, Math.tanh) : Z;
    acts.push(H);
  }
  // The exponential neuron: g = a·exp(Xw + b).
  const a = z[P];
  const b = z[P + 1];
  const w = Matrix.columnVector(Array.from(z.subarray(P + 2, P + 2 + LAYERS[0])));
  const E = X.mmul(w).add(b).exp();
  const Q = H.clone().add(E.clone().mul(a));
  const R = Q.clone().sub(Y);
  const value = R.clone().pow(2).sum() / M + LAMBDA * a * a;
  const dQ = R.clone().mul(2 / M);
  // Backward.
  const grad = new Float64Array(z.length);
  let delta = dQ;
  offset = P;
  for (let l = weights.length - 1; l >= 0; l--) {
    const [inn, out] = [LAYERS[l], LAYERS[l + 1]];
    const gW = delta.transpose().mmul(acts[l]);
    const gb = delta.sum('column');
    offset -= out;
    for (let i = 0; i < out; i++) grad[offset + i] = gb[i];
    offset -= out * inn;
    for (let i = 0; i < out; i++) for (let j = 0; j < inn; j++) grad[offset + i * inn + j] = gW.get(i, j);
    if (l > 0) {
      // tanh′ = 1 − tanh², from the stored activation.
      delta = delta.mmul(weights[l]).mul(Matrix.pow(acts[l], 2).neg().add(1));
    }
  }
  const dE = dQ.clone().mul(E);
  grad[P] = dE.sum() + 2 * LAMBDA * a;
  grad[P + 1] = a * dE.sum();
  const gw = X.transpose().mmul(dE).mul(a);
  for (let j = 0; j < LAYERS[0]; j++) grad[P + 2 + j] = gw.get(j, 0);
  return { value, grad };
}

/** Runs `fn` for about `seconds`, in batches; returns calls per second for each of 5 batches. */
function rate(fn: () => void): number[] {
  for (let i = 0; i < 3; i++) fn();
  const rates: number[] = [];
  for (let batch = 0; batch < 5; batch++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    const until = start + BigInt(Math.round((seconds / 5) * 1e9));
    let now = start;
    while (now < until) {
      fn();
      calls += 1;
      now = process.hrtime.bigint();
    }
    rates.push(calls / (Number(now - start) / 1e9));
  }
  return rates;
}

const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)];

const obj = await createObjective(
  { model: { type: 'mlp', layers: LAYERS, activation: 'tanh' }, loss: 'squared', data: { x, y } },
  { augmentation: 'neuron', lambda: LAMBDA },
);
const z = new Float64Array(obj.dimension);
obj.init(rng, z, 0.1);
obj.split(z).W.forEach((_, j, W) => (W[j] = 0.05 * (2 * rng() - 1)));
const P = obj.thetaSize;
const grad = new Float64Array(obj.dimension);
const X = new Matrix(x);
const Y = Matrix.columnVector(y);

const flatValue = obj.evaluate(z, grad);
const viaMatrix = matrixGradient(z, X, Y, P);
let worst = Math.abs(flatValue - viaMatrix.value) / Math.abs(flatValue);
for (let i = 0; i < grad.length; i++) worst = Math.max(worst, Math.abs(grad[i] - viaMatrix.grad[i]) / (Math.abs(grad[i]) + 1e-12));
if (worst > 1e-8) throw new Error(`(a) and (b) disagree: relative difference ${worst}`);

const flops = flopsPerGradient();
const flat = rate(() => obj.evaluate(z, grad));
const matrix = rate(() => matrixGradient(z, X, Y, P));
const fmt = (r: number[]) => {
  const med = median(r);
  return `${med.toFixed(1)} grad/s (batches ${Math.min(...r).toFixed(1)}–${Math.max(...r).toFixed(1)}), ${((med * flops) / 1e9).toFixed(2)} GFLOP/s`;
};
console.log(`MLP ${JSON.stringify(LAYERS)} tanh, m = ${M}, neuron augmentation, ${obj.dimension} parameters`);
console.log(`${(flops / 1e6).toFixed(2)} MFLOP per gradient evaluation; ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, one thread`);
console.log(`(a) flat kernels : ${fmt(flat)}`);
console.log(`(b) ml-matrix    : ${fmt(matrix)}`);
console.log(`(a) / (b)        : ${(median(flat) / median(matrix)).toFixed(2)}×   (gradients agree to ${worst.toExponential(1)})`);
