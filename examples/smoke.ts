import { optimize } from '../src/index.js';
const problem = { model: { type: 'example1' as const, init: { type: 'uniform' as const, low: 0, high: 0.49 } }, loss: { type: 'smoothed-hinge' as const, power: 3 }, data: { x: [0], y: [-1] } };
const lr = Number(process.argv[2] ?? 0.002);
for (let seed = 0; seed < 20; seed++) {
  const h = await optimize(problem, { threads: 0, walkers: 4, local: { method: 'gd', learningRate: lr, stepsPerRound: 100 }, targetLoss: 1e-6, maxEvaluations: 400000, seed });
  const p = await optimize(problem, { threads: 0, walkers: 4, augmentation: 'none', hopping: false, local: { method: 'gd', learningRate: lr, stepsPerRound: 100 }, targetLoss: 1e-6, maxEvaluations: 400000, seed });
  console.log(seed, h.stopReason, h.loss.toExponential(2), h.evaluations, h.hops, h.divergences, '| plain', p.stopReason, p.loss.toFixed(5), p.history.at(-1)!.walkers.map(w => w.loss.toFixed(5)).join(','));
}
