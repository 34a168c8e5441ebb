/**
 * The paper's Example 1, end to end: the bad local minimum of L, what gradient descent on the
 * augmented loss L̃ does there (θ stays put while the neuron cancels the residual and runs off to
 * infinity), and how optimize() detects that and hops out.
 *
 *   npx tsx examples/example1.ts
 */
import { createObjective, createStepper, optimize } from '../src/index.js';

const problem = {
  model: { type: 'example1' as const, init: { type: 'uniform' as const, low: 0, high: 0.49 } },
  loss: { type: 'smoothed-hinge' as const, power: 3 },
  data: { x: [0], y: [-1] },
};

const L = await createObjective(problem, { augmentation: 'none' });
const at = (theta: number) => L.evaluate(Float64Array.of(theta), null);
console.log('Example 1: ℓ(q) = max(0, 1 + q)³, y = −1');
console.log(`  L(0.200027831050) = ${at(0.20002783105).toFixed(9)}   (bad local minimum)`);
console.log(`  L(0.495476508955) = ${at(0.495476508955).toFixed(9)}  (the basin boundary)`);
console.log(`  L(0.8)            = ${at(0.8)}              (global minimum)\n`);

console.log('Gradient descent on L̃ from θ = 0.2, a = 0.01, b = 0, λ = 1, lr = 0.01:');
const aug = await createObjective(problem, { augmentation: 'neuron', lambda: 1 });
const z = new Float64Array(aug.dimension);
const { theta, a, b } = aug.split(z);
theta[0] = 0.2;
a[0] = 0.01;
const gd = createStepper(aug.dimension, { method: 'gd', learningRate: 0.01 });
console.log('   steps        θ       L(θ)     ‖(a,b)‖   a·e^b          L̃');
let done = 0;
for (const checkpoint of [1e2, 1e3, 1e4, 1e5]) {
  for (; done < checkpoint; done++) gd.step(aug, z);
  aug.evaluate(z, null);
  const s = aug.stats;
  console.log(
    `  ${String(checkpoint).padStart(6)}  ${theta[0].toFixed(5)}  ${s.loss.toFixed(5)}  ${Math.hypot(a[0], b[0]).toFixed(3).padStart(8)}  ${(a[0] * Math.exp(b[0])).toFixed(4)}  ${s.augmentedLoss.toExponential(2).padStart(10)}`,
  );
}
console.log('  θ never leaves the bad minimum; the neuron absorbs the residual while a → 0 and b → ∞.\n');

const local = { method: 'gd' as const, learningRate: 0.002 };
console.log('optimize() from θ₀ ~ U[0, 0.49], 4 walkers, lr 0.002, target L ≤ 1e-6:');
for (const [name, options] of [
  ['plain gradient descent', { augmentation: 'none' as const, hopping: false as const }],
  ['hybrid (neuron + monitor + hops)', {}],
] as const) {
  const r = await optimize(problem, { ...options, local, walkers: 4, threads: 0, targetLoss: 1e-6, maxEvaluations: 100_000, seed: 1 });
  console.log(`  ${name}: θ = ${r.theta[0].toFixed(4)}, L = ${r.loss.toExponential(3)}, ${r.stopReason}`);
  console.log(`    ${r.message}`);
}
