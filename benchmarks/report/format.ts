/** Number formats shared by the markdown report and the target checks. */

/**
 * A count or a median of counts: thousands separated, and a median of an even number of seeds keeps
 * its .5, so that 644 against 643.5 does not read as a tie.
 *
 * @example
 * count(2348); // '2,348'
 * count(643.5); // '643.5'
 * count(NaN); // '–'
 */
export const count = (x: number): string => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: 1 }) : '–');
