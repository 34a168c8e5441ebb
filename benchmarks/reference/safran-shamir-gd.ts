/**
 * Reproduces the plain gradient-descent figures of Safran & Shamir (ICML 2018): the fraction of
 * runs ending in a spurious minimum of the two-layer ReLU teacher–student objective.
 *
 *   npx tsx benchmarks/reference/safran-shamir-gd.ts --k 8,10,12 --runs 1000 --seed ss2018
 *
 * Options: --k (list), --n (student width; default n = k), --runs, --seed, --max-steps (cap per
 * attempt), --lr, --checkpoints (step counts at which the verdict is also reported, to show how
 * it depends on the cap).
 */
import { performance } from 'node:perf_hooks';
import { runSafranShamirGd, SAFRAN_SHAMIR_PUBLISHED_SPURIOUS, type SafranShamirGdResult } from './safran-shamir-protocol.js';
import { wilsonInterval } from './wilson.js';

interface Args {
  ks: number[];
  n: number | undefined;
  runs: number;
  seed: string;
  maxSteps: number;
  learningRate: number;
  checkpoints: number[];
}

function parseArgs(argv: string[]): Args {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!flag.startsWith('--') || value === undefined) throw new Error(`usage: --k 8,10,12 --runs N --seed S [--n N] [--max-steps M] [--lr R] [--checkpoints a,b]; bad argument ${flag}`);
    values.set(flag.slice(2), value);
    i++;
  }
  const list = (text: string): number[] => text.split(',').map((part) => positive(part, 'list entry'));
  const positive = (text: string, name: string): number => {
    const x = Number(text);
    if (!Number.isFinite(x) || x <= 0) throw new Error(`--${name}: expected a number > 0, got ${text}`);
    return x;
  };
  return {
    ks: list(values.get('k') ?? '8,10,12'),
    n: values.has('n') ? positive(values.get('n')!, 'n') : undefined,
    runs: positive(values.get('runs') ?? '200', 'runs'),
    seed: values.get('seed') ?? 'safran-shamir',
    maxSteps: positive(values.get('max-steps') ?? '200000', 'max-steps'),
    learningRate: positive(values.get('lr') ?? '0.1', 'lr'),
    checkpoints: list(values.get('checkpoints') ?? '1000,2000,5000,10000,20000'),
  };
}

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

function summarize(k: number, n: number, args: Args, results: SafranShamirGdResult[], seconds: number): void {
  const runs = results.length;
  const spurious = results.filter((r) => r.spurious).length;
  const { low, high } = wilsonInterval(spurious, runs);
  const published = n === k ? SAFRAN_SHAMIR_PUBLISHED_SPURIOUS[k] : undefined;
  const rate = spurious / runs;
  const verdict = published === undefined ? 'no published figure' : Math.abs(rate - published) <= 0.05 ? 'within ±5 points' : 'OFF by more than 5 points';
  const mean = (xs: number[]): string => (xs.length === 0 ? '-' : (xs.reduce((s, x) => s + x, 0) / xs.length).toFixed(0));
  const unconverged = results.filter((r) => !r.converged).length;
  const restarted = results.filter((r) => r.restarts > 0).length;
  const bad = results.filter((r) => r.spurious).map((r) => r.finalLoss).sort((a, b) => a - b);

  console.log(`k = ${k}, n = ${n}: ${runs} runs, seed ${JSON.stringify(args.seed)}, lr ${args.learningRate}, cap ${args.maxSteps} steps`);
  console.log(`  spurious ${spurious}/${runs} = ${percent(rate)}  (95% Wilson ${percent(low)}–${percent(high)});  published ${published === undefined ? '-' : percent(published)}: ${verdict}`);
  console.log(`  mean steps ${mean(results.map((r) => r.steps))} (global ${mean(results.filter((r) => !r.spurious).map((r) => r.steps))}, spurious ${mean(results.filter((r) => r.spurious).map((r) => r.steps))}); max ${Math.max(...results.map((r) => r.steps))}`);
  console.log(`  stopped by the cap before ‖∇F‖ ≤ 1e-9: ${unconverged}; restarted after divergence: ${restarted}`);
  if (bad.length > 0) console.log(`  spurious objective values: min ${bad[0].toExponential(3)}, median ${bad[bad.length >> 1].toExponential(3)}, max ${bad[bad.length - 1].toExponential(3)}`);
  const atCap = args.checkpoints.map((c, i) => `${c}: ${percent(results.filter((r) => !(r.lossAtCheckpoints[i] < 1e-3)).length / runs)}`);
  console.log(`  spurious had the cap been  ${atCap.join(',  ')}`);
  console.log(`  wall ${seconds.toFixed(1)} s (${((1000 * seconds) / runs).toFixed(1)} ms per run)`);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  console.log(`Safran–Shamir plain GD, node ${process.version}`);
  for (const k of args.ks) {
    const n = args.n ?? k;
    const start = performance.now();
    const results: SafranShamirGdResult[] = [];
    for (let run = 0; run < args.runs; run++) {
      results.push(
        runSafranShamirGd(k, n, `${args.seed}/k${k}/n${n}/run${run}`, {
          learningRate: args.learningRate,
          maxSteps: args.maxSteps,
          checkpoints: args.checkpoints,
        }),
      );
    }
    summarize(k, n, args, results, (performance.now() - start) / 1000);
  }
}

main();
