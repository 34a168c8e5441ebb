import { optimize } from '../src/index.js';
import type { HopEvent } from '../src/index.js';
const problem = { model: { type: 'mlp' as const, layers: [2, 2, 1], activation: 'relu' as const, init: { type: 'uniform' as const, low: -1, high: 1 } }, loss: { type: 'smoothed-hinge' as const, power: 3 }, data: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [-1, 1, 1, -1] } };
const events: HopEvent[] = [];
const r = await optimize(problem, { threads: 0, walkers: 4, local: { method: 'gd', learningRate: 0.05, stepsPerRound: 100 }, targetLoss: 1e-6, maxEvaluations: 80000, seed: 3, onHop: (e) => events.push(e) });
for (const e of events.slice(0, 6)) {
  console.log('HOP', e.walker, e.verdict, 'rounds', e.searchStartRound, '→', e.round, 'loss', e.loss.toFixed(5), 'L̃', e.augmentedLoss.toFixed(5), 'z', Array.from(e.z).map(v => v.toFixed(2)).join(' '));
  for (const h of r.history.filter(h => h.round > e.searchStartRound && h.round <= e.round)) {
    const w = h.walkers[e.walker];
    console.log('   ', h.round, w.verdict, 'L', w.loss.toFixed(6), 'L̃', w.augmentedLoss.toFixed(6), '|a|', w.aNorm.toExponential(2), 'aux', w.auxNorm.toFixed(3), 'out', w.auxOutput.toExponential(2), 'res', w.residual.toExponential(2), 'grad', w.gradNorm.toExponential(2));
  }
}
