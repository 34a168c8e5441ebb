/**
 * Whose code a problem runs besides the package's: the one place that names it, for the faults a
 * round reports. A new form of user problem (an object or function, say) adds its name here.
 */
import { isModuleRef } from '../modules/load-module.js';
import { moduleSource, userFault } from '../modules/user-fault.js';
import type { PreparedProblem } from './types.js';

/**
 * The user's module the problem runs, with its field, or null when every part is built in.
 *
 * @example
 * problemSource(prepared); // 'problem.objective (export "create" of /abs/f.mjs)'
 */
export function problemSource(problem: PreparedProblem): { source: string; field: string } | null {
  const [field, spec] = problem.kind === 'objective' ? ['problem.objective', problem.objective] : ['problem.model', problem.model];
  return isModuleRef(spec) ? { source: moduleSource(field, spec), field } : null;
}

/**
 * What a round threw, attributed to the user's code when the problem runs some and the error is not
 * one of the package's own (USER_CODE_FAULT, naming the module and export, the thrown message and
 * the frame it was thrown at); otherwise the error as it is.
 *
 * @example
 * attributeFault(new Error('boom: index 7 out of range'), prepared).message;
 * // 'problem.objective (export "boom" of /abs/f.mjs) threw Error: boom: index 7 out of range (at Object.evaluate (/abs/f.mjs:99:35))'
 */
export function attributeFault(thrown: unknown, problem: PreparedProblem): unknown {
  const user = problemSource(problem);
  return user === null ? thrown : userFault(user.source, thrown, user.field);
}
