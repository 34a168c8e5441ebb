/**
 * Bounded problems with the package's default options: Branin on [−5, 10] × [0, 15] (gradient by
 * differences, as examples/bounded-branin.ts) and Michalewicz (m = 10) on [0, π]^d (analytic
 * gradient), each shifted by its known minimum so that the default scalar augmentation applies.
 * Per problem and seed: evaluations, the stop reason, and success (L ≤ 1e-6 above the known
 * minimum); every run's θ is checked to lie in the box. `--src DIR` runs another checkout's
 * sources (its src/index.ts), so that a before/after comparison uses the same script.
 *
 *   npx tsx benchmarks/bounded-problems.ts [--seeds 20] [--src /path/to/other/src] [--verbose]
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const seeds = Number(flag('--seeds') ?? 20);
const verbose = args.includes('--verbose');
const src = path.resolve(flag('--src') ?? path.join(import.meta.dirname, '..', 'src'));
const { optimize } = (await import(pathToFileURL(path.join(src, 'index.ts')).href)) as typeof import('../src/index.js');

const BRANIN_MIN = 0.397887357729738;
function branin(x: Float64Array): number {
  const b = 5.1 / (4 * Math.PI * Math.PI);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  const q = x[1] - b * x[0] * x[0] + c * x[0] - 6;
  return q * q + 10 * (1 - t) * Math.cos(x[0]) + 10 - BRANIN_MIN;
}

/** One coordinate's term of Michalewicz, −sin(x)·sin(i·x²/π)^20, and its derivative. */
function michalewiczTerm(x: number, i: number): [number, number] {
  const u = (i * x * x) / Math.PI;
  const s = Math.sin(u);
  const s19 = s ** 19;
  const value = -Math.sin(x) * s19 * s;
  const derivative = -Math.cos(x) * s19 * s - Math.sin(x) * 20 * s19 * Math.cos(u) * ((2 * i * x) / Math.PI);
  return [value, derivative];
}

/** Michalewicz is separable: its minimum on [0, π]^d is the sum of each term's minimum on [0, π], found by a grid and golden sections. */
function michalewiczMinimum(d: number): number {
  let total = 0;
  for (let i = 1; i <= d; i++) {
    const N = 200_000;
    let best = 0;
    for (let k = 1; k < N; k++) if (michalewiczTerm((Math.PI * k) / N, i)[0] < michalewiczTerm((Math.PI * best) / N, i)[0]) best = k;
    let lo = (Math.PI * (best - 1)) / N;
    let hi = (Math.PI * (best + 1)) / N;
    const r = (Math.sqrt(5) - 1) / 2;
    for (let k = 0; k < 200; k++) {
      const a = hi - r * (hi - lo);
      const b = lo + r * (hi - lo);
      if (michalewiczTerm(a, i)[0] < michalewiczTerm(b, i)[0]) hi = b;
      else lo = a;
    }
    total += michalewiczTerm((lo + hi) / 2, i)[0];
  }
  return total;
}

function michalewicz(d: number) {
  const min = michalewiczMinimum(d);
  return {
    min,
    f: (x: Float64Array, grad: Float64Array): number => {
      let v = -min;
      for (let i = 0; i < d; i++) {
        const [t, dt] = michalewiczTerm(x[i], i + 1);
        v += t;
        grad[i] = dt;
      }
      return v;
    },
  };
}

// The hand-derived gradient against central differences before any figure is printed.
{
  const { f } = michalewicz(5);
  const x = Float64Array.of(1.3, 1.7, 2.1, 2.5, 2.9);
  const g = new Float64Array(5);
  f(x, g);
  const scratch = new Float64Array(5);
  for (let i = 0; i < 5; i++) {
    const h = 1e-6 * Math.max(1, Math.abs(x[i]));
    const p = x.slice();
    const m = x.slice();
    p[i] += h;
    m[i] -= h;
    const numeric = (f(p, scratch) - f(m, scratch)) / (2 * h);
    if (!(Math.abs(numeric - g[i]) <= 1e-6 * Math.max(1, Math.abs(g[i])))) throw new Error(`michalewicz gradient[${i}]: ${g[i]}, central differences ${numeric}`);
  }
}

interface Problem {
  name: string;
  problem: Record<string, unknown>;
  lower: number[];
  upper: number[];
}
const m2 = michalewicz(2);
const m5 = michalewicz(5);
const problems: Problem[] = [
  { name: 'branin (gradient: false)', problem: { objective: branin, dimension: 2, gradient: false, bounds: [[-5, 10], [0, 15]] }, lower: [-5, 0], upper: [10, 15] },
  { name: `michalewicz-2 (min ${m2.min.toFixed(7)})`, problem: { objective: m2.f, dimension: 2, bounds: [0, Math.PI] }, lower: [0, 0], upper: [Math.PI, Math.PI] },
  { name: `michalewicz-5 (min ${m5.min.toFixed(7)})`, problem: { objective: m5.f, dimension: 5, bounds: [0, Math.PI] }, lower: Array(5).fill(0), upper: Array(5).fill(Math.PI) },
];

console.log(`sources: ${src}; seeds 0…${seeds - 1}; default options; success: L − min ≤ 1e-6`);
console.log('| problem | success | evaluations median | mean | min–max | stop reasons | θ in box |');
console.log('|---|---|---|---|---|---|---|');
for (const p of problems) {
  const evaluations: number[] = [];
  const reasons = new Map<string, number>();
  let success = 0;
  let inside = 0;
  for (let seed = 0; seed < seeds; seed++) {
    const r = await optimize(p.problem as never, { seed });
    evaluations.push(r.evaluations);
    if (verbose) console.log(`${p.name} seed ${seed}: ${r.evaluations} evaluations, ${r.stopReason}, L = ${r.loss.toExponential(2)}, θ = (${Array.from(r.theta as Float64Array, (v) => v.toFixed(4)).join(', ')})`);
    reasons.set(r.stopReason, (reasons.get(r.stopReason) ?? 0) + 1);
    if (r.loss <= 1e-6) success++;
    if (Array.from(r.theta as Float64Array).every((v, i) => v >= p.lower[i] && v <= p.upper[i])) inside++;
  }
  const sorted = [...evaluations].sort((a, b) => a - b);
  const median = seeds % 2 ? sorted[(seeds - 1) / 2] : (sorted[seeds / 2 - 1] + sorted[seeds / 2]) / 2;
  const mean = evaluations.reduce((a, b) => a + b, 0) / seeds;
  const why = [...reasons].map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`| ${p.name} | ${success}/${seeds} | ${median} | ${mean.toFixed(0)} | ${sorted[0]}–${sorted[seeds - 1]} | ${why} | ${inside}/${seeds} |`);
}
