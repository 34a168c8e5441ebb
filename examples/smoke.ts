import { optimize } from '../src/index.js';
const problem = { model: { type: 'example1' as const, init: { type: 'uniform' as const, low: 0, high: 0.49 } }, loss: { type: 'smoothed-hinge' as const, power: 3 }, data: { x: [0], y: [-1] } };
for (const threads of [0, 2]) {
  const t = Date.now();
  const r = await optimize(problem, { threads, walkers: 4, local: { method: 'gd', learningRate: 0.01, stepsPerRound: 100 }, targetLoss: 1e-6, maxEvaluations: 200000, seed: 1 });
  console.log(threads, r.stopReason, r.loss, r.theta, r.evaluations, r.rounds, r.hops, r.divergences, Date.now() - t, 'ms');
  console.log(r.message);
  console.log(JSON.stringify(r.history.slice(0, 4).map(h => h.walkers.map(w => [w.verdict, w.loss.toFixed(4), w.augmentedLoss.toExponential(2), w.auxOutput.toFixed(3)]))));
}
