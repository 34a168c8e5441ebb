/**
 * The wire format of the BullMQ executor: a batch that crosses Redis must come back as the value
 * it was, bit for bit, or a remote run would drift from a local one.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { BullMQExecutor } from '../../src/executor/bullmq.js';
import { resolveExecutorOptions, resolveWorkerHostOptions } from '../../src/executor/options.js';
import { decode, encode, functionPath } from '../../src/executor/wire.js';
import { resolveOptions } from '../../src/options.js';
import { optimize } from '../../src/index.js';
import { NoBadMinimaError } from '../../src/errors.js';
import { expectInvalid } from '../helpers/errors.js';
import { numericGradient, relativeError, seeded, uniformArray } from '../helpers/gradient-check.js';
import { freePort } from '../helpers/redis.js';
import { xorTanh } from '../fixtures/problems.js';
// @ts-expect-error a plain-JavaScript fixture without declarations
import { slowValley } from '../fixtures/modules/slow.mjs';

const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));

describe('wire encoding', () => {
  it('gives back typed arrays bit for bit, special numbers, undefined and nesting', () => {
    const z = new Float64Array([1.5, -0, NaN, Infinity, -Infinity, 5e-324, Math.PI]);
    // A NaN with a payload: only the bytes keep it.
    new Uint32Array(z.buffer)[5] = 0x7ff80001;
    const shared = new Float64Array(new SharedArrayBuffer(16));
    shared.set([2, 3]);
    const value = { z, shared, ints: new Int32Array([-1, 2]), n: -0, nan: NaN, inf: -Infinity, u: undefined, list: [1, undefined, NaN, { deep: new Float64Array([7]) }], s: 'x', b: false, nil: null };
    const back = decode<typeof value>(encode(value));
    expect(back.z).toBeInstanceOf(Float64Array);
    expect(bits(back.z)).toEqual(bits(z));
    expect(back.shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(back.shared)).toEqual([2, 3]);
    expect(back.ints).toBeInstanceOf(Int32Array);
    expect(Array.from(back.ints)).toEqual([-1, 2]);
    expect(Object.is(back.n, -0)).toBe(true);
    expect(back.nan).toBeNaN();
    expect(back.inf).toBe(-Infinity);
    expect('u' in back).toBe(true);
    expect(back.u).toBeUndefined();
    expect(back.list[1]).toBeUndefined();
    expect(back.list[2]).toBeNaN();
    expect(Array.from((back.list[3] as { deep: Float64Array }).deep)).toEqual([7]);
    expect(back).toMatchObject({ s: 'x', b: false, nil: null });
  });

  it('gives aligned arrays whatever the base64 buffer (a view at an odd offset of a shared pool)', () => {
    for (let n = 1; n < 20; n++) {
      const a = uniformArray(seeded(`wire${n}`), n);
      const back = decode<Float64Array>(encode(a));
      expect(back.byteOffset).toBe(0);
      expect(bits(back)).toEqual(bits(a));
    }
  });

  it('refuses a function, and functionPath names where it is', () => {
    expect(() => encode({ f: () => 1 })).toThrow(/function/);
    expect(functionPath({ objective: { spec: [1, { evaluate: () => 0 }] } }, 'problem')).toBe('problem.objective.spec[1].evaluate');
    expect(functionPath({ objective: { module: 'file:///m.mjs' }, x: new Float64Array(3) }, 'problem')).toBeNull();
  });
});

describe('executor options', () => {
  it('defaults to the local pool, and fills in the BullMQ defaults', () => {
    expect(resolveOptions({}, 'model').executor).toEqual({ type: 'local' });
    expect(resolveOptions({ executor: { type: 'bullmq', connection: 'redis://127.0.0.1:6379' } }, 'model').executor).toEqual({
      type: 'bullmq',
      connection: 'redis://127.0.0.1:6379',
      queue: 'no-bad-minima',
      timeoutMs: 10_000,
      pollMs: 500,
    });
  });

  it.each([
    [{ executor: 'bullmq' }, 'options.executor', 'an object'],
    [{ executor: { type: 'redis' } }, 'options.executor.type', "'local' or 'bullmq'"],
    [{ executor: { type: 'bullmq' } }, 'options.executor.connection', 'redis://'],
    [{ executor: { type: 'bullmq', connection: 'http://h:1' } }, 'options.executor.connection', 'redis://'],
    [{ executor: { type: 'bullmq', connection: 'redis://h:1', queue: 'a:b' } }, 'options.executor.queue', 'letters'],
    [{ executor: { type: 'bullmq', connection: 'redis://h:1', timeoutMs: 0 } }, 'options.executor.timeoutMs', '> 0'],
    [{ executor: { type: 'bullmq', connection: 'redis://h:1', pollMs: NaN } }, 'options.executor.pollMs', '> 0'],
    [{ executor: { type: 'bullmq', connection: 'redis://h:1', threads: 2 } }, 'options.executor.threads', 'no such option'],
    [{ executor: { type: 'local', connection: 'redis://h:1' } }, 'options.executor.connection', 'no such option'],
  ])('refuses %j naming %s', (options, field, part) => {
    expectInvalid(() => resolveOptions(options as never, 'model'), field, part);
  });

  it('checks the worker host options', () => {
    expect(resolveWorkerHostOptions({ connection: 'redis://h:1' }, 'worker')).toEqual({ connection: 'redis://h:1', queue: 'no-bad-minima', concurrency: 1, lockDuration: 30_000, stalledInterval: 30_000, maxStalledCount: 1 });
    expectInvalid(() => resolveWorkerHostOptions({ connection: 'redis://h:1', concurrency: 0 }, 'worker'), 'worker.concurrency', '≥ 1');
  });
});

describe('BullMQ executor without Redis', () => {
  it('refuses a problem built from in-process functions, naming the field', async () => {
    const prepared = { kind: 'objective', id: 'p', dimension: 1, objective: { evaluate: () => 0 } } as never;
    const error = await BullMQExecutor.connect(resolveExecutorOptions({ type: 'bullmq', connection: 'redis://127.0.0.1:1' }, 'e') as never, prepared).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoBadMinimaError);
    expect((error as NoBadMinimaError).code).toBe('INVALID_INPUT');
    expect((error as NoBadMinimaError).field).toBe('problem.objective.evaluate');
    expect((error as Error).message).toMatch(/module reference/);
  });

  it('Redis unreachable at start: EXECUTOR_UNAVAILABLE within the timeout', async () => {
    // A port nothing listens on (refused at once), and a server that accepts and never answers.
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const silentPort = (silent.address() as AddressInfo).port;
    for (const connection of [`redis://127.0.0.1:${await freePort()}`, `redis://127.0.0.1:${silentPort}`]) {
      const error = await optimize(xorTanh, { walkers: 2, maxRounds: 3, executor: { type: 'bullmq', connection, timeoutMs: 800 } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NoBadMinimaError);
      expect((error as NoBadMinimaError).code).toBe('EXECUTOR_UNAVAILABLE');
      expect((error as NoBadMinimaError).field).toBe('options.executor.connection');
    }
    silent.close();
  });
});

describe('the slow-valley fixture', () => {
  it('has the gradient of its value (central differences)', () => {
    const o = slowValley({ dimension: 4, spinMs: 0 });
    const z = uniformArray(seeded('valley'), 4, -2, 2);
    const g = new Float64Array(4);
    o.evaluate(z, g);
    const num = numericGradient((p) => o.evaluate(p, new Float64Array(4)), z);
    expect(relativeError(g, num)).toBeLessThan(1e-6);
  });
});
