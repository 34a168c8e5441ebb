/**
 * Turns what users hand in (number[][], number[] or an ml-matrix Matrix) into the flat row-major
 * Float64Array the kernels use, checking shape and finiteness on the way.
 */
import { Matrix } from 'ml-matrix';
import { loop, parseOrThrow, refuse, type Refusal } from '../validation.js';

export type MatrixInput = number[][] | number[] | Matrix;

export interface RowMajor {
  data: Float64Array;
  rows: number;
  cols: number;
}

/**
 * A matrix input as a schema whose output is its row-major copy: one tight loop checks and copies
 * the entries (data may be large), refusing the first bad one by its place, `[1][1]: expected a
 * finite number, got NaN`. `allocate` chooses the backing store (a SharedArrayBuffer factory shares
 * it across threads); with `columns`, a matrix of another width is refused with `expected`.
 */
export function matrixSchema(allocate: (length: number) => Float64Array = (n) => new Float64Array(n), columns?: number, expected?: string) {
  return loop((input: unknown): RowMajor | Refusal => {
    const read = readRowMajor(input, allocate);
    if (columns !== undefined && !('at' in read) && read.cols !== columns) return refuse([], `${read.rows} × ${read.cols}`, expected ?? `${columns} columns`);
    return read;
  });
}

function readRowMajor(input: unknown, allocate: (length: number) => Float64Array): RowMajor | Refusal {
  if (input instanceof Matrix || (typeof input === 'object' && input !== null && 'to2DArray' in input && 'rows' in input)) {
    const mat = input as Matrix;
    const out = allocate(mat.rows * mat.columns);
    for (let i = 0; i < mat.rows; i++) {
      for (let j = 0; j < mat.columns; j++) {
        const v = mat.get(i, j);
        if (typeof v !== 'number' || !Number.isFinite(v)) return refuse([i, j], v, 'a finite number');
        out[i * mat.columns + j] = v;
      }
    }
    if (mat.rows === 0) return refuse([], input, 'at least one row');
    return { data: out, rows: mat.rows, cols: mat.columns };
  }
  if (!Array.isArray(input)) return refuse([], input, 'a number[][], a number[] or an ml-matrix Matrix');
  const rows = input.length;
  if (rows === 0) return refuse([], input, 'at least one row');
  if (!Array.isArray(input[0]) && !ArrayBuffer.isView(input[0])) {
    const out = allocate(rows);
    for (let i = 0; i < rows; i++) {
      const v: unknown = input[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) return refuse([i], v, 'a finite number');
      out[i] = v;
    }
    return { data: out, rows, cols: 1 };
  }
  const cols = (input[0] as ArrayLike<number>).length;
  if (cols === 0) return refuse([0], input[0], 'a row of at least one number');
  const out = allocate(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = input[i] as unknown;
    if (!Array.isArray(row) && !ArrayBuffer.isView(row)) return refuse([i], row, `a row of ${cols} numbers`);
    const r = row as ArrayLike<unknown>;
    if (r.length !== cols) return refuse([i], row, `a row of ${cols} numbers like row 0`);
    for (let j = 0; j < cols; j++) {
      const v = r[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) return refuse([i, j], v, 'a finite number');
      out[i * cols + j] = v;
    }
  }
  return { data: out, rows, cols };
}

/**
 * Copies a matrix input into a row-major Float64Array. A plain number[] is a column (m × 1).
 * `buffer` chooses the backing store: pass a SharedArrayBuffer factory to share it across threads.
 *
 * @example
 * toRowMajor([[1, 2], [3, 4]], 'data.x').data; // Float64Array [1, 2, 3, 4]
 */
export function toRowMajor(input: unknown, field: string, allocate?: (length: number) => Float64Array): RowMajor {
  return parseOrThrow(matrixSchema(allocate), input, field);
}

/** A Float64Array backed by a SharedArrayBuffer, so worker threads read the data without a copy. */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}
