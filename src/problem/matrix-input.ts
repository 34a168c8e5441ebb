/**
 * Turns what users hand in (number[][], number[] or an ml-matrix Matrix) into the flat row-major
 * Float64Array the kernels use, checking shape and finiteness on the way.
 */
import { Matrix } from 'ml-matrix';
import { invalid } from '../errors.js';

export type MatrixInput = number[][] | number[] | Matrix;

export interface RowMajor {
  data: Float64Array;
  rows: number;
  cols: number;
}

/**
 * Copies a matrix input into a row-major Float64Array. A plain number[] is a column (m × 1).
 * `buffer` chooses the backing store: pass a SharedArrayBuffer factory to share it across threads.
 *
 * @example
 * toRowMajor([[1, 2], [3, 4]], 'data.x').data; // Float64Array [1, 2, 3, 4]
 */
export function toRowMajor(
  input: unknown,
  field: string,
  allocate: (length: number) => Float64Array = (n) => new Float64Array(n),
): RowMajor {
  if (input instanceof Matrix || (typeof input === 'object' && input !== null && 'to2DArray' in input && 'rows' in input)) {
    const mat = input as Matrix;
    const out = allocate(mat.rows * mat.columns);
    for (let i = 0; i < mat.rows; i++) {
      for (let j = 0; j < mat.columns; j++) out[i * mat.columns + j] = checkFinite(mat.get(i, j), `${field}[${i}][${j}]`);
    }
    if (mat.rows === 0) invalid(field, input, 'at least one row');
    return { data: out, rows: mat.rows, cols: mat.columns };
  }
  if (!Array.isArray(input)) invalid(field, input, 'a number[][], a number[] or an ml-matrix Matrix');
  const rows = input.length;
  if (rows === 0) invalid(field, input, 'at least one row');
  if (!Array.isArray(input[0]) && !ArrayBuffer.isView(input[0])) {
    const out = allocate(rows);
    for (let i = 0; i < rows; i++) out[i] = checkFinite(input[i], `${field}[${i}]`);
    return { data: out, rows, cols: 1 };
  }
  const cols = (input[0] as ArrayLike<number>).length;
  if (cols === 0) invalid(`${field}[0]`, input[0], 'a row of at least one number');
  const out = allocate(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = input[i] as unknown;
    if (!Array.isArray(row) && !ArrayBuffer.isView(row)) invalid(`${field}[${i}]`, row, `a row of ${cols} numbers`);
    const r = row as ArrayLike<unknown>;
    if (r.length !== cols) invalid(`${field}[${i}]`, row, `a row of ${cols} numbers like row 0`);
    for (let j = 0; j < cols; j++) out[i * cols + j] = checkFinite(r[j], `${field}[${i}][${j}]`);
  }
  return { data: out, rows, cols };
}

function checkFinite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(field, value, 'a finite number');
  return value as number;
}

/** A Float64Array backed by a SharedArrayBuffer, so worker threads read the data without a copy. */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}
