import { describe, expect, it } from 'vitest';
import { copyFaults, describeFaultCauses, FAULT_DETAILS_LIMIT, noteWorkerFault, restoreFaults } from '../../src/coordinator/fault-details.js';
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
    expect(describeFaultCauses(f)).toBe('worker faults: 2× boom | 1× other');
    expect(describeFaultCauses(f, 1)).toBe('worker faults: 2× boom | and 1 more');
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
