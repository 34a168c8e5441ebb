/**
 * What a user's code threw, turned into an error that names where it came from. It crosses from a
 * worker thread as its message alone, so the message carries everything: the module and export,
 * what was thrown, and the stack frame it was thrown at (which names the method and the line).
 */
import { NoBadMinimaError, describeValue } from '../errors.js';

/**
 * The USER_CODE_FAULT error for `thrown`, raised while the package ran `source`'s code. A
 * NoBadMinimaError is returned as it is: it already says what went wrong (and a NUMERICAL_FAULT
 * keeps its meaning: the walker is reset).
 *
 * @example
 * userFault('problem.objective (export "create" of /abs/f.mjs)', new Error('boom'), 'problem.objective');
 * // USER_CODE_FAULT: problem.objective (export "create" of /abs/f.mjs) threw Error: boom (at Object.evaluate (/abs/f.mjs:9:13))
 */
export function userFault(source: string, thrown: unknown, field?: string): NoBadMinimaError {
  if (thrown instanceof NoBadMinimaError) return thrown;
  const what = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : describeValue(thrown);
  const where = thrown instanceof Error ? thrownAt(thrown) : '';
  return new NoBadMinimaError('USER_CODE_FAULT', `${source} threw ${what}${where}`, field, { cause: thrown, source });
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
