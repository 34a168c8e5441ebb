import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';

import { toTargets, type TargetsInput } from '../../src/losses/targets.js';
import type { LossSpec } from '../../src/types.js';
import { expectInvalid } from '../helpers/errors.js';

describe('toTargets conversions', () => {
  const cases: Array<{ name: string; loss: LossSpec; y: TargetsInput; m: number; outputSize: number; expected: number[] }> = [
    { name: 'squared, number[][]', loss: 'squared', y: [[1, 2], [3, 4]], m: 2, outputSize: 2, expected: [1, 2, 3, 4] },
    { name: 'squared, number[] for one output', loss: 'squared', y: [1.5, -2], m: 2, outputSize: 1, expected: [1.5, -2] },
    { name: 'squared, Matrix', loss: { type: 'squared' }, y: new Matrix([[1, 2], [3, 4], [5, 6]]), m: 3, outputSize: 2, expected: [1, 2, 3, 4, 5, 6] },
    { name: 'squared, Float64Array', loss: 'squared', y: Float64Array.of(7, 8), m: 2, outputSize: 1, expected: [7, 8] },
    {
      name: 'cross-entropy, class indices',
      loss: 'cross-entropy',
      y: [0, 2, 1],
      m: 3,
      outputSize: 3,
      expected: [1, 0, 0, 0, 0, 1, 0, 1, 0],
    },
    { name: 'cross-entropy, m × 1 column', loss: 'cross-entropy', y: [[1], [0]], m: 2, outputSize: 2, expected: [0, 1, 1, 0] },
    { name: 'cross-entropy, Matrix column', loss: 'cross-entropy', y: Matrix.columnVector([2, 0]), m: 2, outputSize: 3, expected: [0, 0, 1, 1, 0, 0] },
    { name: 'cross-entropy, one-hot rows', loss: 'cross-entropy', y: [[0, 1, 0], [1, 0, 0]], m: 2, outputSize: 3, expected: [0, 1, 0, 1, 0, 0] },
    { name: 'cross-entropy, probability rows', loss: 'cross-entropy', y: [[0.25, 0.75], [0.5, 0.5]], m: 2, outputSize: 2, expected: [0.25, 0.75, 0.5, 0.5] },
    { name: 'logistic, number[]', loss: 'logistic', y: [0, 1, 0.5], m: 3, outputSize: 1, expected: [0, 1, 0.5] },
    { name: 'logistic, rows', loss: { type: 'logistic' }, y: [[0, 1], [1, 1]], m: 2, outputSize: 2, expected: [0, 1, 1, 1] },
    { name: 'smoothed hinge, ±1', loss: { type: 'smoothed-hinge', power: 3 }, y: [-1, 1, 1], m: 3, outputSize: 1, expected: [-1, 1, 1] },
    { name: 'no samples', loss: 'squared', y: [], m: 0, outputSize: 2, expected: [] },
  ];

  it.each(cases)('$name', ({ loss, y, m, outputSize, expected }) => {
    const out = toTargets(loss, y, m, outputSize);
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual(expected);
  });

  it('copies, so that later changes to y do not reach the targets', () => {
    const y = [[1, 2]];
    const out = toTargets('squared', y, 1, 2);
    y[0][0] = 100;
    expect(out[0]).toBe(1);
  });
});

