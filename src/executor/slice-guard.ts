/**
 * In-process, a round that never returns (a user module's endless loop) holds the only thread the
 * run's timers and abort listener could run on, so no cooperative stop reaches it. A slice run
 * through runGuarded is ended by V8 once it runs past its time: node:vm's timeout terminates the
 * running script from a watchdog thread, whatever context the looping function belongs to, and
 * turns the termination into an exception here. A watchdog costs a thread start per slice (about
 * 0.2 ms measured on the shared 2-core machine), so the in-process executor guards only slices of
 * user code in runs with a time limit: built-in objectives always return, and without a deadline
 * nothing on this thread could ask for the stop anyway.
 */
import vm from 'node:vm';

/** The slice ran past its time and was terminated. */
export class SliceOverrun extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SliceOverrun';
  }
}

/** vm's timeout is a 32-bit count of milliseconds. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Made on first use: worker threads import this module too, and never guard. */
let guard: { context: vm.Context; script: vm.Script } | null = null;

/**
 * Runs `slice` synchronously; if it is still running after `timeoutMs`, it is terminated and
 * SliceOverrun is thrown (what the slice throws itself passes through as it is).
 *
 * @example
 * runGuarded(() => 1 + 1, 100); // 2
 * runGuarded(() => { for (;;); }, 100); // throws SliceOverrun after about 100 ms
 */
export function runGuarded<T>(slice: () => T, timeoutMs: number, what = 'the slice'): T {
  if (!(timeoutMs < MAX_TIMEOUT_MS)) return slice();
  const ms = Math.max(1, Math.ceil(timeoutMs));
  guard ??= { context: vm.createContext({ slice: null }), script: new vm.Script('slice()') };
  const { context, script } = guard;
  context.slice = slice;
  try {
    return script.runInContext(context, { timeout: ms }) as T;
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new SliceOverrun(`${what} was still running ${ms} ms later and was terminated`);
    throw error;
  } finally {
    context.slice = null;
  }
}
