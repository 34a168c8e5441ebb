import { describe, expect, it } from 'vitest';
import { copyFaults, describeFaultCauses, FAULT_DETAILS_LIMIT, noteNumericalFault, noteWorkerFault, restoreFaults } from '../../src/coordinator/fault-details.js';
import type { Faults } from '../../src/coordinator/fault-details.js';

const empty = (): Faults => ({ numerical: 0, worker: 0, details: [] });

describe('worker fault causes', () => {
  it('counts every fault and keeps each distinct message once, with where it was first seen', () => {
    const f = empty();
    noteWorkerFault(f, 1, 4, 'boom');
    noteWorkerFault(f, 2, 5, 'other');
    noteWorkerFault(f, 3, 9, 'boom');
    expect(f.worker).toBe(3);
    expect(f.details).toEqual([
      { kind: 'worker', message: 'boom', count: 2, walker: 1, round: 4 },
      { kind: 'worker', message: 'other', count: 1, walker: 2, round: 5 },
    ]);
    expect(describeFaultCauses(f)).toBe('worker faults: 2× boom (first: walker 1, round 4) | 1× other (first: walker 2, round 5)');
    expect(describeFaultCauses(f, 1)).toBe('worker faults: 2× boom (first: walker 1, round 4) | and 1 more');
  });

  it('keeps numerical causes beside worker ones, each kind bounded on its own; a fault with no message is counted alone', () => {
    const f = empty();
    noteWorkerFault(f, 0, 2, 'boom');
    noteNumericalFault(f, 3, 1, 'f: evaluate(theta, gradOut) returned NaN');
    noteNumericalFault(f, 1, 6, 'f: evaluate(theta, gradOut) returned NaN');
    noteNumericalFault(f, 2, 7, undefined);
    // The same text from the other kind is another cause.
    noteNumericalFault(f, 2, 8, 'boom');
    expect([f.numerical, f.worker]).toEqual([4, 1]);
    expect(f.details).toEqual([
      { kind: 'worker', message: 'boom', count: 1, walker: 0, round: 2 },
      { kind: 'numerical', message: 'f: evaluate(theta, gradOut) returned NaN', count: 2, walker: 3, round: 1 },
      { kind: 'numerical', message: 'boom', count: 1, walker: 2, round: 8 },
    ]);
    expect(describeFaultCauses(f)).toBe(
      'numerical faults: 2× f: evaluate(theta, gradOut) returned NaN (first: walker 3, round 1) | 1× boom (first: walker 2, round 8); worker faults: 1× boom (first: walker 0, round 2)',
    );
    for (let i = 0; i < 2 * FAULT_DETAILS_LIMIT; i++) noteNumericalFault(f, 0, 10 + i, `gradOut[${i}] = NaN`);
    noteWorkerFault(f, 0, 99, 'a worker cause after many numerical ones');
    expect(f.details.filter((d) => d.kind === 'numerical')).toHaveLength(FAULT_DETAILS_LIMIT);
    expect(f.details.filter((d) => d.kind === 'worker').map((d) => d.message)).toEqual(['boom', 'a worker cause after many numerical ones']);
    expect(restoreFaults(JSON.parse(JSON.stringify(f)) as Faults)).toEqual(f);
  });

  it(`keeps at most ${FAULT_DETAILS_LIMIT} messages, and bounds each one's length`, () => {
    const f = empty();
    for (let i = 0; i < 3 * FAULT_DETAILS_LIMIT; i++) noteWorkerFault(f, 0, i + 1, `θ₀ = ${i}`);
    noteWorkerFault(f, 0, 99, 'x'.repeat(5000));
    expect(f.worker).toBe(3 * FAULT_DETAILS_LIMIT + 1);
    expect(f.details.map((d) => d.message)).toEqual(Array.from({ length: FAULT_DETAILS_LIMIT }, (_, i) => `θ₀ = ${i}`));
    const g = empty();
    noteWorkerFault(g, 0, 1, 'x'.repeat(5000));
    expect(g.details[0].message.length).toBe(1000);
  });

  it('copies deeply, and restores a checkpoint written with or without causes', () => {
    const f = empty();
    noteWorkerFault(f, 0, 1, 'boom');
    const copy = copyFaults(f);
    noteWorkerFault(f, 0, 2, 'boom');
    expect(copy.details[0].count).toBe(1);
    expect(restoreFaults({ numerical: 1, worker: 2 })).toEqual({ numerical: 1, worker: 2, details: [] });
    expect(restoreFaults(JSON.parse(JSON.stringify(f)) as Faults)).toEqual(f);
  });
});