describe('toTargets errors', () => {
  const hinge: LossSpec = { type: 'smoothed-hinge', power: 3 };
  const cases: Array<{ name: string; loss: LossSpec; y: unknown; m: number; outputSize: number; field: string; message: string }> = [
    { name: 'too few rows', loss: 'squared', y: [[1], [2], [3]], m: 4, outputSize: 1, field: 'data.y', message: 'data.y: expected 4 rows to match data.x, got 3' },
    { name: 'one row expected', loss: 'squared', y: [1, 2], m: 1, outputSize: 1, field: 'data.y', message: 'data.y: expected 1 row to match data.x, got 2' },
    { name: 'Matrix row count', loss: 'squared', y: Matrix.zeros(2, 1), m: 3, outputSize: 1, field: 'data.y', message: 'expected 3 rows to match data.x, got 2' },
    { name: 'width', loss: 'squared', y: [[1, 2, 3]], m: 1, outputSize: 2, field: 'data.y', message: 'data.y: expected rows of width 2 (one per model output), got 3' },
    { name: 'number[] for two outputs', loss: 'logistic', y: [1, 0], m: 2, outputSize: 2, field: 'data.y', message: 'expected rows of width 2 (one per model output), got 1' },
    { name: 'ragged rows', loss: 'squared', y: [[1, 2], [3]], m: 2, outputSize: 2, field: 'data.y[1]', message: 'data.y[1]: expected a row of length 2 like data.y[0], got an array of length 1' },
    { name: 'a row that is not an array', loss: 'squared', y: [[1, 2], 3], m: 2, outputSize: 2, field: 'data.y[1]', message: 'expected an array of numbers like data.y[0], got 3' },
    { name: 'NaN', loss: 'squared', y: [[1], [NaN]], m: 2, outputSize: 1, field: 'data.y[1][0]', message: 'data.y[1][0]: expected a finite number, got NaN' },
    { name: 'Infinity in a column', loss: 'squared', y: [0, Infinity], m: 2, outputSize: 1, field: 'data.y[1]', message: 'data.y[1]: expected a finite number, got Infinity' },
    { name: 'a string', loss: 'squared', y: [0, '1'], m: 2, outputSize: 1, field: 'data.y[1]', message: 'got "1"' },
    { name: 'NaN in a Matrix', loss: 'squared', y: new Matrix([[0, NaN]]), m: 1, outputSize: 2, field: 'data.y[0][1]', message: 'got NaN' },
    { name: 'not an array', loss: 'squared', y: 'abc', m: 1, outputSize: 1, field: 'data.y', message: 'data.y: expected a number[], a number[][] or an ml-matrix Matrix, got "abc"' },
    { name: 'undefined', loss: 'squared', y: undefined, m: 1, outputSize: 1, field: 'data.y', message: 'got undefined' },
    { name: 'class index too large', loss: 'cross-entropy', y: [0, 1, 3], m: 3, outputSize: 3, field: 'data.y[2]', message: 'data.y[2]: expected an integer class index in [0, 3), got 3' },
    { name: 'negative class index', loss: 'cross-entropy', y: [-1, 0], m: 2, outputSize: 2, field: 'data.y[0]', message: 'got -1' },
    { name: 'fractional class index', loss: 'cross-entropy', y: [[0.5], [1]], m: 2, outputSize: 2, field: 'data.y[0][0]', message: 'expected an integer class index in [0, 2), got 0.5' },
    { name: 'one-hot width', loss: 'cross-entropy', y: [[0, 1]], m: 1, outputSize: 3, field: 'data.y', message: 'expected rows of width 3 (one-hot) or of width 1 (class indices), got 2' },
    { name: 'probabilities not summing to 1', loss: 'cross-entropy', y: [[0.5, 0.25, 0]], m: 1, outputSize: 3, field: 'data.y[0]', message: 'data.y[0]: expected a row sum of 1 (one-hot or class probabilities), got 0.75' },
    { name: 'probability out of range', loss: 'cross-entropy', y: [[1.5, -0.5]], m: 1, outputSize: 2, field: 'data.y[0][0]', message: 'expected a class probability in [0, 1], got 1.5' },
    { name: 'cross-entropy with one output', loss: 'cross-entropy', y: [0], m: 1, outputSize: 1, field: 'loss', message: 'cross-entropy needs at least 2 outputs' },
    { name: 'logistic target 2', loss: 'logistic', y: [0, 2], m: 2, outputSize: 1, field: 'data.y[1]', message: 'data.y[1]: expected a target in [0, 1], got 2' },
    { name: 'logistic target -1', loss: 'logistic', y: [[-1]], m: 1, outputSize: 1, field: 'data.y[0][0]', message: 'got -1' },
    { name: 'hinge target 0', loss: hinge, y: [1, 0], m: 2, outputSize: 1, field: 'data.y[1]', message: 'data.y[1]: expected a target of -1 or 1, got 0' },
    { name: 'hinge target 0.5', loss: hinge, y: [[1, 0.5]], m: 1, outputSize: 2, field: 'data.y[0][1]', message: 'got 0.5' },
    { name: 'a bad loss spec', loss: { type: 'smoothed-hinge', power: 1 }, y: [1], m: 1, outputSize: 1, field: 'loss.power', message: 'loss.power: expected a finite number >= 2, got 1' },
  ];

  it.each(cases)('$name', ({ loss, y, m, outputSize, field, message }) => {
    expectInvalid(() => toTargets(loss, y as TargetsInput, m, outputSize), field, message);
  });

  it('uses the given field, and its sibling x, in messages', () => {
    expectInvalid(() => toTargets('squared', [1, 2], 3, 1, 'validation.y'), 'validation.y', 'validation.y: expected 3 rows to match validation.x, got 2');
    expectInvalid(() => toTargets('logistic', [5], 1, 1, 'test.y'), 'test.y[0]', 'test.y[0]: expected a target in [0, 1], got 5');
  });
});
