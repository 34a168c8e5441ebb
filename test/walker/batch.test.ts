/**
 * Batches: a walker advanced several rounds in a row. What makes batching invisible in the result is
 * that a batch of n rounds is exactly n batches of one; the rest checks where a batch stops.
 */
import { describe, expect, it } from 'vitest';
import { createObjective } from '../../src/augment/create.js';
import { resolveOptions } from '../../src/options.js';
import { prepareProblem } from '../../src/problem/prepare.js';
import type { Problem } from '../../src/problem/types.js';
import type { WalkerContext } from '../../src/walker/advance.js';
import { runBatch as runPacked } from '../../src/walker/batch.js';
import type { BatchTask } from '../../src/walker/batch.js';
import { unpackRecords } from '../../src/walker/packed-records.js';
import { createControl, STOP_ROUND } from '../../src/walker/round.js';
import { cloneWalker, createWalker } from '../../src/walker/state.js';
import type { WalkerState } from '../../src/walker/state.js';
import { example1 } from '../fixtures/problems.js';

const objectives = new URL('../fixtures/modules/objectives.mjs', import.meta.url).href;

async function setup(problem: Problem, overrides: Partial<WalkerContext> = {}) {
  const o = resolveOptions({ local: { method: 'gd', learningRate: 0.002, stepsPerRound: 50 } }, 'objective' in problem ? 'objective' : 'model');
  const prepared = await prepareProblem(problem);
  const augmentation = 'objective' in problem ? 'scalar' : 'neuron';
  const obj = await createObjective(problem, { augmentation, lambda: 1 });
  const context: WalkerContext = {
    augmentation,
    lambda: 1,
    local: o.local,
    share: Infinity,
    targetLoss: -Infinity,
    stopWhenCertified: false,
    monitor: o.monitor,
    hopping: o.hopping,
    auxScale: 0.01,
    dormant: false,
    reportHops: true,
    ...overrides,
  };
  const task = (walker: WalkerState, rounds: number, control = createControl()): BatchTask => ({ problem: prepared, context, walker: cloneWalker(walker), rounds, control, deadline: Infinity });
  return { obj, task };
}

/** runBatch with its records unpacked. */
async function runBatch(task: BatchTask) {
  const r = await runPacked(task);
  return { ...r, records: unpackRecords(r.records) };
}

describe('runBatch', () => {
  it.each([false, true])('a batch of n rounds is n batches of one round: the same records and the same walker (dormant auxiliary: %s)', async (dormant) => {
    const { obj, task } = await setup(example1(0, 0.49), { dormant });
    const start = createWalker(0, 'batch', obj, 0.01, 0.5, dormant);
    const whole = await runBatch(task(start, 40));
    expect(whole.error).toBeNull();
    expect(whole.records).toHaveLength(40);
    // Hops are where the walker's stream and hop state come in: the comparison must cover some.
    expect(whole.records.some((r) => r.hopped)).toBe(true);

    let w = start;
    const records = [];
    for (let k = 0; k < 40; k++) {
      const one = await runBatch(task(w, 1));
      records.push(...one.records);
      w = one.walker;
    }
    expect(records).toEqual(whole.records);
    expect({ ...w, z: Array.from(w.z) }).toEqual({ ...whole.walker, z: Array.from(whole.walker.z) });
    expect(w.round).toBe(40);
  });

  it('stops once the run is known to stop at an earlier round', async () => {
    const { obj, task } = await setup(example1(0, 0.49));
    const control = createControl();
    control[STOP_ROUND] = 3;
    const r = await runBatch(task(createWalker(0, 'batch', obj, 0.01, 0.5, false), 10, control));
    expect(r.records.map((rec) => rec.round)).toEqual([1, 2, 3]);
    expect(r.walker.round).toBe(3);
  });

  it('a round that reaches the target ends the batch and lowers the stop round to it', async () => {
    const { obj, task } = await setup(example1(0.7, 0.9), { targetLoss: 1e-4 });
    const control = createControl();
    const r = await runBatch(task(createWalker(0, 'batch', obj, 0.01, 0.5, false), 50, control));
    const last = r.records[r.records.length - 1];
    expect(last.stopsRun).toBe(true);
    expect(last.stats!.loss).toBeLessThanOrEqual(1e-4);
    expect(r.records.slice(0, -1).every((rec) => !rec.stopsRun)).toBe(true);
    expect(control[STOP_ROUND]).toBe(last.round);
  });

  it("ends when the walker's share of the budget is spent", async () => {
    // 50 steps and one end-of-round evaluation per round: a share of 180 affords three full rounds
    // (153), then 26 steps and the end evaluation, which spend it exactly.
    const { obj, task } = await setup(example1(0, 0.49), { share: 180 });
    const r = await runBatch(task(createWalker(0, 'batch', obj, 0.01, 0.5, false), 10));
    expect(r.records.map((rec) => rec.evaluations)).toEqual([51, 51, 51, 27]);
    expect(r.walker.evaluations).toBe(180);
  });

  it('a round that throws: the rounds before it come back, with the error and the walker as it was after them', async () => {
    // 51 evaluations a round: the third round's calls 103…153 pass the limit of 120.
    const problem = (limit: number): Problem => ({ objective: { module: objectives, export: 'faultyQuadratic', args: { throwAfterCalls: limit } } });
    const { obj, task } = await setup(problem(120));
    const start = createWalker(0, 'batch', obj, 0.01, 0.5, false);
    const failed = await runBatch(task(start, 10));
    expect(failed.records.map((rec) => rec.round)).toEqual([1, 2]);
    // The user's throw arrives wrapped, naming the module's export and the method (issue 27).
    expect(failed.error).toMatchObject({ name: 'NoBadMinimaError', code: 'USER_CODE_FAULT', message: expect.stringContaining('injected') });
    expect(failed.error!.message).toContain('export "faultyQuadratic"');

    // The same objective without the limit (another problem id, so a fresh call count), two rounds.
    const clean = await setup(problem(1e9));
    const two = await runBatch(clean.task(start, 2));
    expect(failed.records).toEqual(two.records);
    expect({ ...failed.walker, z: Array.from(failed.walker.z) }).toEqual({ ...two.walker, z: Array.from(two.walker.z) });
  });
});
