/**
 * `no-bad-minima optimize`: minimizes the objective a user's own ES module exports, from the shell.
 * The module's export is a factory (called with --args) returning { dimension, evaluate, init? },
 * as for `optimize({ objective: { module, export, args } })`. Left out, --walkers and --threads
 * take the library's defaults (one walker; in-process, moving to worker threads once they pay).
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { optimize } from '../src/index.js';
import { DEFAULT_WALKERS } from '../src/options.js';
import { resolveLocalOptions } from '../src/optimizers/options.js';
import type { OptimizeOptions, OptimizeResult, Problem } from '../src/index.js';
import type { Augmentation } from '../src/types.js';

export interface OptimizeFlags {
  objective: string;
  export: string;
  args?: unknown;
  bounds?: unknown;
  gradient: boolean;
  target?: number;
  maxEvaluations?: number;
  maxRounds?: number;
  seed: string;
  threads?: number;
  walkers?: number;
  augmentation?: Augmentation;
  method?: string;
  json?: boolean;
  progress?: boolean;
}

function json(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new InvalidArgumentError(`expected JSON, got ${JSON.stringify(value)} (${(error as Error).message})`);
  }
}

function finiteNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a finite number, got "${value}"`);
  return n;
}

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

/** The module reference of --objective: a file: URL as it is, a path resolved from the current directory. */
export function moduleFromCwd(path: string, cwd = process.cwd()): string {
  return path.startsWith('file:') ? path : resolve(cwd, path);
}

/** The result as JSON: Float64Arrays as arrays (JSON.stringify would make them objects of indices). */
export function resultJson(result: OptimizeResult): string {
  return JSON.stringify(result, (_key, value: unknown) => (value instanceof Float64Array ? Array.from(value) : value), 2);
}

/** The problem and options the flags describe. */
export function fromFlags(flags: OptimizeFlags): { problem: Problem; options: OptimizeOptions } {
  const problem = {
    objective: { module: moduleFromCwd(flags.objective), export: flags.export, ...(flags.args === undefined ? {} : { args: flags.args }) },
    ...(flags.bounds === undefined ? {} : { bounds: flags.bounds }),
    ...(flags.gradient ? {} : { gradient: false }),
  } as Problem;
  const options: OptimizeOptions = {
    seed: flags.seed,
    // Given explicitly only when asked for: an explicit threads turns the adaptive start off.
    ...(flags.threads === undefined ? {} : { threads: flags.threads }),
    ...(flags.walkers === undefined ? {} : { walkers: flags.walkers }),
    ...(flags.target === undefined ? {} : { targetLoss: flags.target }),
    ...(flags.maxEvaluations === undefined ? {} : { maxEvaluations: flags.maxEvaluations }),
    ...(flags.maxRounds === undefined ? {} : { maxRounds: flags.maxRounds }),
    ...(flags.augmentation === undefined ? {} : { augmentation: flags.augmentation }),
    ...(flags.method === undefined ? {} : { local: { method: flags.method as never } }),
  };
  return { problem, options };
}

/** Runs the command: the result's message and best point on stdout (or the whole result with --json), a progress bar on stderr. */
export async function runOptimizeCommand(flags: OptimizeFlags): Promise<void> {
  const { problem, options } = fromFlags(flags);
  const showProgress = flags.progress === true || process.stderr.isTTY === true;
  const byEvaluations = options.maxEvaluations !== undefined;
  const total = byEvaluations ? options.maxEvaluations! : (options.maxRounds ?? 1000);
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `optimize |{bar}| {value}/{total} ${byEvaluations ? 'evaluations' : 'rounds'} | best L {best} | ETA {eta_formatted}`,
      noTTYOutput: true,
      notTTYSchedule: 2_000,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  if (showProgress) {
    bar.start(total, 0, { best: '—' });
    options.onProgress = (p) => {
      bar.update(Math.min(total, byEvaluations ? p.evaluations : p.round), { best: Number.isNaN(p.bestLoss) ? '—' : p.bestLoss.toPrecision(6) });
    };
  }
  let result: OptimizeResult;
  try {
    result = await optimize(problem, options);
  } finally {
    if (showProgress) bar.stop();
  }
  if (flags.json) {
    process.stdout.write(`${resultJson(result)}\n`);
    return;
  }
  process.stdout.write(`${result.message}\nloss: ${result.loss}\ntheta: [${Array.from(result.theta).join(', ')}]\n`);
}

/** Adds the `optimize` command to the program. */
export function addOptimizeCommand(program: Command): Command {
  return program
    .command('optimize')
    .description("Minimize your own objective: an ES module whose export is a factory returning { dimension, evaluate(theta, gradOut), init?(rng, out) }.")
    .requiredOption('--objective <path>', 'the module: a path (resolved from the current directory) or a file: URL')
    .option('--export <name>', 'the factory export', 'default')
    .option('--args <json>', 'JSON passed to the factory (default: none)', json)
    .option('--bounds <json>', 'JSON [low, high] for every coordinate or [[low, high], …] (default: none)', json)
    .option('--no-gradient', "evaluate takes θ alone: the gradient comes from central differences (default: evaluate writes the gradient)")
    .option('--target <L>', 'stop once the best L(θ) ≤ L (default: none)', finiteNumber)
    .option('--max-evaluations <n>', 'budget of evaluations summed over walkers (default: none; 1000 rounds without one)', positiveInt)
    .option('--max-rounds <n>', 'round limit (default: 1000 without --max-evaluations, else none)', positiveInt)
    .option('--seed <s>', 'seed of every random stream (a number or a string)', '0')
    .option('--threads <n>', `worker threads (0: in-process) (default: the library's: in-process, moving to ${availableParallelism()} threads, os.availableParallelism(), once the batches pay)`, nonNegativeInt)
    .option('--walkers <n>', `walkers (default: the library's, ${DEFAULT_WALKERS})`, positiveInt)
    .addOption(new Option('--augmentation <kind>', "augmentation (default: 'scalar', which needs min L = 0)").choices(['scalar', 'none']))
    .addOption(new Option('--method <name>', `local method (default: the library's, ${resolveLocalOptions().method}; see options.local.method)`).choices(['gd', 'nesterov', 'adam', 'lbfgs']))
    .option('--json', 'print the whole result as JSON, Float64Arrays as arrays (default: off: the message, loss and θ)')
    .option('--progress', 'show the progress bar on stderr even when it is not a terminal (default: only on a terminal)')
    .addHelpText('after', '\nExample:\n  npx no-bad-minima optimize --objective ./my.mjs --export create --args \'{"d":10}\' --target 1e-8 --max-evaluations 200000 --seed 1')
    // A seed given as digits is the same stream as that number: options.seed turns numbers into strings.
    .action(async (flags: OptimizeFlags) => runOptimizeCommand(flags));
}
