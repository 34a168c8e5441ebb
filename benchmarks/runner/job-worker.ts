/** The thread entry of the suite's job pool: one benchmark run or one monitor-scoring run per job. */
import { runMonitorScoring, type MonitorRunOutcome, type MonitorRunSpec } from './monitor-run.js';
import { runReferenceChunk, type ReferenceRunOutcome, type ReferenceRunSpec } from './reference-run.js';
import { runOne, type RunOutcome, type RunSpec } from './run-one.js';

export type Job = { kind: 'run'; spec: RunSpec } | { kind: 'monitor'; spec: MonitorRunSpec } | { kind: 'reference'; spec: ReferenceRunSpec };
export type JobResult =
  | { kind: 'run'; outcome: RunOutcome }
  | { kind: 'monitor'; outcome: MonitorRunOutcome }
  | { kind: 'reference'; outcome: ReferenceRunOutcome };

/** Runs one job; the pool calls this in a worker thread, `--jobs 1` calls it directly. */
export default async function runJob(job: Job): Promise<JobResult> {
  try {
    if (job.kind === 'run') return { kind: 'run', outcome: await runOne(job.spec) };
    if (job.kind === 'monitor') return { kind: 'monitor', outcome: await runMonitorScoring(job.spec) };
    return { kind: 'reference', outcome: runReferenceChunk(job.spec) };
  } catch (error) {
    // A plain Error crosses the thread boundary intact; the package's errors carry fields that do not.
    throw new Error(`${JSON.stringify(job)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
