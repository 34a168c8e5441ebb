import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createModel, loadModel } from '../../src/models/create.js';
import { DenseNetwork } from '../../src/models/dense-network.js';
import { Example1Model } from '../../src/models/example1.js';
import type { BuiltinModelSpec } from '../../src/types.js';
import { rejectedError, thrownError } from '../helpers/errors.js';
import { seeded, uniformArray } from '../helpers/gradient-check.js';
import { gradientCheckError, jacobianBackwardError } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/models/${name}`, import.meta.url));

describe('createModel', () => {
  it('builds every built-in', () => {
    const mlp = createModel({ type: 'mlp', layers: [2, 2, 1], activation: 'relu' });
    expect(mlp).toBeInstanceOf(DenseNetwork);
    expect(mlp.parameterCount).toBe(9);
    expect((mlp as DenseNetwork).activation).toBe('relu');
    const deep = createModel({ type: 'deep-linear', layers: [3, 3, 1] });
    expect(deep.parameterCount).toBe(12);
    expect(createModel({ type: 'example1' })).toBeInstanceOf(Example1Model);
  });

  it('does not keep a reference to the caller’s layers array', () => {
    const layers = [2, 3, 1];
    const mlp = createModel({ type: 'mlp', layers }) as DenseNetwork;
    layers[1] = 100;
    expect(mlp.layers).toEqual([2, 3, 1]);
  });

  it('names the field, the value and the expectation for bad layers', () => {
    const e = thrownError(() => createModel({ type: 'mlp', layers: [2] }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.field).toBe('model.layers');
    expect(e.message).toBe('model.layers: expected an array of at least 2 positive integers, got [2]');
    expect(thrownError(() => createModel({ type: 'mlp', layers: [2, 0, 1] })).message).toMatch(/got \[2, 0, 1\]$/);
    expect(thrownError(() => createModel({ type: 'deep-linear', layers: [2, 1.5] })).message).toMatch(/model\.layers: .* got \[2, 1\.5\]$/);
    expect(thrownError(() => createModel({ type: 'mlp', layers: [2, '3'] } as never)).message).toMatch(/got \[2, "3"\]$/);
    expect(thrownError(() => createModel({ type: 'mlp' } as never)).message).toBe(
      'model.layers: expected an array of at least 2 positive integers, got undefined',
    );
    expect(thrownError(() => createModel({ type: 'mlp', layers: new Float64Array([2, 1]) } as never)).field).toBe('model.layers');
  });

  it('uses the caller’s field path', () => {
    expect(thrownError(() => createModel({ type: 'mlp', layers: [] }, 'problem.model')).message).toBe(
      'problem.model.layers: expected an array of at least 2 positive integers, got []',
    );
  });

  it('rejects a bad activation, init, type, unknown field or non-object', () => {
    const cases: [unknown, string, RegExp][] = [
      [{ type: 'mlp', layers: [1, 1], activation: 'gelu' }, 'model.activation', /expected one of "tanh", .*"identity", got "gelu"/],
      [{ type: 'mlp', layers: [1, 1], init: 'he' }, 'model.init', /expected 'glorot' or \{ type: 'uniform', low, high \}, got "he"/],
      [{ type: 'mlp', layers: [1, 1], init: { type: 'normal' } }, 'model.init.type', /got "normal"/],
      [{ type: 'mlp', layers: [1, 1], init: { type: 'uniform', low: 0 } }, 'model.init.high', /finite number ≥ low \(0\), got undefined/],
      [{ type: 'mlp', layers: [1, 1], init: { type: 'uniform', low: 1, high: 0 } }, 'model.init.high', /got 0/],
      [{ type: 'deep-linear', layers: [1, 1], init: { type: 'uniform', low: NaN, high: 1 } }, 'model.init.low', /got NaN/],
      [{ type: 'example1', init: { type: 'uniform', low: 0, high: 1, extra: 1 } }, 'model.init.extra', /no such field/],
      [{ type: 'cnn', layers: [1, 1] }, 'model.type', /one of 'mlp', 'deep-linear', 'example1', got "cnn"/],
      [{ layers: [1, 1] }, 'model.type', /got undefined/],
      [{ type: 'mlp', layers: [1, 1], activaton: 'relu' }, 'model.activaton', /no such field \(known: type, layers, activation, init\)/],
      [{ type: 'deep-linear', layers: [1, 1], activation: 'relu' }, 'model.activation', /no such field/],
      [{ type: 'example1', layers: [1, 1] }, 'model.layers', /no such field/],
      [null, 'model', /expected a model spec/],
      ['mlp', 'model', /got "mlp"/],
    ];
    for (const [spec, field, message] of cases) {
      const e = thrownError(() => createModel(spec as BuiltinModelSpec));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.field).toBe(field);
      expect(e.message.startsWith(`${field}: expected `)).toBe(true);
      expect(e.message).toMatch(message);
    }
  });

  it('accepts equal uniform bounds (a constant init)', () => {
    const model = createModel({ type: 'mlp', layers: [1, 1], init: { type: 'uniform', low: 0.5, high: 0.5 } });
    const theta = new Float64Array(2);
    model.init(seeded('const'), theta);
    expect(Array.from(theta)).toEqual([0.5, 0.5]);
  });
});

describe('loadModel', () => {
  it('builds built-ins', async () => {
    expect((await loadModel({ type: 'mlp', layers: [2, 3, 1] })).parameterCount).toBe(13);
    const e = await rejectedError(loadModel({ type: 'mlp', layers: [2] }, 'problem.model'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.field).toBe('problem.model.layers');
  });

  it('loads a user module whose factory returns a Model, which then behaves as one', async () => {
    const model = await loadModel({ module: fixture('linear.mjs'), export: 'createLinear', args: { inputSize: 3, outputSize: 2 } });
    expect([model.inputSize, model.outputSize, model.parameterCount]).toEqual([3, 2, 8]);
    const rng = seeded('user-linear');
    const theta = uniformArray(rng, 8);
    const x = uniformArray(rng, 4 * 3);
    const dOut = uniformArray(rng, 4 * 2);
    expect(gradientCheckError(model, theta, x, 4, dOut)).toBeLessThan(1e-6);
    expect(jacobianBackwardError(model, theta, x, 4, dOut)).toBeLessThan(1e-12);
    const viaDefault = await loadModel({ module: fixture('linear.mjs') });
    expect(viaDefault.parameterCount).toBe(2);
    const viaAsync = await loadModel({ module: fixture('linear.mjs'), export: 'createLinearAsync', args: { inputSize: 4 } });
    expect(viaAsync.parameterCount).toBe(5);
  });

  it('rejects a module that is missing', async () => {
    const path = fixture('nowhere.mjs');
    const e = await rejectedError(loadModel({ module: path }, 'problem.model'));
    expect(e.code).toBe('INVALID_MODULE');
    expect(e.field).toBe('problem.model.module');
    expect(e.message).toContain('problem.model.module');
    expect(e.message).toContain(path);
  });

  it('rejects an export that is not a function', async () => {
    const path = fixture('not-a-function.mjs');
    const e = await rejectedError(loadModel({ module: path }, 'problem.model'));
    expect(e.code).toBe('INVALID_MODULE');
    expect(e.field).toBe('problem.model.export');
    expect(e.message).toMatch(/^problem\.model\.export: expected export "default" of .*not-a-function\.mjs to be a factory function/);
    expect(e.message).toContain('got 42');
  });

  it('rejects a factory whose object lacks backward', async () => {
    const path = fixture('missing-backward.mjs');
    const e = await rejectedError(loadModel({ module: path }, 'problem.model'));
    expect(e.code).toBe('INVALID_MODULE');
    expect(e.field).toBe('problem.model.module');
    expect(e.message).toMatch(/^problem\.model\.module: expected the factory "default" of .*missing-backward\.mjs to produce a Model/);
    expect(e.message).toMatch(/functions init, forward, backward, jacobian\), but its backward is undefined$/);
  });

  it('rejects sizes that are not positive integers, and a factory returning nothing', async () => {
    const path = fixture('bad-sizes.mjs');
    const zero = await rejectedError(loadModel({ module: path, export: 'zeroParameters' }));
    expect(zero.code).toBe('INVALID_MODULE');
    expect(zero.field).toBe('model.module');
    expect(zero.message).toMatch(/"zeroParameters" .* but its parameterCount is 0$/);
    expect((await rejectedError(loadModel({ module: path, export: 'fractionalInput' }))).message).toMatch(/its inputSize is 1\.5$/);
    expect((await rejectedError(loadModel({ module: path, export: 'nothing' }))).message).toMatch(/the factory returned undefined$/);
  });

  it('rejects a factory that throws', async () => {
    const e = await rejectedError(loadModel({ module: fixture('throws.mjs'), args: { width: 8 } }, 'problem.model'));
    expect(e.code).toBe('INVALID_MODULE');
    expect(e.field).toBe('problem.model.module');
    expect(e.message).toMatch(/boom: width 8/);
  });
});
