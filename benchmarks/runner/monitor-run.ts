/**
 * The long, hop-free run that scores the divergence monitor: the default local method on L̃ for a fixed
 * number of rounds, no target and no budget, so that every walker's fate is seen to the end.
 */
import { performance } from 'node:perf_hooks';
import { optimize } from '../../src/index.js';
import { splitSearches, type SearchRecord } from '../metrics/monitor-score.js';
import { selectTasks } from '../tasks/index.js';
import { problemOf } from './run-one.js';
import { packageDefaults } from '../defaults.js';

export interface MonitorRunSpec {
  task: string;
  seed: number;
  /** Rounds of the run; the task's monitorScoring.rounds when absent. */
  rounds?: number;
  walkers?: number;
}

export interface MonitorRunOutcome {
  task: string;
  seed: number;
  rounds: number;
  evaluations: number;
  wallMs: number;
  searches: SearchRecord[];
}

/** Runs one seed of the monitor-scoring protocol and labels its local searches. */
export async function runMonitorScoring(spec: MonitorRunSpec): Promise<MonitorRunOutcome> {
  const [task] = selectTasks([spec.task]);
  const rounds = spec.rounds ?? task.monitorScoring.rounds;
  const started = performance.now();
  const result = await optimize(problemOf(task), {
    augmentation: task.augmentation,
    hopping: false,
    ...(spec.walkers === undefined ? {} : { walkers: spec.walkers }),
    threads: 0,
    stopWhenCertified: false,
    maxRounds: rounds,
    seed: `monitor:${spec.seed}`,
  });
  const wallMs = performance.now() - started;
  return {
    task: task.id,
    seed: spec.seed,
    rounds: result.rounds,
    evaluations: result.evaluations,
    wallMs,
    searches: splitSearches(result.history, task.tolerance, packageDefaults().stepsPerRound, rounds),
  };
}
