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

/**
 * A ratio (a speedup, a cost ratio) to two decimals, with more where two would round it across
 * the target that `meets` tests: a speedup of 1.7992 against a target of 1.8 printed as '1.80'
 * beside a 'missed' verdict reads as a contradiction.
 *
 * @example
 * ratio(1.9515); // '1.95'
 * ratio(1.7992, (v) => v >= 1.8); // '1.799'
 * ratio(1.2004, (v) => v <= 1.2); // '1.2004'
 */
export function ratio(x: number, meets?: (value: number) => boolean): string {
  if (!Number.isFinite(x)) return '–';
  for (let digits = 2; digits <= 6; digits++) {
    const text = x.toFixed(digits);
    if (meets === undefined || meets(Number(text)) === meets(x)) return text;
  }
  return String(x);
}
