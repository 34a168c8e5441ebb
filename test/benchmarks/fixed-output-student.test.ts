import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { createObjectiveFunction } from '../../src/index.js';
import { createFixedOutputStudent } from '../../benchmarks/tasks/fixed-output-student.js';
import { teacherStudentData } from '../../benchmarks/tasks/teacher-student-relu-finite.js';

const d = 5;
const n = 4;
const m = 7;

function stream(seed: string): () => number {
  const prng = seedrandom.xor4096(seed);
  return () => prng.double();
}

/** Samples and a θ away from the ReLU kinks, so finite differences see one linear piece. */
function fixture() {
  const model = createFixedOutputStudent({ inputSize: d, width: n });
  const rng = stream('fixture');
  const theta = new Float64Array(model.parameterCount);
  model.init(rng, theta);
  const x = Float64Array.from({ length: m * d }, () => 2 * rng() - 1);
  return { model, theta, x, rng };
}

describe('fixed-output student (user model module)', () => {
  it('computes Σ_j relu(w_j·x) with output weights fixed at 1', () => {
    const { model, theta, x } = fixture();
    const out = new Float64Array(m);
    model.forward(theta, x, m, out);
    for (let i = 0; i < m; i++) {
      let expected = 0;
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let l = 0; l < d; l++) s += theta[j * d + l] * x[i * d + l];
        expected += Math.max(0, s);
      }
      expect(out[i]).toBeCloseTo(expected, 12);
    }
  });

  it('passes a central-difference gradient check of backward', () => {
    const { model, theta, x, rng } = fixture();
    const dOut = Float64Array.from({ length: m }, () => 2 * rng() - 1);
    const grad = new Float64Array(model.parameterCount);
    const out = new Float64Array(m);
    model.forward(theta, x, m, out);
    model.backward(theta, x, m, dOut, grad);
    // φ(θ) = Σ_i dOut_i f(x_i; θ) has gradient Σ_i J_iᵀ dOut_i, which is what backward returns.
    const phi = (t: Float64Array) => {
      model.forward(t, x, m, out);
      return out.reduce((s, v, i) => s + dOut[i] * v, 0);
    };
    const h = 1e-6;
    for (let k = 0; k < model.parameterCount; k++) {
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[k] += h;
      minus[k] -= h;
      expect(grad[k]).toBeCloseTo((phi(plus) - phi(minus)) / (2 * h), 6);
    }
  });

  it('recomputes the forward pass when backward gets a θ the last forward did not see', () => {
    const { model, theta, x, rng } = fixture();
    const dOut = Float64Array.from({ length: m }, () => 2 * rng() - 1);
    const moved = Float64Array.from(theta, (v) => -v);
    const fresh = new Float64Array(model.parameterCount);
    const stale = new Float64Array(model.parameterCount);
    model.forward(moved, x, m, new Float64Array(m));
    model.backward(moved, x, m, dOut, fresh);
    model.forward(theta, x, m, new Float64Array(m));
    model.backward(moved, x, m, dOut, stale);
    expect(Array.from(stale)).toEqual(Array.from(fresh));
  });

  it('has a jacobian whose rows agree with backward', () => {
    const { model, theta, x } = fixture();
    for (let i = 0; i < m; i++) {
      const row = x.subarray(i * d, (i + 1) * d);
      const J = model.jacobian(theta, row);
      expect(J.rows).toBe(1);
      expect(J.columns).toBe(model.parameterCount);
      const grad = new Float64Array(model.parameterCount);
      model.forward(theta, row, 1, new Float64Array(1));
      model.backward(theta, row, 1, Float64Array.of(1), grad);
      expect(J.getRow(0)).toEqual(Array.from(grad));
    }
  });

  it('on the task’s 4000 samples, its mean squared loss is about twice the Safran–Shamir population objective', () => {
    const k = 12;
    const { x, y } = teacherStudentData();
    const model = createFixedOutputStudent({ inputSize: k, width: k });
    const theta = new Float64Array(k * k);
    model.init(stream('population'), theta);
    const out = new Float64Array(x.length);
    model.forward(theta, Float64Array.from(x.flat()), x.length, out);
    const empirical = out.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / x.length;
    const population = createObjectiveFunction({ type: 'safran-shamir', k }).evaluate(theta, new Float64Array(k * k));
    // Monte Carlo over 4000 samples: a few per cent of error.
    expect(empirical / (2 * population)).toBeGreaterThan(0.9);
    expect(empirical / (2 * population)).toBeLessThan(1.1);
  });

  it('rejects bad arguments with a message naming them', () => {
    expect(() => createFixedOutputStudent({ inputSize: 0, width: 2 })).toThrow(/inputSize, width/);
  });
});
