/**
 * Turns the user's y into the flat m × outputSize target array a `Loss` reads, checking it against
 * the loss: class indices become one-hot rows, and every value is checked once here so that the
 * hot loop need not.
 */
import { Matrix } from 'ml-matrix';

import { invalid } from '../errors.js';
import type { LossSpec } from '../types.js';
import { loop, parseOrThrow, refuse, type Refusal } from '../validation.js';
import { normalizeLossSpec, type LossType } from './spec.js';

/** The shapes a user may give targets in. */
export type TargetsInput = number[] | number[][] | Matrix | ArrayLike<number> | ArrayLike<ArrayLike<number>>;

/** A read-only view of y as rows, whatever form it came in. */
interface Table {
  rows: number;
  width: number;
  /** True when y was one-dimensional: one value per sample. */
  column: boolean;
  at(i: number, k: number): unknown;
}

/** Row sums of a probability row may be off by rounding; anything further is a mistake. */
const ROW_SUM_TOLERANCE = 1e-6;

/**
 * Converts y to the m × outputSize row-major targets the loss expects, and validates it:
 * the row count must be m, every value finite, and
 * - squared: rows of width outputSize;
 * - cross-entropy (outputSize ≥ 2): one integer class index in [0, outputSize) per sample (a
 *   `number[]` or an m × 1 column), which becomes a one-hot row, or rows of width outputSize with
 *   entries in [0, 1] summing to 1;
 * - logistic: rows of width outputSize with entries in [0, 1];
 * - smoothed-hinge: rows of width outputSize with entries −1 or 1.
 * A `number[]` is read as one value per sample, so it fits outputSize 1 (or class indices).
 * Errors are INVALID_INPUT and name the offending entry, e.g. `data.y[2]`.
 *
 * @example
 * toTargets('cross-entropy', [0, 2, 1], 3, 3);
 * // Float64Array [1, 0, 0,  0, 0, 1,  0, 1, 0]
 * toTargets('squared', [[1], [2]], 3, 1);
 * // throws: data.y: expected 3 rows to match data.x, got 2
 */
export function toTargets(
  loss: LossSpec,
  y: TargetsInput,
  m: number,
  outputSize: number,
  field = 'data.y',
): Float64Array {
  const { type } = normalizeLossSpec(loss);
  // The model, not y, is at fault here, and the field is the loss: no schema of y can report it.
  if (type === 'cross-entropy' && outputSize < 2) {
    invalid(
      'loss',
      'cross-entropy',
      `a loss that fits a model with ${outputSize} output (cross-entropy needs at least 2 outputs; use "logistic" for one binary output)`,
    );
  }
  return parseOrThrow(targetsSchema(type, m, outputSize, field), y, field);
}

/**
 * y for this loss, m samples and outputSize outputs, as a schema whose output is the flat targets:
 * one tight loop reads, checks and copies the entries (y may be large), refusing the first bad one
 * by its place below y, `[2]: expected an integer class index in [0, 3), got 3`. `field` is where y
 * sits, for the expectations that name it (`a row of length 2 like data.y[0]`, `… to match data.x`).
 * Cross-entropy needs outputSize ≥ 2 (toTargets refuses the loss before).
 */
export function targetsSchema(type: LossType, m: number, outputSize: number, field = 'data.y') {
  return loop((y: unknown): Float64Array | Refusal => {
    const table = readTable(y, field);
    if (!('rows' in table)) return table;
    if (table.rows !== m) return refuse([], table.rows, `${m} row${m === 1 ? '' : 's'} to match ${siblingX(field)}`);
    const out = new Float64Array(m * outputSize);
    if (type === 'cross-entropy') {
      if (table.width === 1 && m > 0) return oneHot(table, outputSize, out) ?? out;
      if (table.width !== outputSize && m > 0) return refuse([], table.width, `rows of width ${outputSize} (one-hot) or of width 1 (class indices)`);
    } else if (table.width !== outputSize && m > 0) {
      return refuse([], table.width, `rows of width ${outputSize} (one per model output)`);
    }
    return copyChecked(table, type, out) ?? out;
  });
}

function siblingX(field: string): string {
  return field.endsWith('.y') ? `${field.slice(0, -1)}x` : 'data.x';
}

/** The place of entry (i, k) below y: `[i]` in a column, `[i][k]` in rows. */
function entryAt(table: Table, i: number, k: number): number[] {
  return table.column ? [i] : [i, k];
}

/** Writes the one-hot rows of the class indices into `out`; the first bad index's refusal, if any. */
function oneHot(table: Table, outputSize: number, out: Float64Array): Refusal | undefined {
  for (let i = 0; i < table.rows; i++) {
    const c = table.at(i, 0);
    if (typeof c !== 'number' || !Number.isFinite(c)) return refuse(entryAt(table, i, 0), c, 'a finite number');
    if (!Number.isInteger(c) || c < 0 || c >= outputSize) return refuse(entryAt(table, i, 0), c, `an integer class index in [0, ${outputSize})`);
    out[i * outputSize + c] = 1;
  }
  return undefined;
}

/** Copies the rows into `out`, checking each entry against the loss; the first bad entry's refusal, if any. */
function copyChecked(table: Table, type: LossType, out: Float64Array): Refusal | undefined {
  const w = table.width;
  for (let i = 0; i < table.rows; i++) {
    let sum = 0;
    for (let k = 0; k < w; k++) {
      const v = table.at(i, k);
      if (typeof v !== 'number' || !Number.isFinite(v)) return refuse(entryAt(table, i, k), v, 'a finite number');
      if ((type === 'logistic' || type === 'cross-entropy') && (v < 0 || v > 1)) {
        return refuse(entryAt(table, i, k), v, type === 'logistic' ? 'a target in [0, 1]' : 'a class probability in [0, 1]');
      }
      if (type === 'smoothed-hinge' && v !== 1 && v !== -1) return refuse(entryAt(table, i, k), v, 'a target of -1 or 1');
      sum += v;
      out[i * w + k] = v;
    }
    if (type === 'cross-entropy' && Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
      return refuse([i], sum, 'a row sum of 1 (one-hot or class probabilities)');
    }
  }
  return undefined;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** y as rows, or the refusal of its form: not an array, or rows of differing form like y[0]. */
function readTable(y: unknown, field: string): Table | Refusal {
  if (Matrix.isMatrix(y)) {
    const matrix = y as Matrix;
    return { rows: matrix.rows, width: matrix.columns, column: false, at: (i, k) => matrix.get(i, k) };
  }
  if (!isArrayLike(y)) return refuse([], y, 'a number[], a number[][] or an ml-matrix Matrix');
  const rows = y.length;
  if (rows === 0 || !isArrayLike(y[0])) {
    // One value per sample; non-numbers are reported entry by entry later.
    return { rows, width: 1, column: true, at: (i) => y[i] };
  }
  const width = (y[0] as ArrayLike<unknown>).length;
  for (let i = 1; i < rows; i++) {
    const row = y[i];
    if (!isArrayLike(row)) return refuse([i], row, `an array of numbers like ${field}[0]`);
    if (row.length !== width) return refuse([i], row, `a row of length ${width} like ${field}[0]`);
  }
  return { rows, width, column: false, at: (i, k) => (y[i] as ArrayLike<unknown>)[k] };
}
