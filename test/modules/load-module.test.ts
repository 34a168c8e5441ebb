import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { NoBadMinimaError } from '../../src/errors.js';
import { isModuleRef, loadModuleExport } from '../../src/modules/load-module.js';
import { expectRejection, type MessagePart } from '../helpers/errors.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/models/${name}`, import.meta.url));

function expectModuleError(promise: Promise<unknown>, field: string, ...fragments: MessagePart[]): Promise<NoBadMinimaError> {
  return expectRejection(promise, 'INVALID_MODULE', field, ...fragments);
}

describe('isModuleRef', () => {
  it('tells module references from built-in specs', () => {
    expect(isModuleRef({ module: '/a.mjs' })).toBe(true);
    expect(isModuleRef({ module: 'file:///a.mjs', export: 'x', args: [1] })).toBe(true);
    expect(isModuleRef({ type: 'mlp', layers: [1, 1] })).toBe(false);
    expect(isModuleRef({ module: 3 })).toBe(false);
    expect(isModuleRef(null)).toBe(false);
    expect(isModuleRef('/a.mjs')).toBe(false);
  });
});

describe('loadModuleExport', () => {
  it('calls the default export with args', async () => {
    const model = (await loadModuleExport({ module: fixture('linear.mjs'), args: { inputSize: 3, outputSize: 2 } }, 'problem.model')) as {
      parameterCount: number;
    };
    expect(model.parameterCount).toBe(8);
  });

  it('takes a named export, accepts a file: URL and awaits an async factory', async () => {
    const url = pathToFileURL(fixture('linear.mjs')).href;
    const model = (await loadModuleExport({ module: url, export: 'createLinearAsync', args: { inputSize: 2 } }, 'm')) as {
      inputSize: number;
    };
    expect(model.inputSize).toBe(2);
  });

  it('rejects a missing module, naming the field and the path', async () => {
    const path = fixture('does-not-exist.mjs');
    const e = await expectModuleError(
      loadModuleExport({ module: path }, 'problem.model'),
      'problem.model.module',
      'an ES module that can be imported',
      path,
    );
    expect(e.details.cause).toBeInstanceOf(Error);
  });

  it('rejects a module that throws while loading', async () => {
    await expectModuleError(loadModuleExport({ module: fixture('import-fails.mjs') }, 'problem.model'), 'problem.model.module', /top-level failure/);
  });

  it('rejects relative paths and empty names', async () => {
    await expectModuleError(loadModuleExport({ module: './linear.mjs' }, 'problem.model'), 'problem.model.module', /absolute path or a file: URL/, '"./linear.mjs"');
    await expectModuleError(loadModuleExport({ module: '' }, 'problem.model'), 'problem.model.module', /got ""/);
    await expectModuleError(loadModuleExport({ module: fixture('linear.mjs'), export: '' }, 'problem.model'), 'problem.model.export', /got ""/);
    await expectModuleError(loadModuleExport({ module: 7 } as never, 'problem.model'), 'problem.model', /\{ module:/);
  });

  it('rejects a missing export, listing the exports', async () => {
    const path = fixture('linear.mjs');
    await expectModuleError(
      loadModuleExport({ module: path, export: 'createQuadratic' }, 'problem.model'),
      'problem.model.export',
      '"createQuadratic"',
      path,
      /createLinear, createLinearAsync, default/,
    );
  });

  it('rejects an export that is not a function', async () => {
    const path = fixture('not-a-function.mjs');
    await expectModuleError(loadModuleExport({ module: path }, 'problem.model'), 'problem.model.export', /export "default" .* to be a factory function/, /got 42/, path, /was not given/);
    await expectModuleError(loadModuleExport({ module: path, export: 'model' }, 'problem.model'), 'problem.model.export', /export "model"/, /"inputSize":1/);
  });

  it('reports a factory that throws or rejects, with the cause', async () => {
    const path = fixture('throws.mjs');
    const e = await expectModuleError(
      loadModuleExport({ module: path, args: { width: 3 } }, 'problem.model'),
      'problem.model.module',
      path,
      /boom: width 3/,
      /\{"width":3\}/,
    );
    expect((e.details.cause as Error).message).toBe('boom: width 3');
    await expectModuleError(loadModuleExport({ module: path, export: 'rejects' }, 'problem.objective'), 'problem.objective.module', /async boom/);
  });
});
