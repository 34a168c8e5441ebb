/** Every benchmark task, in the order the report lists them. */
import { deepLinear } from './deep-linear.js';
import { gaussianMixture3Class } from './gaussian-mixture-3class.js';
import { paperExample1 } from './paper-example-1.js';
import { rastriginTask } from './rastrigin.js';
import { safranShamirTask } from './safran-shamir.js';
import { teacherStudentReluFinite } from './teacher-student-relu-finite.js';
import type { BenchTask } from './types.js';
import { xorReluHinge } from './xor-relu-hinge.js';
import { xorTanh } from './xor-tanh.js';

export type { BenchTask, MonitorScoring, SuiteSettings } from './types.js';

export const TASKS: readonly BenchTask[] = [
  paperExample1,
  xorTanh,
  xorReluHinge,
  safranShamirTask(8),
  safranShamirTask(10),
  safranShamirTask(12),
  teacherStudentReluFinite,
  rastriginTask(2),
  rastriginTask(5),
  deepLinear,
  gaussianMixture3Class,
];

/**
 * The tasks with these ids, in the order given; throws naming the unknown id and the known ones.
 *
 * @example
 * selectTasks(['xor-tanh']).map((t) => t.title); // ['XOR 2-2-1 tanh, squared loss']
 */
export function selectTasks(ids: readonly string[]): BenchTask[] {
  return ids.map((id) => {
    const task = TASKS.find((t) => t.id === id);
    if (!task) throw new Error(`unknown task "${id}" (known: ${TASKS.map((t) => t.id).join(', ')})`);
    return task;
  });
}
