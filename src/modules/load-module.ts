/**
 * Loading a user's factory from an ES module named by a {@link ModuleRef}. Workers call this too,
 * which is why a user's model or objective travels as a path and an export name, never a function.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NoBadMinimaError, describeValue } from '../errors.js';
import type { ModuleRef } from '../types.js';

/**
 * Whether `value` looks like a {@link ModuleRef}: an object with a string `module`. Built-in specs
 * have a `type` instead, so this is how a spec is told apart from a module reference.
 *
 * @example
 * isModuleRef({ module: '/abs/model.mjs', export: 'create' }); // true
 * isModuleRef({ type: 'mlp', layers: [2, 1] }); // false
 */
export function isModuleRef(value: unknown): value is ModuleRef {
  return typeof value === 'object' && value !== null && typeof (value as { module?: unknown }).module === 'string';
}

/**
 * How long a user factory's promise may take to settle before the problem is refused: a factory
 * that never settles would otherwise hold optimize() for good. (A factory that loops synchronously
 * cannot be timed out on its own thread; in a worker, the batch watchdog ends it.)
 */
export const FACTORY_TIMEOUT_MS = 30_000;

/** `value` awaited, or `timeout()` thrown if it has not settled after `ms`. */
async function settleWithin<T>(value: T | Promise<T>, ms: number, timeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([Promise.resolve(value), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(timeout()), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function moduleError(field: string, value: unknown, expected: string, cause?: unknown): NoBadMinimaError {
  const reason = cause === undefined ? '' : ` (${cause instanceof Error ? cause.message : describeValue(cause)})`;
  return new NoBadMinimaError(
    'INVALID_MODULE',
    `${field}: expected ${expected}, got ${describeValue(value)}${reason}`,
    field,
    cause === undefined ? { value } : { value, cause },
  );
}

/** The URL to import: file: URLs pass through, absolute paths are converted (Windows-safe). */
function toSpecifier(module: string, field: string): string {
  if (module.startsWith('file:')) return module;
  if (!isAbsolute(module)) {
    throw moduleError(field, module, 'an absolute path or a file: URL (resolve relative paths with path.resolve first)');
  }
  return pathToFileURL(module).href;
}

/**
 * Imports `ref.module`, takes its export `ref.export ?? 'default'`, checks it is a function, calls
 * it with `ref.args` and returns the (awaited) result. `field` is where the ref sits in the caller's
 * input, e.g. `problem.model`; errors name its sub-fields (`problem.model.module`,
 * `problem.model.export`) and are `NoBadMinimaError`s with code INVALID_MODULE, the original error
 * in `details.cause`. A factory whose promise has not settled after `timeoutMs` (default
 * FACTORY_TIMEOUT_MS, 30 s) is refused with INVALID_MODULE.
 *
 * @example
 * const model = await loadModuleExport(
 *   { module: '/home/me/my-model.mjs', export: 'createModel', args: { width: 8 } },
 *   'problem.model',
 * );
 */
export async function loadModuleExport(ref: ModuleRef, field: string, timeoutMs = FACTORY_TIMEOUT_MS): Promise<unknown> {
  if (!isModuleRef(ref)) throw moduleError(field, ref, '{ module: <absolute path or file: URL>, export?, args? }');
  const moduleField = `${field}.module`;
  if (ref.module.length === 0) throw moduleError(moduleField, ref.module, 'an absolute path or a file: URL');
  const exportName = ref.export ?? 'default';
  if (typeof exportName !== 'string' || exportName.length === 0) {
    throw moduleError(`${field}.export`, exportName, 'a non-empty export name (a string)');
  }

  const specifier = toSpecifier(ref.module, moduleField);
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    throw moduleError(moduleField, ref.module, 'an ES module that can be imported', error);
  }

  const exportField = `${field}.export`;
  const defaulted = ref.export === undefined ? ` (${exportField} was not given, so "default" was used)` : '';
  if (!(exportName in namespace)) {
    const names = Object.keys(namespace);
    const known = names.length === 0 ? 'it has no exports' : `its exports: ${names.join(', ')}`;
    throw moduleError(exportField, exportName, `the name of an export of ${ref.module} (${known})${defaulted}`);
  }
  const factory = namespace[exportName];
  if (typeof factory !== 'function') {
    throw moduleError(
      exportField,
      factory,
      `export ${JSON.stringify(exportName)} of ${ref.module} to be a factory function${defaulted}`,
    );
  }

  try {
    return await settleWithin((factory as (args: unknown) => unknown)(ref.args), timeoutMs, () =>
      new NoBadMinimaError(
        'INVALID_MODULE',
        `${exportField}: expected the factory ${JSON.stringify(exportName)} of ${ref.module} to return or settle within ${timeoutMs} ms, but it had not`,
        exportField,
        { value: exportName },
      ),
    );
  } catch (error) {
    if (error instanceof NoBadMinimaError) throw error;
    const message = error instanceof Error ? error.message : describeValue(error);
    throw new NoBadMinimaError(
      'INVALID_MODULE',
      `${moduleField}: expected the factory ${JSON.stringify(exportName)} of ${ref.module} to return a value when ` +
        `called with args ${describeValue(ref.args)}, but it threw: ${message}`,
      moduleField,
      { value: ref.module, cause: error },
    );
  }
}
