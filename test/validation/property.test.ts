/**
 * Property-based: randomly malformed problems and options are rejected fast with NoBadMinimaError —
 * never a hang, never a NaN result, never a thread left running.
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NoBadMinimaError, optimize } from '../../src/index.js';

const notFinite = fc.constantFrom(NaN, Infinity, -Infinity);
const notNumber = fc.oneof(fc.string(), fc.constant(null), fc.boolean(), fc.constant([]), fc.constant({}));
const nonPositive = fc.oneof(fc.double({ max: 0, noNaN: true }), notFinite, notNumber);
const notCount = (min: number) =>
  fc.oneof(fc.integer({ max: min - 1 }), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Number.isInteger(v)), notFinite, notNumber);

type Bag = Record<string, any>;
type Mutation = { apply: (p: Bag, o: Bag) => void; label: string };
const mutation = (label: string, apply: (p: Bag, o: Bag) => void): Mutation => ({ label, apply });

const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  nonPositive.map((v) => mutation(`lambda=${String(v)}`, (_p: Bag, o: Bag) => void (o.lambda = v))),
  notCount(1).map((v) => mutation(`walkers=${String(v)}`, (_p: Bag, o: Bag) => void (o.walkers = v))),
  notCount(0).map((v) => mutation(`threads=${String(v)}`, (_p: Bag, o: Bag) => void (o.threads = v))),
  nonPositive.map((v) => mutation(`learningRate=${String(v)}`, (_p: Bag, o: Bag) => void (o.local = { learningRate: v }))),
  fc.oneof(notFinite, fc.constant(null), fc.boolean(), fc.constant([1])).map((v) => mutation(`seed=${String(v)}`, (_p: Bag, o: Bag) => void (o.seed = v))),
  fc.string().filter((s) => !['neuron', 'scalar', 'none'].includes(s)).map((v) => mutation(`augmentation=${v}`, (_p: Bag, o: Bag) => void (o.augmentation = v))),
  fc.tuple(fc.nat(3), fc.nat(1), fc.oneof(notFinite, notNumber)).map(([i, j, v]) => mutation(`x[${i}][${j}]=${String(v)}`, (p: Bag) => void (p.data.x[i][j] = v))),
  fc.integer({ min: 0, max: 8 }).filter((n) => n !== 4).map((n) => mutation(`y has ${n} rows`, (p: Bag) => void (p.data.y = Array.from({ length: n }, () => 0)))),
  fc.integer({ min: 1, max: 6 }).filter((n) => n !== 2).map((n) => mutation(`model input ${n}`, (p: Bag) => void (p.model.layers = [n, 2, 1]))),
  fc.string().filter((s) => !['squared', 'cross-entropy', 'logistic'].includes(s)).map((v) => mutation(`loss=${v}`, (p: Bag) => void (p.loss = v))),
);

const osThreads = () => readdirSync('/proc/self/task').length;

describe('malformed input is rejected fast', () => {
  it('every random mutation of a valid XOR run rejects with NoBadMinimaError naming a field', async () => {
    const before = osThreads();
    await fc.assert(
      fc.asyncProperty(mutations, async (mutation) => {
        const problem: Record<string, any> = {
          model: { type: 'mlp', layers: [2, 2, 1] },
          loss: 'squared',
          data: { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] },
        };
        const options: Record<string, any> = { threads: 2, maxRounds: 2 };
        mutation.apply(problem, options);
        let timer: NodeJS.Timeout | undefined;
        const hang = new Promise((resolve) => (timer = setTimeout(() => resolve('hung'), 10_000)));
        const outcome = await Promise.race([optimize(problem as never, options).then((r) => ({ resolved: r.loss }), (e: unknown) => e), hang]);
        clearTimeout(timer);
        expect(outcome, mutation.label).toBeInstanceOf(NoBadMinimaError);
        const e = outcome as NoBadMinimaError;
        expect(['INVALID_INPUT', 'INVALID_MODULE']).toContain(e.code);
        expect(e.message, mutation.label).toMatch(/^(options|problem|data|model|loss|objective)[\w.[\]]*: expected /);
      }),
      { numRuns: 150, seed: 20261123 },
    );
    // Validation runs before any pool exists: no thread was started, none is left.
    expect(osThreads()).toBeLessThanOrEqual(before);
  }, 120_000);
});
