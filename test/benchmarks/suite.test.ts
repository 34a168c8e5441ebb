/** The jobs a suite plan makes: which seeds every method runs. */
import { describe, expect, it } from 'vitest';
import { selectMethods } from '../../benchmarks/methods.js';
import { planJobs, type SuitePlan } from '../../benchmarks/runner/suite.js';
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
    .map((j) => ('method' in j.spec ? `${j.spec.method}:${j.spec.seed}` : `monitor:${(j.spec as { seed: number }).seed}`));

describe('planJobs seeds', () => {
  it.each([
    // xor-tanh scores the monitor on 2 quick seeds (its monitorScoring.quickSeeds).
    [undefined, ['plain:0', 'hybrid:0', 'plain:1', 'hybrid:1', 'plain:2', 'hybrid:2'], ['monitor:0', 'monitor:1']],
    [0, ['plain:0', 'hybrid:0', 'plain:1', 'hybrid:1', 'plain:2', 'hybrid:2'], ['monitor:0', 'monitor:1']],
    [1000, ['plain:1000', 'hybrid:1000', 'plain:1001', 'hybrid:1001', 'plain:1002', 'hybrid:1002'], ['monitor:1000', 'monitor:1001']],
  ])('firstSeed %s', (firstSeed, runs, monitor) => {
    const p = plan({ firstSeed });
    expect(seeds(p, 'run')).toEqual(runs);
    expect(seeds(p, 'monitor')).toEqual(monitor);
  });
});
