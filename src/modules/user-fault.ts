/**
 * What a user's function threw, turned into an error that names where it came from. It crosses
 * from a worker thread as its message alone, so the message carries everything: the module and
 * export, the method, and what was thrown, with the line it was thrown at.
 */
import { NoBadMinimaError, describeValue } from '../errors.js';

/**
 * The USER_CODE_FAULT error for `thrown`, raised by `source`'s `method`. A NoBadMinimaError the
 * user's code passed on from the package's own helpers is returned as it is when it is a
 * NUMERICAL_FAULT (it keeps its meaning: the walker is reset), and wrapped otherwise.
 *
 * @example
 * userFault('problem.objective (export "create" of /abs/f.mjs)', 'evaluate', new Error('boom'));
 * // NoBadMinimaError USER_CODE_FAULT: problem.objective (export "create" of /abs/f.mjs): evaluate threw Error: boom (at …)
 */
export function userFault(source: string, method: string, thrown: unknown, field?: string): NoBadMinimaError {
  if (thrown instanceof NoBadMinimaError && thrown.code === 'NUMERICAL_FAULT') return thrown;
  const what = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : describeValue(thrown);
  const where = thrown instanceof Error ? thrownAt(thrown) : '';
  return new NoBadMinimaError('USER_CODE_FAULT', `${source}: ${method} threw ${what}${where}`, field, { cause: thrown, source, method });
}

/** ` (at <first stack frame>)`, or nothing when the stack says nothing useful. */
function thrownAt(error: Error): string {
  const stack = typeof error.stack === 'string' ? error.stack : '';
  const frame = stack.split('\n').find((line) => line.trimStart().startsWith('at '));
  return frame === undefined ? '' : ` (${frame.trim()})`;
}

/**
 * How a module reference is named in these messages.
 *
 * @example
 * moduleSource('problem.model', { module: '/abs/m.mjs', export: 'linear' }); // 'problem.model (export "linear" of /abs/m.mjs)'
 */
export function moduleSource(field: string, ref: { module: string; export?: string }): string {
  return `${field} (export ${JSON.stringify(ref.export ?? 'default')} of ${ref.module})`;
}
