/** The jobs a suite plan makes: which seeds every method runs. */
import { describe, expect, it } from 'vitest';
import { selectMethods } from '../../benchmarks/methods.js';
import { planJobs, scipySeedsOf, type SuitePlan } from '../../benchmarks/runner/suite.js';
import { selectTasks } from '../../benchmarks/tasks/index.js';

const plan = (extra: Partial<SuitePlan>): SuitePlan => ({
  mode: 'quick',
  tasks: selectTasks(['xor-tanh']),
  methods: selectMethods(['plain', 'hybrid']),
  seeds: 3,
  jobs: 1,
  monitor: true,
  referenceRuns: 0,
  ...extra,
});

const seeds = (p: SuitePlan, kind: 'run' | 'monitor') =>
  planJobs(p)
    .filter((j) => j.kind === kind)
    .map((j) => (j.kind === 'run' ? `${j.spec.method}${j.spec.mode === 'no-target' ? '/no-target' : ''}:${j.spec.seed}` : `monitor:${(j.spec as { seed: number }).seed}`));

describe('planJobs seeds', () => {
  it.each([
    // xor-tanh scores the monitor on 2 quick seeds (its monitorScoring.quickSeeds).
    [undefined, ['plain:0', 'hybrid:0', 'plain:1', 'hybrid:1', 'plain:2', 'hybrid:2'], ['monitor:0', 'monitor:1']],
    [0, ['plain:0', 'hybrid:0', 'plain:1', 'hybrid:1', 'plain:2', 'hybrid:2'], ['monitor:0', 'monitor:1']],
    [1000, ['plain:1000', 'hybrid:1000', 'plain:1001', 'hybrid:1001', 'plain:1002', 'hybrid:1002'], ['monitor:1000', 'monitor:1001']],
  ])('firstSeed %s', (firstSeed, runs, monitor) => {
    const p = plan({ firstSeed, noTarget: false });
    expect(seeds(p, 'run')).toEqual(runs);
    expect(seeds(p, 'monitor')).toEqual(monitor);
  });

  it('adds one no-target run of the hybrid per seed, on the same seeds, by default', () => {
    expect(seeds(plan({ firstSeed: 5 }), 'run')).toEqual(['plain:5', 'hybrid:5', 'hybrid/no-target:5', 'plain:6', 'hybrid:6', 'hybrid/no-target:6', 'plain:7', 'hybrid:7', 'hybrid/no-target:7']);
    // No hybrid selected, no no-target runs.
    expect(seeds(plan({ methods: selectMethods(['plain']) }), 'run')).toEqual(['plain:0', 'plain:1', 'plain:2']);
  });

  it('gives scipy the task’s seeds, or the first scipyQuickSeeds of them in the quick suite', () => {
    const [task] = selectTasks(['xor-tanh']);
    expect(scipySeedsOf(plan({}), task)).toEqual([0, 1, 2]);
    expect(scipySeedsOf({ ...plan({}), tasks: [{ ...task, scipyQuickSeeds: 2 }] }, { ...task, scipyQuickSeeds: 2 })).toEqual([0, 1]);
    expect(scipySeedsOf(plan({ mode: 'full' }), { ...task, scipyQuickSeeds: 2 })).toEqual([0, 1, 2]);
  });
});
