/**
 * A function objective, as a scipy user would hand one over: the 10-d Rosenbrock function with
 * its gradient, minimized from code. Functions cannot cross to worker threads, so this runs
 * in-process (give a module reference { module, export } to use worker threads).
 *
 *   npx tsx examples/function-objective.ts
 */
import { optimize } from '../src/index.js';

const d = 10;
/** Σ 100(x_{i+1} − x_i²)² + (1 − x_i)²: global minimum 0 at (1, …, 1), a long curved valley. */
function rosenbrock(x: Float64Array, grad: Float64Array): number {
  let value = 0;
  grad.fill(0, 0, d);
  for (let i = 0; i < d - 1; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    value += 100 * a * a + b * b;
    grad[i] += -400 * x[i] * a - 2 * b;
    grad[i + 1] += 200 * a;
  }
  return value;
}

// The minimum is 0, so the default scalar augmentation applies; walkers start from U[−1, 1]^10.
const result = await optimize({ objective: rosenbrock, dimension: d }, { local: { method: 'lbfgs' }, targetLoss: 1e-10, maxEvaluations: 50_000, seed: 1 });
console.log(result.message);
console.log('θ =', Array.from(result.theta, (v) => v.toFixed(6)).join(' '));

// The same from a given start (scipy's x0), every walker starting there:
const fromX0 = await optimize({ objective: rosenbrock, dimension: d }, { x0: new Array(d).fill(-1.2), local: { method: 'lbfgs' }, targetLoss: 1e-10, maxEvaluations: 50_000, seed: 1 });
console.log(`from x0 = (−1.2, …): L = ${fromX0.loss.toExponential(3)} after ${fromX0.evaluations} evaluations`);
