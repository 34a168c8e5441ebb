/**
 * What the user-objective adapters cost per evaluation: a d-dimensional Rosenbrock called
 * directly, through userObjective() (src/objectives/user.ts) and ExactObjective
 * (src/modules/theta-alone.ts: the views of θ alone and the finite checks) with z as long as θ, and
 * with z = [θ, a, b] (the scalar augmentation's, where the user is handed a cached view). Prints ns per call,
 * the median of 7 repeats, for a few d.
 *
 *   npx tsx benchmarks/user-objective-overhead.ts
 */
import { performance } from 'node:perf_hooks';
import { ExactObjective } from '../src/modules/theta-alone.js';
import { userObjective } from '../src/objectives/user.js';

function rosenbrock(d: number) {
  return (x: Float64Array, g: Float64Array): number => {
    let v = 0;
    for (let i = 0; i < d; i++) g[i] = 0;
    for (let i = 0; i < d - 1; i++) {
      const a = x[i + 1] - x[i] * x[i];
      const b = 1 - x[i];
      v += 100 * a * a + b * b;
      g[i] += -400 * x[i] * a - 2 * b;
      g[i + 1] += 200 * a;
    }
    return v;
  };
}

function nsPerCall(f: (x: Float64Array, g: Float64Array) => number, x: Float64Array, g: Float64Array, calls: number): number {
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    for (let k = 0; k < calls; k++) {
      x[0] = k * 1e-9;
      sink += f(x, g);
    }
    times.push(((performance.now() - t0) * 1e6) / calls);
  }
  if (sink === 42) console.log('');
  times.sort((a, b) => a - b);
  return times[3];
}

console.log('d     direct   adapter(z = θ)   adapter(z = [θ, a, b])   ns per call, median of 7');
for (const d of [2, 10, 100]) {
  const f = rosenbrock(d);
  const field = 'problem.objective';
  const adapted = new ExactObjective(userObjective(f, { dimension: d, gradient: true, bounds: null, field }), { field, source: field }, true);
  const calls = Math.round(2e7 / d);
  const x = new Float64Array(d).fill(0.5);
  const g = new Float64Array(d);
  const z = new Float64Array(d + 2).fill(0.5);
  const gz = new Float64Array(d + 2);
  const direct = nsPerCall(f, x, g, calls);
  const same = nsPerCall((a, b) => adapted.evaluate(a, b), x, g, calls);
  const longer = nsPerCall((a, b) => adapted.evaluate(a, b), z, gz, calls);
  console.log(`${String(d).padEnd(5)} ${direct.toFixed(1).padStart(7)}   ${same.toFixed(1).padStart(14)}   ${longer.toFixed(1).padStart(22)}`);
}
