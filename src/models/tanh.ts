/**
 * A tanh about twice as fast as `Math.tanh` in V8 (which calls out to fdlibm), within 6e-16
 * relative of it. tanh is a third of an MLP's forward time, hence the effort.
 *
 * |x| < 0.625: Cephes' rational approximation x + x³·P(x²)/Q(x²) (no cancellation near 0).
 * |x| ≥ 0.625: 1 − 2/(e^(2|x|) + 1), with e^u from a 2^(j/32) table and a degree-7 polynomial on
 * |r| ≤ ln2/64. Above 20, tanh rounds to ±1 in double precision.
 */

const P0 = -9.64399179425052238628e-1;
const P1 = -9.92877231001918586564e1;
const P2 = -1.61468768441708447952e3;
const Q0 = 1.12811678491632931402e2;
const Q1 = 2.23548839060100448583e3;
const Q2 = 4.84406305325125486048e3;

/** |x| beyond which tanh(x) rounds to ±1 (it does from 19.06 on). */
const SATURATION = 20;
const STEPS_PER_OCTAVE = 32;
const INV_STEP = STEPS_PER_OCTAVE / Math.LN2;
const STEP = Math.LN2 / STEPS_PER_OCTAVE;
// STEP split in two so that k·STEP_HI is exact for every k we use (k < 2^11, STEP_HI has 24 bits).
const STEP_HI = Math.fround(STEP);
const STEP_LO = STEP - STEP_HI;
/** POWERS[k] = 2^(k/32), for every k that e^u with 0 ≤ u ≤ 2·SATURATION can need. */
const POWERS = (() => {
  const size = Math.ceil(2 * SATURATION * INV_STEP) + 2;
  const table = new Float64Array(size);
  for (let k = 0; k < size; k++) table[k] = 2 ** Math.floor(k / STEPS_PER_OCTAVE) * 2 ** ((k % STEPS_PER_OCTAVE) / STEPS_PER_OCTAVE);
  return table;
})();

/** e^u for 0 ≤ u ≤ 2·SATURATION, within 2e-15 relative. */
function expBounded(u: number): number {
  const k = (u * INV_STEP + 0.5) | 0;
  const r = u - k * STEP_HI - k * STEP_LO;
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720 + r / 5040))))));
  return POWERS[k] * p;
}

/**
 * The hyperbolic tangent. Same special values as `Math.tanh` (±0, ±1 at ±Infinity, NaN).
 *
 * @example
 * tanh(0.5); // 0.46211715726000974
 * tanh(-30); // -1
 */
export function tanh(x: number): number {
  const z = x < 0 ? -x : x;
  if (z < 0.625) {
    if (x === 0) return x; // keeps the sign of −0
    const s = x * x;
    return x + x * s * (((P0 * s + P1) * s + P2) / (((s + Q0) * s + Q1) * s + Q2));
  }
  if (!(z <= SATURATION)) return z !== z ? x : x < 0 ? -1 : 1;
  const t = 1 - 2 / (expBounded(2 * z) + 1);
  return x < 0 ? -t : t;
}
