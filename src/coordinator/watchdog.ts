/**
 * When the coordinator gives up on a batch. Rounds stop cooperatively (the control's HALT, the
 * deadline, polled about every millisecond or step), but a user module that never returns from
 * evaluate never polls: such a batch is aborted, which ends its worker thread (piscina starts
 * another), and counted as a worker fault.
 *
 * - While the run goes on, a batch may take max(WATCHDOG_FLOOR_MS, WATCHDOG_FACTOR × the walker's
 *   slowest batch so far). Generous on purpose: batches are sized to tens of milliseconds
 *   (pace.ts) and grow by at most 2× from one to the next, so only a batch that is stuck comes
 *   near it. A walker's first batch also loads the problem in its thread (a user module's factory,
 *   bounded by factoryTimeoutMs), so it gets the floor plus that.
 * - Once the run stops (abort, time limit, target, …), the batches still out have HALT_GRACE_MS to
 *   come back; then they are aborted and the run settles at the last round taken in.
 */

/** A batch is never given up on sooner than this while the run goes on. */
export const WATCHDOG_FLOOR_MS = 10_000;
/** …nor sooner than this multiple of the walker's slowest batch so far. */
export const WATCHDOG_FACTOR = 20;
/** Time batches have to come back after the run stops, before they are aborted. */
export const HALT_GRACE_MS = 500;

/**
 * The watchdog of a walker's next batch, in milliseconds.
 *
 * @example
 * batchTimeoutMs(null, 30_000); // 40 000: the first batch also loads the problem
 * batchTimeoutMs(800, 30_000); // 16 000: 20 × 800 ms
 */
export function batchTimeoutMs(slowestBatchMs: number | null, factoryTimeoutMs: number): number {
  if (slowestBatchMs === null) return WATCHDOG_FLOOR_MS + factoryTimeoutMs;
  return Math.max(WATCHDOG_FLOOR_MS, WATCHDOG_FACTOR * slowestBatchMs);
}
