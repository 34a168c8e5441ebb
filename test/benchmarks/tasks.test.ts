import { describe, expect, it } from 'vitest';
import { createObjective } from '../../src/index.js';
import { METHODS, selectMethods } from '../../benchmarks/methods.js';
import { runOptions } from '../../benchmarks/runner/run-one.js';
import { deepLinearData } from '../../benchmarks/tasks/deep-linear.js';
import { gaussianMixtureData } from '../../benchmarks/tasks/gaussian-mixture-3class.js';
import { TASKS, selectTasks } from '../../benchmarks/tasks/index.js';
import { teacherStudentData } from '../../benchmarks/tasks/teacher-student-relu-finite.js';

/** L(θ) of a task's problem at θ, through the package's own objective (no augmentation). */
async function lossAt(taskId: string, theta: number[]): Promise<number> {
  const [task] = selectTasks([taskId]);
  const obj = await createObjective(task.problem(), { augmentation: 'none' });
  expect(obj.dimension).toBe(theta.length);
  return obj.evaluate(Float64Array.from(theta), null);
}

const identity = (k: number) => Array.from({ length: k * k }, (_, i) => (i % (k + 1) === 0 ? 1 : 0));

describe('benchmark tasks', () => {
  it('have unique ids, a positive tolerance, seeds and budgets, and ≥ 100 seeds in the full suite', () => {
    expect(new Set(TASKS.map((t) => t.id)).size).toBe(TASKS.length);
    for (const t of TASKS) {
      expect(t.tolerance).toBeGreaterThan(0);
      expect(t.full.seeds).toBeGreaterThanOrEqual(100);
      expect(t.quick.seeds).toBeGreaterThan(0);
      expect(t.full.maxEvaluations).toBeGreaterThan(0);
      // No per-task tuning: every option other than the augmentation is the package's default.
      expect(Object.keys(t).filter((k) => ['local', 'walkers', 'lambda', 'hopping', 'monitor'].includes(k))).toEqual([]);
    }
  });

  it('reach L = 0 at a known global minimizer (the global minimum value is 0)', async () => {
    expect(await lossAt('paper-example-1', [0.8])).toBe(0);
    for (const k of [8, 10, 12]) expect(await lossAt(`safran-shamir-k${k}`, identity(k))).toBeLessThan(1e-12);
    expect(await lossAt('teacher-student-relu-finite', identity(12))).toBeLessThan(1e-24);
    expect(await lossAt('rastrigin-2', [0, 0])).toBe(0);
    expect(await lossAt('rastrigin-5', [0, 0, 0, 0, 0])).toBe(0);
  });

  it('deep-linear is realizable: identity layers and the teacher as the last layer fit it exactly', async () => {
    const { x, y } = deepLinearData();
    // Recover the teacher A (2 × 8) from the first 8 samples, which are linearly independent.
    const A = solveTeacher(x.slice(0, 8), y.slice(0, 8));
    const theta = [...identity(8), ...identity(8), ...identity(8), ...A.flat()];
    expect(await lossAt('deep-linear', theta)).toBeLessThan(1e-20);
  });

  it('gaussian-mixture-3class is separable: the nearest-centroid rule (a linear classifier) gets every point right', () => {
    const { x, y } = gaussianMixtureData();
    const centroids = [0, 1, 2].map((c) => {
      const pts = x.filter((_, i) => y[i] === c);
      return [0, 1].map((j) => pts.reduce((s, p) => s + p[j], 0) / pts.length);
    });
    const predicted = x.map((p) => {
      const d = centroids.map((c) => (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2);
      return d.indexOf(Math.min(...d));
    });
    expect(predicted).toEqual(y);
  });

  it('generate the same data every time (fixed data seeds)', () => {
    expect(teacherStudentData(50).y).toEqual(teacherStudentData(50).y);
    expect(gaussianMixtureData()).toEqual(gaussianMixtureData());
  });

  it('reject an unknown id with the known ones in the message', () => {
    expect(() => selectTasks(['nope'])).toThrow(/unknown task "nope".*xor-tanh/);
    expect(() => selectMethods(['nope'])).toThrow(/unknown method "nope".*hybrid/);
  });
});

describe('methods', () => {
  const [task] = selectTasks(['xor-tanh']);
  const options = (id: string) => runOptions(task, id as never, 3, 1000);

  it('are the five configurations of optimize() the issue defines', () => {
    expect(METHODS.map((m) => m.id)).toEqual(['plain', 'augmented-no-hops', 'multistart', 'basin-hopping', 'hybrid']);
    expect(options('plain')).toMatchObject({ augmentation: 'none', hopping: false });
    expect(options('augmented-no-hops')).toMatchObject({ augmentation: 'neuron', hopping: false });
    expect(options('multistart')).toMatchObject({ augmentation: 'none', hopping: { mode: 'restart' } });
    expect(options('basin-hopping')).toMatchObject({ augmentation: 'none', hopping: { mode: 'displace' } });
    // The hybrid is the package as a user gets it: the default hopping ('adaptive'), no option passed.
    expect(options('hybrid')).toMatchObject({ augmentation: 'neuron' });
    expect(options('hybrid')).not.toHaveProperty('hopping');
  });

  it('share the package defaults, budget, target and seed on a task: no local, walkers, λ, monitor or hopping settings are passed', () => {
    const all = METHODS.map((m) => options(m.id));
    for (const o of all) {
      const keys = ['augmentation', 'hopping', 'maxEvaluations', 'seed', 'stopWhenCertified', 'targetLoss', 'threads'];
      expect(Object.keys(o).sort()).toEqual(o.hopping === undefined ? keys.filter((k) => k !== 'hopping') : keys);
      expect(o).toMatchObject({ maxEvaluations: 1000, targetLoss: task.tolerance, seed: 3, threads: 0, stopWhenCertified: false });
      if (o.hopping !== false && o.hopping !== undefined) expect(Object.keys(o.hopping)).toEqual(['mode']);
    }
    expect(runOptions(task, 'hybrid', 3, 1000, 2).walkers).toBe(2);
  });

  it('without a target run as a user would call optimize(): no targetLoss, the default certified stop, the same budget', () => {
    const o = runOptions(task, 'hybrid', 3, 1000, undefined, 'no-target');
    expect(o).toEqual({ augmentation: 'neuron', threads: 0, maxEvaluations: 1000, seed: 3 });
  });
});

/** Solves y_i = A x_i for A from d samples (Gaussian elimination on the d × d system). */
function solveTeacher(x: number[][], y: number[][]): number[][] {
  const d = x.length;
  return y[0].map((_, k) => {
    const M = x.map((row, i) => [...row, y[i][k]]);
    for (let c = 0; c < d; c++) {
      const p = M.reduce((best, row, r) => (r >= c && Math.abs(row[c]) > Math.abs(M[best][c]) ? r : best), c);
      [M[c], M[p]] = [M[p], M[c]];
      for (let r = 0; r < d; r++) {
        if (r === c) continue;
        const f = M[r][c] / M[c][c];
        for (let j = c; j <= d; j++) M[r][j] -= f * M[c][j];
      }
    }
    return M.map((row, c) => row[d] / row[c]);
  });
}
