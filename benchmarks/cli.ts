#!/usr/bin/env node
/**
 * The command line: `no-bad-minima optimize` minimizes a user's own objective module (see
 * optimize-command.ts); `no-bad-minima bench` runs the benchmark suite, prints the markdown table
 * and writes the results JSON and the figures. `no-bad-minima schema` prints the results schema,
 * `no-bad-minima tasks` lists the tasks. `no-bad-minima worker --redis URL` runs walker batches of
 * runs with `executor: { type: 'bullmq' }` (README: Running on several machines).
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { METHOD_IDS, METHODS, selectMethods } from './methods.js';
import { addOptimizeCommand } from './optimize-command.js';
import { describeMachine, currentCommit, packageRoot, packageVersion } from './report/environment.js';
import { renderMarkdown } from './report/markdown.js';
import { buildResults } from './report/results.js';
import { loadVega } from './report/plots.js';
import { writeFigures, writeResults } from './report/write.js';
import { createProgress } from './runner/progress.js';
import { usesUserModule } from './runner/run-one.js';
import { measureHardwareCeiling, measureSpeedup, type HardwareCeiling, type SpeedupMeasurement } from './runner/speedup.js';
import { effectiveJobs, RUNNING_FROM_SOURCE, runSuite, scipySeedsOf, type SuitePlan } from './runner/suite.js';
import { RESULTS_SCHEMA } from './schema/results-schema.js';
import { runScipyPeer, type ScipyPeerResult } from './peer/scipy.js';
import { TASKS, selectTasks } from './tasks/index.js';
import { addWorkerCommand } from '../workers/host.js';
import { installHint } from '../src/optional-packages.js';

interface BenchFlags {
  tasks?: string[];
  methods?: string[];
  seeds?: number;
  firstSeed: number;
  walkers?: number;
  threads: number;
  quick?: boolean;
  full?: boolean;
  out?: string;
  figuresDir?: string;
  monitor: boolean;
  speedup: boolean;
  scipy: boolean;
  figures: boolean;
  referenceRuns?: number;
}

const list = (value: string): string[] => value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`expected an integer ≥ 1, got "${value}"`);
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError(`expected an integer ≥ 0, got "${value}"`);
  return n;
}

/** Quick: about 40 runs of the protocol per k; full: 1000, as many as the published figures. */
const REFERENCE_RUNS = { quick: 40, full: 1000 };

async function bench(flags: BenchFlags, argv: string[]): Promise<void> {
  const mode = flags.full ? 'full' : 'quick';
  const tasks = flags.tasks ? selectTasks(flags.tasks) : [...TASKS];
  const methods = flags.methods ? selectMethods(flags.methods) : [...METHODS];
  const root = packageRoot();
  const out = resolve(flags.out ?? join('bench-results', mode));
  const figureDirs = [out];
  // docs/figures holds the complete suite's report: a run of some tasks or methods must not replace it.
  const complete = !flags.tasks && !flags.methods;
  const figuresDir = flags.figuresDir ?? (mode === 'full' && complete && isPackageRoot(process.cwd()) ? 'docs/figures' : undefined);
  if (figuresDir) figureDirs.push(resolve(figuresDir));
  const plan: SuitePlan = {
    mode,
    tasks,
    methods,
    seeds: flags.seeds,
    firstSeed: flags.firstSeed,
    walkers: flags.walkers,
    jobs: effectiveJobs(flags.threads),
    monitor: flags.monitor,
    referenceRuns: flags.referenceRuns ?? REFERENCE_RUNS[mode],
  };

  // Before the runs, not after them: without vega and vega-lite, say so at once.
  if (flags.figures) await loadVega();
  if (plan.jobs < flags.threads) process.stderr.write(`running from source (tsx): ${flags.threads} threads requested, 1 used; build with tsc and run dist/benchmarks/cli.js for parallel runs\n`);
  // Taken before the runs: the tree can move on (another commit) while a 35-minute suite runs.
  const commit = currentCommit(root);
  const started = performance.now();
  const progress = createProgress();
  const outcome = await runSuite(plan, (job, done, total) => progress.update(done, total, job.kind === 'reference' ? `reference k=${job.spec.k}` : `${job.spec.task}`));
  progress.stop();

  // After our runs, not beside them: each side then has the machine as the other had it (the
  // peer runs as many Python processes as the suite had threads).
  let scipy: ScipyPeerResult = { ran: false, reason: '--no-scipy' };
  if (flags.scipy) {
    process.stderr.write('scipy basinhopping peer: same tasks, seeds, starts and budgets\n');
    scipy = await runScipyPeer({ entries: tasks.map((task) => ({ task, seeds: scipySeedsOf(plan, task), maxEvaluations: task[mode].maxEvaluations })), processes: plan.jobs });
    if (!scipy.ran) process.stderr.write(`scipy peer not run: ${scipy.reason}\n`);
  }

  const speedup: SpeedupMeasurement[] = [];
  let hardwareCeiling: HardwareCeiling | null = null;
  if (flags.speedup) {
    hardwareCeiling = await measureHardwareCeiling(mode === 'full' ? 5 : 2);
    // Quick: one selected task, the costliest per round short of teacher–student (its rounds take
    // about a second, so a quick measurement of it would take half the quick suite's 2 minutes);
    // full: every selected task.
    // From source, worker threads cannot import a .ts user module (see effectiveJobs).
    const eligible = tasks.filter((t) => !(RUNNING_FROM_SOURCE && usesUserModule(t)));
    const measured = mode === 'full' ? eligible : eligible.slice().sort((a, b) => speedupPriority(b.id) - speedupPriority(a.id)).slice(0, 1);
    for (const [i, task] of measured.entries()) {
      process.stderr.write(`speedup ${i + 1}/${measured.length}: ${task.id} (threads 1 vs 2)\n`);
      speedup.push(await measureSpeedup(task, mode === 'full' ? { seconds: 2, repeats: 3 } : { seconds: 0.6, repeats: 2 }));
    }
  }

  const results = buildResults({
    plan,
    outcome,
    scipy,
    speedup,
    hardwareCeiling,
    machine: describeMachine(),
    commit,
    version: packageVersion(root),
    argv,
    wallSeconds: (performance.now() - started) / 1000,
  });
  const figures = flags.figures ? await writeFigures(results, figureDirs) : [];
  results.suite.wallSeconds = (performance.now() - started) / 1000;
  const markdown = renderMarkdown(results);
  const json = await writeResults(results, out);
  await writeFile(join(out, 'results.md'), markdown);
  if (figuresDir) await writeFile(join(resolve(figuresDir), 'benchmark-report.md'), markdown);
  process.stdout.write(`${markdown}\n`);
  process.stderr.write(`results: ${json}\nfigures: ${flags.figures ? figures.join(', ') : 'none (--no-figures)'}\n`);
}

