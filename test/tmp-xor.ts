import { optimize } from '../src/index.js';
const problem = { model: { type: 'mlp' as const, layers: [2, 2, 1], activation: 'relu' as const, init: { type: 'uniform' as const, low: -1, high: 1 } }, loss: { type: 'smoothed-hinge' as const, power: 3 }, data: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [-1, 1, 1, -1] } };
const budget = Number(process.argv[2] ?? 80000);
let ok = 0, okPlain = 0; const evals: number[] = []; const hops: number[] = [];
const N = Number(process.argv[3] ?? 50);
for (let seed = 0; seed < N; seed++) {
  const h = await optimize(problem, { threads: 0, walkers: 4, local: { method: 'gd', learningRate: 0.05, stepsPerRound: 100 }, targetLoss: 1e-6, maxEvaluations: budget, seed });
  const p = await optimize(problem, { threads: 0, walkers: 1, augmentation: 'none', hopping: false, local: { method: 'gd', learningRate: 0.05, stepsPerRound: 100 }, targetLoss: 1e-6, maxEvaluations: 20000, seed });
  if (h.loss <= 1e-6) { ok++; evals.push(h.evaluations); hops.push(h.hops); } else console.log('fail', seed, h.loss, h.hops, h.divergences, h.history.at(-1)!.verdicts);
  if (p.loss <= 1e-6) okPlain++;
}
evals.sort((a, b) => a - b); hops.sort((a, b) => a - b);
console.log('hybrid', ok, '/', N, 'median evals', evals[evals.length >> 1], 'median hops', hops[hops.length >> 1], '| plain', okPlain);
