import { CentralDifferences } from './src/objectives/differences.js';
const f = (t: Float64Array) => Math.exp(t[0]) + Math.sin(3 * t[1]) + t[0] * t[1] * t[1];
const lower = Float64Array.of(0, -1), upper = Float64Array.of(1, 2e-6 - 1);
for (const x of [[0, -1], [1, 1e-6 - 1], [1e-7, -1 + 1.5e-6], [0.5, -1 + 1e-6], [-3.7, 12.5]]) {
  const g = new Float64Array(2);
  new CentralDifferences(2, f, { lower, upper }).evaluate(Float64Array.from(x), g);
  const g2 = new Float64Array(2);
  new CentralDifferences(2, f, null).evaluate(Float64Array.from(x), g2);
  console.log(JSON.stringify([Array.from(g), Array.from(g2)]));
}