/** Speedup needs milliseconds of work per walker-round; these tasks have the most (teacher–student last: see the quick pick). */
function speedupPriority(id: string): number {
  return ['safran-shamir-k12', 'safran-shamir-k10', 'safran-shamir-k8', 'deep-linear', 'teacher-student-relu-finite'].reverse().indexOf(id);
}

function isPackageRoot(dir: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'no-bad-minima';
  } catch {
    return false;
  }
}

/** Builds the program; exported so that tests can parse arguments without running a suite. */
export function createProgram(): Command {
  const program = new Command();
  program
    .name('no-bad-minima')
    .version(packageVersion(packageRoot()), '-V, --version', 'print the version of no-bad-minima')
    .description('Minimize your own objective module (optimize), or run the benchmarks of the hybrid optimizer (augmented loss + divergence monitor + basin hopping) against the same local method without them, other baselines and scipy.optimize.basinhopping (bench).')
    .showHelpAfterError();

  addOptimizeCommand(program);

  program
    .command('bench')
    .description('Run the benchmark suite: print a markdown table, write results.json (schema: `no-bad-minima schema`) and SVG figures.')
    .option('--tasks <ids>', `comma-separated tasks (default: all): ${TASKS.map((t) => t.id).join(', ')}`, list)
    .option('--methods <ids>', `comma-separated methods (default: all): ${METHOD_IDS.join(', ')}`, list)
    .option('--seeds <n>', "seeds per task, 0 … n−1 (default: each task's quick or full seed set)", positiveInt)
    .option('--first-seed <s>', 'start the seeds at s: s … s+n−1 (the task settings were chosen on seeds ≥ 1000; check them there)', nonNegativeInt, 0)
    .option('--walkers <n>', "walkers per run, the same for every method (default: each task's, 4)", positiveInt)
    .option('--threads <n>', 'worker threads for the suite: runs in flight at once, each with its walkers in-process', positiveInt, Math.min(2, os.availableParallelism()))
    .addOption(new Option('--quick', 'the quick suite: few seeds per task, about 2 minutes on 2 cores (default)').conflicts('full'))
    .addOption(new Option('--full', 'the full suite: ≥ 100 seeds per task, 1000 protocol runs per Safran–Shamir k; most of an hour on 2 cores'))
    .option('--out <dir>', 'directory for results.json, results.md and the figures (default: bench-results/<quick|full>)')
    .option('--figures-dir <dir>', 'also write the figures and the report here (default with --full from the package root, all tasks and methods: docs/figures)')
    .option('--no-monitor', 'skip the divergence-monitor scoring runs')
    .option('--no-speedup', 'skip the parallel-speedup measurement')
    .option('--no-figures', `skip the SVG figures (they need vega and vega-lite, optional packages: ${installHint(['vega', 'vega-lite'])})`)
    .option('--no-scipy', "skip scipy.optimize.basinhopping, the side-by-side peer (it runs when python3 or /usr/bin/python3 imports scipy)")
    .option('--reference-runs <n>', `Safran–Shamir plain-GD protocol runs per k (default: ${REFERENCE_RUNS.quick} quick, ${REFERENCE_RUNS.full} full; 0 skips)`, nonNegativeInt)
    .addHelpText(
      'after',
      '\nExamples:\n  npx no-bad-minima bench                       # quick suite, every task and method\n' +
        '  npx no-bad-minima bench --tasks xor-tanh,rastrigin-2 --methods plain,hybrid --seeds 20\n' +
        '  npx no-bad-minima bench --full --out bench-results/full',
    )
    .action(async (flags: BenchFlags) => bench(flags, process.argv.slice(2)));

  program
    .command('schema')
    .description('Print the JSON Schema of results.json.')
    .action(() => {
      process.stdout.write(`${JSON.stringify(RESULTS_SCHEMA, null, 2)}\n`);
    });

  program
    .command('tasks')
    .description('List the benchmark tasks with their tolerance and budgets.')
    .action(() => {
      for (const t of TASKS) {
        process.stdout.write(
          `${t.id.padEnd(28)} tol ${String(t.tolerance).padEnd(6)} ${t.augmentation.padEnd(7)} quick ${t.quick.seeds} seeds, full ${t.full.seeds} seeds, budget ${t.full.maxEvaluations} evaluations  ${t.title}\n`,
        );
      }
    });
  addWorkerCommand(program);
  return program;
}

/** Whether this module is the program (node dist/benchmarks/cli.js, a bin symlink, tsx) or imported. */
function isMain(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  createProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      process.stderr.write(`no-bad-minima: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
