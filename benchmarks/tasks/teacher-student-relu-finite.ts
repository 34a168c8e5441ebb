/**
 * The Safran–Shamir teacher and student on a finite sample, trained as a model problem with the
 * neuron augmentation: the empirical counterpart of safran-shamir-k12.
 */
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchTask } from './types.js';
import { gaussianRows } from './random.js';

const K = 12;
const SAMPLES = 4000;
/** The data set is part of the task's definition, so its seed is fixed, not a run's seed. */
const DATA_SEED = 'teacher-student-relu-finite/data/v1';

/**
 * The student module beside this file: `.ts` under tsx and vitest, `.js` in dist. Workers import
 * it by this absolute path, so it must name a file that exists in the layout being run.
 */
export function fixedOutputStudentPath(): string {
  const here = fileURLToPath(import.meta.url);
  return join(dirname(here), `fixed-output-student${extname(here)}`);
}

/** x_i ~ N(0, I_12) and the teacher's labels y_i = Σ_j relu(x_ij) (V = I). */
export function teacherStudentData(m = SAMPLES, k = K): { x: number[][]; y: number[] } {
  const x = gaussianRows(DATA_SEED, m, k);
  const y = x.map((row) => row.reduce((sum, v) => sum + Math.max(0, v), 0));
  return { x, y };
}

export const teacherStudentReluFinite: BenchTask = {
  id: 'teacher-student-relu-finite',
  title: `Teacher–student ReLU, m = ${SAMPLES}`,
  description:
    `Safran–Shamir teacher (k = ${K}, V = I) and a student of ${K} ReLUs with output weights fixed at 1 (a user model ` +
    `module, benchmarks/tasks/fixed-output-student.ts), on ${SAMPLES} samples x ~ N(0, I_${K}) with the mean squared ` +
    'loss (no ½, so L ≈ 2× the population objective). The teacher is a student, so the global minimum is exactly 0.',
  initialization: `W₀ entries ~ N(0, 1/${K})`,
  hasBadMinima: true,
  problem: () => ({
    model: { module: fixedOutputStudentPath(), export: 'createFixedOutputStudent', args: { inputSize: K, width: K } },
    loss: 'squared',
    data: teacherStudentData(),
  }),
  tolerance: 2e-3,
  augmentation: 'neuron',
  // The budget was chosen on seeds 1000–1099 under the earlier tuned Nesterov stepper with 2 walkers
  // (the hybrid's costliest success took 9 644 evaluations); every method now runs the package's
  // default local method and walkers within the same total budget.
  quick: { seeds: 1, maxEvaluations: 12_000 },
  full: { seeds: 100, maxEvaluations: 12_000 },
  monitorScoring: { rounds: 100, quickSeeds: 0, fullSeeds: 3 },
  reference: 'Population counterpart: 58.5 % spurious for plain gradient descent at k = 12 (Safran & Shamir 2018).',
};
