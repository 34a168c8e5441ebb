import { describe, expect, it } from 'vitest';

import { Adam } from '../../src/optimizers/adam.js';
import { createStepper } from '../../src/optimizers/create.js';
import { GradientDescent } from '../../src/optimizers/gd.js';
import { LBFGS } from '../../src/optimizers/lbfgs.js';
import { LevenbergMarquardt } from '../../src/optimizers/levenberg-marquardt.js';
import { Nesterov } from '../../src/optimizers/nesterov.js';
import { resolveLocalOptions, type LocalOptions } from '../../src/optimizers/options.js';
import { expectError } from '../helpers/errors.js';

describe('resolveLocalOptions defaults', () => {
  it('fills every field', () => {
    expect(resolveLocalOptions()).toEqual({
      method: 'lbfgs',
      learningRate: 1e-3,
      blowUpFactor: 10,
      momentum: 0.9,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8,
      history: 10,
      maxLineSearch: 20,
      sufficientDecrease: 1e-3,
      curvature: 0.9,
      damping: 1e-2,
      dampingStepUp: 11,
      dampingStepDown: 9,
      stepsPerRound: 100,
    });
  });

  it.each([
    ['gd', 0.01],
    ['nesterov', 0.01],
    ['adam', 1e-3],
  ] as const)('picks the learning rate of %s', (method, learningRate) => {
    expect(resolveLocalOptions({ method }).learningRate).toBe(learningRate);
  });

  it('keeps given values, treats undefined as missing, and is idempotent', () => {
    const resolved = resolveLocalOptions({ method: 'gd', learningRate: 0.5, history: undefined });
    expect(resolved.learningRate).toBe(0.5);
    expect(resolved.history).toBe(10);
    expect(resolveLocalOptions(resolved)).toEqual(resolved);
  });
});

describe('resolveLocalOptions errors', () => {
  const cases: Array<{ options: unknown; field: string; message: string }> = [
    { options: { learningRate: -1 }, field: 'options.local.learningRate', message: 'options.local.learningRate: expected a finite number > 0, got -1' },
    { options: { learningRate: 0 }, field: 'options.local.learningRate', message: 'got 0' },
    { options: { learningRate: NaN }, field: 'options.local.learningRate', message: 'got NaN' },
    { options: { learningRate: Infinity }, field: 'options.local.learningRate', message: 'got Infinity' },
    { options: { learningRate: '0.1' }, field: 'options.local.learningRate', message: 'got "0.1"' },
    { options: { learningRate: null }, field: 'options.local.learningRate', message: 'got null' },
    { options: { momentum: 1 }, field: 'options.local.momentum', message: 'options.local.momentum: expected a number in [0, 1), got 1' },
    { options: { momentum: -0.1 }, field: 'options.local.momentum', message: 'got -0.1' },
    { options: { beta1: 1 }, field: 'options.local.beta1', message: 'expected a number in [0, 1), got 1' },
    { options: { beta2: 1.5 }, field: 'options.local.beta2', message: 'got 1.5' },
    { options: { epsilon: 0 }, field: 'options.local.epsilon', message: 'expected a finite number > 0, got 0' },
    { options: { history: 0 }, field: 'options.local.history', message: 'expected an integer >= 1, got 0' },
    { options: { history: 2.5 }, field: 'options.local.history', message: 'got 2.5' },
    { options: { maxLineSearch: 0 }, field: 'options.local.maxLineSearch', message: 'expected an integer >= 1, got 0' },
    { options: { sufficientDecrease: 1 }, field: 'options.local.sufficientDecrease', message: 'expected a number in (0, 1), got 1' },
    { options: { damping: 0 }, field: 'options.local.damping', message: 'expected a number in [1e-7, 10000000], got 0' },
    { options: { damping: 1e8 }, field: 'options.local.damping', message: 'got 100000000' },
    { options: { dampingStepUp: 1 }, field: 'options.local.dampingStepUp', message: 'expected a finite number > 1, got 1' },
    { options: { dampingStepDown: 0.5 }, field: 'options.local.dampingStepDown', message: 'got 0.5' },
    { options: { stepsPerRound: 0 }, field: 'options.local.stepsPerRound', message: 'expected an integer >= 1, got 0' },
    { options: { method: 'sgd' }, field: 'options.local.method', message: 'expected one of "gd", "nesterov", "adam", "lbfgs", "levenberg-marquardt", got "sgd"' },
    { options: { learningrate: 0.1 }, field: 'options.local.learningrate', message: 'expected no such option (known: ' },
    { options: 5, field: 'options.local', message: 'expected an object of local-optimizer options, got 5' },
    { options: null, field: 'options.local', message: 'got null' },
    { options: [], field: 'options.local', message: 'got an array of length 0' },
  ];

  it.each(cases)('$field: $message', ({ options, field, message }) => {
    expectError(() => resolveLocalOptions(options as LocalOptions), 'INVALID_INPUT', field, message);
  });

  it('uses the given field path', () => {
    expectError(() => resolveLocalOptions({ momentum: 2 }, 'resume.local'), 'INVALID_INPUT', 'resume.local.momentum', 'resume.local.momentum: expected');
    expectError(() => createStepper(2, { history: -1 }, 'x.local'), 'INVALID_INPUT', 'x.local.history');
  });
});

describe('createStepper', () => {
  it.each([
    ['gd', GradientDescent],
    ['nesterov', Nesterov],
    ['adam', Adam],
    ['lbfgs', LBFGS],
    ['levenberg-marquardt', LevenbergMarquardt],
  ] as const)('builds %s', (method, type) => {
    const stepper = createStepper(4, { method });
    expect(stepper).toBeInstanceOf(type);
    expect(stepper.method).toBe(method);
    expect(stepper.dimension).toBe(4);
  });

  it('defaults to lbfgs and passes options through', () => {
    expect(createStepper(4).method).toBe('lbfgs');
    expect((createStepper(4, { method: 'adam', learningRate: 0.2, beta1: 0.5 }) as Adam).learningRate).toBe(0.2);
    expect((createStepper(4, { method: 'lbfgs', history: 3 }) as LBFGS).history).toBe(3);
  });
});
