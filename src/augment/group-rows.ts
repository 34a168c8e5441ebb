/**
 * Numbering the distinct rows of a data matrix: the neuron augmentation's resting shortcut sums
 * residuals per distinct input, so the grouping runs once per problem, on every run's set-up path.
 */

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** A 32-bit hash of row i's values; 0 and −0 (equal as numbers) hash alike. */
function rowHash(x: Float64Array, offset: number, dx: number): number {
  let h = 0x811c9dc5;
  for (let t = 0; t < dx; t++) {
    const v = x[offset + t];
    bits[0] = v === 0 ? 0 : v;
    h = Math.imul(h ^ words[0], 0x01000193);
    h = Math.imul(h ^ words[1], 0x01000193);
  }
  return h >>> 0;
}

function sameRow(x: Float64Array, a: number, b: number, dx: number): boolean {
  for (let t = 0; t < dx; t++) {
    const u = x[a + t];
    const v = x[b + t];
    if (u !== v && !(u !== u && v !== v)) return false;
  }
  return true;
}

/**
 * Numbers the distinct rows of x (m × dx, row-major) in order of first appearance into `group`
 * and returns how many distinct rows there are. Rows are equal when their entries are equal as
 * numbers (0 equals −0).
 *
 * @example
 * const group = new Int32Array(3);
 * groupRows(new Float64Array([1, 2, 3, 4, 1, 2]), 3, 2, group); // 2
 * group; // Int32Array [0, 1, 0]
 */
export function groupRows(x: Float64Array, m: number, dx: number, group: Int32Array): number {
  // hash → first representative row; further representatives with the same hash chain through `next`.
  const head = new Map<number, number>();
  const next = new Int32Array(m).fill(-1);
  let count = 0;
  for (let i = 0; i < m; i++) {
    const h = rowHash(x, i * dx, dx);
    let rep = head.get(h);
    let last = -1;
    while (rep !== undefined && rep >= 0 && !sameRow(x, rep * dx, i * dx, dx)) {
      last = rep;
      rep = next[rep];
    }
    if (rep !== undefined && rep >= 0) {
      group[i] = group[rep];
      continue;
    }
    group[i] = count++;
    if (last < 0) head.set(h, i);
    else next[last] = i;
  }
  return count;
}
