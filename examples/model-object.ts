/**
 * A model object: your own Model (the interface in src/types.ts) handed over directly, run
 * in-process. Here a one-hidden-unit network f(x) = v·tanh(w·x + c) + d fitted to data it can
 * represent exactly, with the added neuron of the paper's augmentation on top.
 *
 *   npx tsx examples/model-object.ts
 */
import { Matrix } from 'ml-matrix';
import { optimize } from '../src/index.js';
import type { Model } from '../src/index.js';

/** θ = [w, c, v, d]. */
const model: Model = {
  inputSize: 1,
  outputSize: 1,
  parameterCount: 4,
  init(rng, theta) {
    for (let p = 0; p < 4; p++) theta[p] = 2 * rng() - 1;
  },
  forward(theta, x, m, out) {
    for (let i = 0; i < m; i++) out[i] = theta[2] * Math.tanh(theta[0] * x[i] + theta[1]) + theta[3];
  },
  backward(theta, x, m, dOut, grad) {
    grad.fill(0, 0, 4);
    for (let i = 0; i < m; i++) {
      const h = Math.tanh(theta[0] * x[i] + theta[1]);
      const dh = theta[2] * (1 - h * h) * dOut[i];
      grad[0] += dh * x[i];
      grad[1] += dh;
      grad[2] += h * dOut[i];
      grad[3] += dOut[i];
    }
  },
  jacobian(theta, xRow) {
    const h = Math.tanh(theta[0] * xRow[0] + theta[1]);
    const dh = theta[2] * (1 - h * h);
    return new Matrix([[dh * xRow[0], dh, h, 1]]);
  },
};

const x = [[-2], [-1], [0], [1], [2]];
const y = x.map(([t]) => 1.5 * Math.tanh(0.8 * t - 0.3) + 0.2);
const result = await optimize({ model, loss: 'squared', data: { x, y } }, { local: { method: 'lbfgs' }, targetLoss: 1e-12, maxEvaluations: 20_000, seed: 2 });
console.log(result.message);
console.log('θ = [w, c, v, d] =', Array.from(result.theta, (v) => v.toFixed(5)).join(' '), '(the data came from [0.8, −0.3, 1.5, 0.2], or its mirror [−0.8, 0.3, −1.5, 0.2])');
