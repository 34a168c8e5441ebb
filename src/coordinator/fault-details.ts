/**
 * The causes of a run's worker faults, kept so that a user sees why a walker failed (a user
 * module's thrown message names the module, export and method) and not only how often. Bounded: a
 * run that faults all the time must not grow without limit, and messages that embed values differ
 * every time.
 */

/** One distinct cause of worker faults. */
export interface FaultDetail {
  /** 'worker': a round threw (a user module, say) or its batch was lost with its thread. */
  kind: 'worker';
  /** The message: the thrown error's, or why the thread was lost. */
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
  /** Worker faults by distinct message, in order of first occurrence; at most FAULT_DETAILS_LIMIT. */
  details: FaultDetail[];
}

/** Distinct messages kept; later new messages are counted in `worker` alone. */
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
  const text = message.length > MESSAGE_LIMIT ? `${message.slice(0, MESSAGE_LIMIT - 1)}…` : message;
  const known = faults.details.find((d) => d.message === text);
  if (known) known.count += 1;
  else if (faults.details.length < FAULT_DETAILS_LIMIT) faults.details.push({ kind: 'worker', message: text, count: 1, walker, round });
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
  const details = Array.isArray(saved.details) ? (saved.details as FaultDetail[]).slice(0, FAULT_DETAILS_LIMIT).map((d) => ({ ...d })) : [];
  return { numerical: saved.numerical, worker: saved.worker, details };
}

/**
 * The causes in one line, most frequent first, separated by ' | ', for error messages.
 *
 * @example
 * describeFaultCauses(faults); // 'worker faults: 28× problem.objective (export "f" of /abs/f.mjs): evaluate(theta, gradOut) threw Error: boom (at …)'
 */
export function describeFaultCauses(faults: Faults, shown = 3): string {
  if (faults.details.length === 0) return '';
  const sorted = [...faults.details].sort((p, q) => q.count - p.count);
  // Not JSON-quoted: the messages quote export names themselves, and escaped quotes read badly.
  const listed = sorted.slice(0, shown).map((d) => `${d.count}× ${d.message}`);
  const more = sorted.length > shown ? ` | and ${sorted.length - shown} more` : '';
  return `worker faults: ${listed.join(' | ')}${more}`;
}
