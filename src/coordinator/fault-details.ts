/**
 * The causes of a run's faults, kept so that a user sees why a walker failed (a user module's
 * thrown message names the module, export and method; a numerical fault names the function and
 * the non-finite value it returned or wrote) and not only how often. Bounded: a run that faults
 * all the time must not grow without limit, and messages that embed values differ every time.
 */

/** One distinct cause of faults. */
export interface FaultDetail {
  /**
   * 'worker': a round threw (a user module, say) or its batch was lost with its thread.
   * 'numerical': a value or gradient was not finite (NaN, ±Infinity, or an exponent that would overflow).
   */
  kind: 'worker' | 'numerical';
  /** The message: the thrown error's, why the thread was lost, or what was not finite and whose it was. */
  message: string;
  /** Faults with this message. */
  count: number;
  /** Where it happened first: the walker and the round it was running. */
  walker: number;
  round: number;
}

/** The fault counters of a run, with their causes. */
export interface Faults {
  numerical: number;
  worker: number;
  /** Faults by kind and distinct message, in order of first occurrence; at most FAULT_DETAILS_LIMIT of each kind. */
  details: FaultDetail[];
}

/** Distinct messages kept of each kind; later new messages are counted in `worker` or `numerical` alone. */
export const FAULT_DETAILS_LIMIT = 8;
/** Characters of a message kept. */
const MESSAGE_LIMIT = 1000;

/**
 * Counts a worker fault and keeps its cause.
 *
 * @example
 * const faults = { numerical: 0, worker: 0, details: [] };
 * noteWorkerFault(faults, 2, 17, 'problem.objective (export "f" of /abs/f.mjs): evaluate(theta, gradOut) threw Error: boom');
 * faults.details[0].count; // 1
 */
export function noteWorkerFault(faults: Faults, walker: number, round: number, message: string): void {
  faults.worker += 1;
  keepCause(faults, 'worker', walker, round, message);
}

/**
 * Counts a numerical fault and keeps its cause, when the round said what it was.
 *
 * @example
 * const faults = { numerical: 0, worker: 0, details: [] };
 * noteNumericalFault(faults, 1, 3, 'problem.objective (function objective): evaluate(theta, gradOut) returned NaN');
 * faults.details[0].kind; // 'numerical'
 */
export function noteNumericalFault(faults: Faults, walker: number, round: number, message: string | undefined): void {
  faults.numerical += 1;
  if (message !== undefined) keepCause(faults, 'numerical', walker, round, message);
}

function keepCause(faults: Faults, kind: FaultDetail['kind'], walker: number, round: number, message: string): void {
  const text = message.length > MESSAGE_LIMIT ? `${message.slice(0, MESSAGE_LIMIT - 1)}…` : message;
  const known = faults.details.find((d) => d.kind === kind && d.message === text);
  if (known) known.count += 1;
  else if (faults.details.filter((d) => d.kind === kind).length < FAULT_DETAILS_LIMIT) faults.details.push({ kind, message: text, count: 1, walker, round });
}

/** A deep copy: the run goes on counting after a checkpoint or a result has been handed out. */
export function copyFaults(faults: Faults): Faults {
  return { numerical: faults.numerical, worker: faults.worker, details: faults.details.map((d) => ({ ...d })) };
}

/**
 * The counters of a checkpoint being resumed; a checkpoint written before causes were kept has none.
 *
 * @example
 * restoreFaults({ numerical: 1, worker: 2 }).details; // []
 */
export function restoreFaults(saved: { numerical: number; worker: number; details?: unknown }): Faults {
  const details = Array.isArray(saved.details) ? (saved.details as FaultDetail[]).slice(0, 2 * FAULT_DETAILS_LIMIT).map((d) => ({ ...d })) : [];
  return { numerical: saved.numerical, worker: saved.worker, details };
}

/**
 * The causes in one line for error messages: each kind's most frequent first, separated by ' | ',
 * each with the walker and round where it was first seen.
 *
 * @example
 * describeFaultCauses(faults);
 * // 'worker faults: 28× problem.objective (export "f" of /abs/f.mjs) threw Error: boom (at …) (first: walker 0, round 1)'
 */
export function describeFaultCauses(faults: Faults, shown = 3): string {
  const parts: string[] = [];
  for (const kind of ['numerical', 'worker'] as const) {
    const sorted = faults.details.filter((d) => d.kind === kind).sort((p, q) => q.count - p.count);
    if (sorted.length === 0) continue;
    // Not JSON-quoted: the messages quote export names themselves, and escaped quotes read badly.
    const listed = sorted.slice(0, shown).map((d) => `${d.count}× ${d.message} (first: walker ${d.walker}, round ${d.round})`);
    const more = sorted.length > shown ? ` | and ${sorted.length - shown} more` : '';
    parts.push(`${kind} faults: ${listed.join(' | ')}${more}`);
  }
  return parts.join('; ');
}
