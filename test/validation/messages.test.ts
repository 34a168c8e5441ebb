/**
 * Bad input gets a NoBadMinimaError whose message names the field, the value it got and what it
 * expected — checked on a table of malformed problems and options.
 */
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { NoBadMinimaError, optimize } from '../../src/index.js';
import type { OptimizeOptions, Problem } from '../../src/index.js';

const objectives = new URL('../fixtures/modules/objectives.mjs', import.meta.url).href;
const x4 = [[0, 0], [0, 1], [1, 0], [1, 1]];
const xor = (change: Record<string, unknown> = {}): Problem =>
  ({ model: { type: 'mlp', layers: [2, 2, 1] }, loss: 'squared', data: { x: x4, y: [0, 1, 1, 0] }, ...change }) as Problem;
const classes = (y: unknown): Problem =>
  ({ model: { type: 'mlp', layers: [2, 3, 3] }, loss: 'cross-entropy', data: { x: x4, y } }) as Problem;

const problems: [string, Problem, RegExp][] = [
  ['y rows ≠ x rows', xor({ data: { x: x4, y: [0, 1, 1] } }), /^data\.y: expected 4 rows to match data\.x, got 3/],
  ['x width ≠ model input', xor({ data: { x: [[0], [1], [2], [3]], y: [0, 1, 1, 0] } }), /^data\.x: expected 2 columns.*got "4 × 1"/],
  ['NaN in x', xor({ data: { x: [[0, 0], [0, NaN], [1, 0], [1, 1]], y: [0, 1, 1, 0] } }), /^data\.x\[1\]\[1\]: expected a finite number, got NaN/],
  ['Infinity in y', xor({ data: { x: x4, y: [0, Infinity, 1, 0] } }), /^data\.y\[1\].*Infinity/],
  ['ragged x', xor({ data: { x: [[0, 0], [0], [1, 0], [1, 1]], y: [0, 1, 1, 0] } }), /^data\.x\[1\]: expected a row of 2 numbers/],
  ['empty x', xor({ data: { x: [], y: [] } }), /^data\.x: expected at least one row/],
  ['x as a Matrix with NaN', xor({ data: { x: new Matrix([[0, 0], [0, 1], [1, NaN], [1, 1]]), y: [0, 1, 1, 0] } }), /^data\.x\[2\]\[1\]: expected a finite number, got NaN/],
  ['class label out of range', classes([0, 1, 3, 2]), /^data\.y\[2\].*3/],
  ['class label not an integer', classes([0, 1.5, 1, 2]), /^data\.y\[1\].*1\.5/],
  ['unknown loss', xor({ loss: 'hinge' }), /^problem\.loss.*"hinge"/],
  ['hinge power < 2', xor({ loss: { type: 'smoothed-hinge', power: 1 } }), /^problem\.loss\.power: expected .*2.*got 1/],
  ['unknown model type', xor({ model: { type: 'cnn' } }), /^problem\.model.*cnn/],
  ['bad layers', xor({ model: { type: 'mlp', layers: [2] } }), /^problem\.model\.layers: expected .*got \[2\]/],
  ['missing module', { objective: { module: '/nowhere/at/all.mjs', export: 'f' } }, /^problem\.objective\.module.*\/nowhere\/at\/all\.mjs/],
  ['export is not a function', { objective: { module: objectives, export: 'notAFunction' } }, /^problem\.objective\.export.*notAFunction/],
  ['factory result lacks evaluate', { objective: { module: objectives, export: 'missingEvaluate' } }, /^problem\.objective: expected .*evaluate/],
  ['unknown built-in objective', { objective: { type: 'sphere', dimension: 2 } } as unknown as Problem, /^objective\.type.*sphere/],
];

const options: [string, OptimizeOptions, RegExp][] = [
  ['λ = 0', { lambda: 0 }, /^options\.lambda: expected a finite number > 0, got 0$/],
  ['negative learning rate', { local: { learningRate: -1 } }, /^options\.local\.learningRate: expected .*> 0, got -1/],
  ['fractional walkers', { walkers: 2.5 }, /^options\.walkers: expected an integer ≥ 1, got 2\.5$/],
  ['negative threads', { threads: -1 }, /^options\.threads: expected an integer ≥ 0, got -1$/],
  ['unknown augmentation', { augmentation: 'double' as never }, /^options\.augmentation: expected 'neuron', 'scalar' or 'none', got "double"$/],
  ['unknown method', { local: { method: 'sgd' as never } }, /^options\.local\.method.*"sgd"/],
  ['seed undefined-like', { seed: null as never }, /^options\.seed: expected a finite number or a string, got null$/],
  ['seed NaN', { seed: NaN }, /^options\.seed: expected a finite number or a string, got NaN$/],
  ['unknown option', { walkerz: 3 } as never, /^options\.walkerz: expected no such option/],
  ['unknown hopping mode', { hopping: { mode: 'teleport' as never } }, /^options\.hopping\.mode.*"teleport"/],
  ['acceptance rate 1', { hopping: { targetAcceptRate: 1 } }, /^options\.hopping\.targetAcceptRate: expected a number in \(0, 1\), got 1$/],
  ['acceptance rate as a string', { hopping: { targetAcceptRate: '0.5' as never } }, /^options\.hopping\.targetAcceptRate: expected a number in \(0, 1\), got "0\.5"$/],
  ['step factor 0', { hopping: { factor: 0 } }, /^options\.hopping\.factor: expected a number in \(0, 1\), got 0$/],
  ['step factor as a string', { hopping: { factor: '0.9' as never } }, /^options\.hopping\.factor: expected a number in \(0, 1\), got "0\.9"$/],
  ['minImprovement 1', { hopping: { minImprovement: 1 } }, /^options\.hopping\.minImprovement: expected a number in \[0, 1\), got 1$/],
  ['minImprovement as a string', { hopping: { minImprovement: '0.1' as never } }, /^options\.hopping\.minImprovement: expected a number in \[0, 1\), got "0\.1"$/],
  ['monitor patience 0', { monitor: { patience: 0 } }, /^options\.monitor\.patience: expected an integer ≥ 1, got 0$/],
  ['maxEvaluations NaN', { maxEvaluations: NaN }, /^options\.maxEvaluations: expected an integer ≥ 1.*got NaN$/],
  ['onProgress not a function', { onProgress: 3 as never }, /^options\.onProgress: expected a function, got 3$/],
  ['levenberg-marquardt on cross-entropy', { local: { method: 'levenberg-marquardt' } }, /^options\.local\.method.*levenberg-marquardt/],
];

async function rejection(problem: Problem, o: OptimizeOptions): Promise<NoBadMinimaError> {
  const error = await optimize(problem, { threads: 0, maxRounds: 1, ...o }).then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NoBadMinimaError);
  return error as NoBadMinimaError;
}

describe('bad problems are refused with a message naming field, value and expectation', () => {
  it.each(problems)('%s', async (_name, problem, message) => {
    const e = await rejection(problem, {});
    expect(['INVALID_INPUT', 'INVALID_MODULE']).toContain(e.code);
    expect(e.message).toMatch(message);
  });
});

describe('bad options are refused with a message naming field, value and expectation', () => {
  it.each(options)('%s', async (name, o, message) => {
    const problem = name.includes('cross-entropy') ? classes([0, 1, 2, 0]) : xor();
    const e = await rejection(problem, o);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(message);
    expect(e.field).toBe(e.message.split(':')[0]);
  });
});
