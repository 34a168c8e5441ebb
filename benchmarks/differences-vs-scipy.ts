/**
 * Cross-check of the central differences (src/objectives/differences.ts) against scipy's
 * approx_derivative(method='3-point'), with and without bounds, on points on, near and away from
 * the box's walls. Needs python3 with numpy and scipy; prints, per point, whether the two
 * gradients are equal bit for bit.
 *
 *   npx tsx benchmarks/differences-vs-scipy.ts
 */
import { execFileSync } from 'node:child_process';
import { CentralDifferences } from '../src/objectives/differences.js';

const f = (t: Float64Array) => Math.exp(t[0]) + Math.sin(3 * t[1]) + t[0] * t[1] * t[1];
const lower = [0, -1];
const upper = [1, 2e-6 - 1];
const points = [[0, -1], [1, 1e-6 - 1], [1e-7, -1 + 1.5e-6], [0.5, -1 + 1e-6], [0.3, -1 + 2e-6]];
const ours = points.map((x) => {
  const bounded = new Float64Array(2);
  new CentralDifferences(2, f, { lower: Float64Array.from(lower), upper: Float64Array.from(upper) }).evaluate(Float64Array.from(x), bounded);
  const free = new Float64Array(2);
  new CentralDifferences(2, f, null).evaluate(Float64Array.from(x), free);
  return { bounded: Array.from(bounded), free: Array.from(free) };
});

const python = `
import json, sys, numpy as np, scipy
from scipy.optimize._numdiff import approx_derivative
f = lambda t: np.exp(t[0]) + np.sin(3 * t[1]) + t[0] * t[1] * t[1]
data = json.load(sys.stdin)
out = []
for x in data['points']:
    x = np.array(x, float)
    out.append({'bounded': approx_derivative(f, x, method='3-point', bounds=(data['lower'], data['upper'])).tolist(),
                'free': approx_derivative(f, x, method='3-point').tolist()})
print(json.dumps({'scipy': scipy.__version__, 'gradients': out}))
`;
const theirs = JSON.parse(execFileSync('python3', ['-c', python], { input: JSON.stringify({ points, lower, upper }) }).toString()) as {
  scipy: string;
  gradients: { bounded: number[]; free: number[] }[];
};
console.log(`scipy ${theirs.scipy}, box [${lower}] … [${upper}]`);
let equal = 0;
points.forEach((x, i) => {
  const b = JSON.stringify(ours[i].bounded) === JSON.stringify(theirs.gradients[i].bounded);
  const u = JSON.stringify(ours[i].free) === JSON.stringify(theirs.gradients[i].free);
  equal += Number(b) + Number(u);
  console.log(`x = (${x.join(', ')}): bounded ${b ? 'bitwise equal' : `DIFFERENT ${ours[i].bounded} vs ${theirs.gradients[i].bounded}`}, unbounded ${u ? 'bitwise equal' : `DIFFERENT ${ours[i].free} vs ${theirs.gradients[i].free}`}`);
});
console.log(`${equal} of ${2 * points.length} gradients bitwise equal`);
