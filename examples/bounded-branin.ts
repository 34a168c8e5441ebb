/**
 * A bounded objective without a gradient: Branin on its box [−5, 10] × [0, 15], whose three global
 * minima have the known value 0.397887. The gradient comes from central differences
 * (`gradient: false`, scipy's step rule, one-sided at the box's walls), each costing 1 + 2·2 calls,
 * all counted in `evaluations`. Every call stays inside the box, and so does the result.
 *
 * Branin's minimum is not 0, and the package's default scalar augmentation needs min L = 0: this
 * example runs it twice, once with `augmentation: 'none'`, once on Branin minus its known minimum
 * with the default augmentation.
 *
 *   npx tsx examples/bounded-branin.ts
 */
import { optimize } from '../src/index.js';

const BRANIN_MIN = 0.397887357729738;
function branin(x: Float64Array): number {
  const b = 5.1 / (4 * Math.PI * Math.PI);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  const q = x[1] - b * x[0] * x[0] + c * x[0] - 6;
  return q * q + 10 * (1 - t) * Math.cos(x[0]) + 10;
}
const bounds: [number, number][] = [[-5, 10], [0, 15]];

// Without augmentation a known minimum can still serve as the target.
const plain = await optimize(
  { objective: branin, dimension: 2, gradient: false, bounds },
  { augmentation: 'none', local: { method: 'lbfgs' }, targetLoss: BRANIN_MIN + 1e-9, maxEvaluations: 10_000, seed: 1 },
);
console.log(`augmentation 'none': L = ${plain.loss.toFixed(6)} (known minimum ${BRANIN_MIN.toFixed(6)}) at (${Array.from(plain.theta, (v) => v.toFixed(5)).join(', ')}), ${plain.evaluations} calls`);

const shifted = await optimize(
  { objective: (x: Float64Array) => branin(x) - BRANIN_MIN, dimension: 2, gradient: false, bounds },
  { local: { method: 'lbfgs' }, targetLoss: 1e-8, maxEvaluations: 10_000, seed: 1 },
);
console.log(`scalar augmentation on Branin − 0.397887: ${shifted.message}`);
