/**
 * `no-bad-minima worker`: a worker host process. Runs walker batches from the BullMQ queue until
 * SIGINT or SIGTERM, then lets the batches in hand finish, closes and exits 0.
 */
import { Command, InvalidArgumentError } from 'commander';
import type { WorkerHostOptions } from '../src/executor/options.js';
import { installHint, isMissingPackage } from '../src/optional-packages.js';

/**
 * The worker host's code, imported when a worker starts: it needs bullmq and ioredis, optional
 * peer dependencies, so the rest of the CLI runs without them.
 */
async function loadWorkerHost(): Promise<typeof import('../src/executor/worker-host.js')> {
  try {
    return await import('../src/executor/worker-host.js');
  } catch (error) {
    if (!isMissingPackage(error, ['bullmq', 'ioredis'])) throw error;
    throw new Error(`the worker command needs the packages bullmq and ioredis, optional peer dependencies of no-bad-minima that are not installed: ${installHint(['bullmq', 'ioredis'])}`);
  }
}

/**
 * Runs a worker host until a signal stops it.
 *
 * @example
 * await runWorkerProcess({ connection: 'redis://10.0.0.5:6379', queue: 'no-bad-minima', concurrency: 2 });
 */
export async function runWorkerProcess(options: WorkerHostOptions): Promise<void> {
  const log = (line: string) => process.stderr.write(`no-bad-minima worker: ${line}\n`);
  const { startWorkerHost } = await loadWorkerHost();
  const host = await startWorkerHost(options, log);
  // Announced on stdout once jobs can be taken: a supervisor (or a test) waits for this line.
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal}: finishing the batches in hand`);
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await host.close();
  log(`closed after ${host.completed} batches`);
  // Explicitly: a host has nothing left to do, whatever a user module left scheduled.
  process.exit(0);
}

function count(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer ≥ ${min}, got "${value}"`);
    return n;
  };
}
const positiveInt = count(1);
const nonNegativeInt = count(0);

/**
 * Adds the `worker` subcommand to a program (the package's CLI, or host-main.ts alone).
 *
 * @example
 * addWorkerCommand(new Command('no-bad-minima')).parseAsync(['node', 'cli', 'worker', '--redis', 'redis://127.0.0.1:6379']);
 */
export function addWorkerCommand(program: Command): Command {
  program
    .command('worker')
    .description("Run walker batches from a BullMQ queue on Redis for runs with executor { type: 'bullmq' }, until SIGINT or SIGTERM (then the batches in hand finish and it exits 0).")
    .requiredOption('--redis <url>', 'Redis URL, e.g. redis://10.0.0.5:6379')
    .option('--queue <name>', 'queue name, as the runs\' executor.queue', 'no-bad-minima')
    .option('--concurrency <n>', 'batches at once, each on its own worker thread', positiveInt, 1)
    .option('--lock-duration <ms>', "BullMQ's job lock: a host silent this long loses its job to another", positiveInt, 30_000)
    .option('--stalled-interval <ms>', "milliseconds between BullMQ's checks for jobs whose lock expired", positiveInt, 30_000)
    .option('--max-stalled-count <n>', 'times a job may be lost with a host and run again before BullMQ fails it', nonNegativeInt, 1)
    .addHelpText('after', '\nExample:\n  npx no-bad-minima worker --redis redis://10.0.0.5:6379 --concurrency 2')
    .action(async (flags: { redis: string; queue: string; concurrency: number; lockDuration: number; stalledInterval: number; maxStalledCount: number }) =>
      runWorkerProcess({
        connection: flags.redis,
        queue: flags.queue,
        concurrency: flags.concurrency,
        lockDuration: flags.lockDuration,
        stalledInterval: flags.stalledInterval,
        maxStalledCount: flags.maxStalledCount,
      }),
    );
  return program;
}

export function createWorkerCommand(): Command {
  return addWorkerCommand(new Command().name('no-bad-minima'));
}
