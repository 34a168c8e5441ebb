/**
 * The scipy peer: finds a Python with scipy, hands scipy_basinhopping.py a job on stdin and returns
 * its validated results. When no such Python exists the result says "not run" and why, so that the
 * report can say so instead of leaving the comparison out.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PEER_FORMAT_VERSION, buildRunJob, type PeerJob, type PeerMode } from './job.js';
import type { BenchTask } from '../tasks/index.js';

/** Pythons tried in order: the one on PATH, then Debian's, where apt's python3-scipy installs. */
export const PYTHON_CANDIDATES = ['python3', '/usr/bin/python3'];

export interface ScipyPython {
  command: string;
  python: string;
  numpy: string;
  scipy: string;
}

/** One basinhopping run of one seed in one mode, as the script reports it. */
export interface ScipyRun {
  task: string;
  seed: number;
  mode: PeerMode;
  /** to-target: the callback stopped the run at the tolerance; defaults: best f ≤ tolerance. */
  success: boolean;
  /** Lowest f over every evaluation; null if none was finite. */
  bestLoss: number | null;
  /** Value-and-gradient calls: to the callback's stop when a to-target run succeeded, else all of them. */
  evaluations: number;
  /** The first evaluation whose value was ≤ the tolerance, or null. */
  firstHitEvaluations: number | null;
  /** Monte Carlo steps (hops) taken. */
  hops: number;
  stop: 'target' | 'max-evaluations' | 'niter';
  /** time.perf_counter() around the basinhopping call, milliseconds. */
  wallMs: number;
}

export type ScipyPeerResult =
  | { ran: true; python: string; versions: { python: string; numpy: string; scipy: string }; processes: number; runs: ScipyRun[] }
  | { ran: false; reason: string };

/** The script, beside this module in the source tree (dist/benchmarks/peer → benchmarks/peer). */
export function peerScriptPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'scipy_basinhopping.py'), join(here, '..', '..', '..', 'benchmarks', 'peer', 'scipy_basinhopping.py')];
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

/**
 * The first Python of PYTHON_CANDIDATES that imports numpy and scipy, or the reasons none did.
 *
 * @example
 * const found = findScipyPython();
 * if ('command' in found) console.log(found.scipy); // e.g. '1.10.1'
 */
export function findScipyPython(candidates: readonly string[] = PYTHON_CANDIDATES): ScipyPython | { reason: string } {
  const reasons: string[] = [];
  for (const command of candidates) {
    const probe = spawnSync(command, ['-c', 'import platform, numpy, scipy; print(platform.python_version(), numpy.__version__, scipy.__version__)'], { encoding: 'utf8', timeout: 30_000 });
    if (probe.error) {
      reasons.push(`${command}: ${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message}`);
      continue;
    }
    if (probe.status !== 0) {
      const last = probe.stderr.trim().split('\n').pop() ?? `exit ${probe.status}`;
      reasons.push(`${command}: ${last}`);
      continue;
    }
    const [python, numpy, scipy] = probe.stdout.trim().split(/\s+/);
    return { command, python, numpy, scipy };
  }
  return { reason: `no Python with numpy and scipy (${reasons.join('; ')}); on Debian: apt-get install python3-scipy` };
}

/** BLAS threads pinned to 1: each of our runs has one core (threads: 0), and so does each peer process. */
const CHILD_ENV = { OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1', PYTHONHASHSEED: '0' };

/**
 * Runs the script on one job and returns its parsed stdout; rejects with the script's stderr.
 *
 * @example
 * const out = await runPeerScript('python3', job);
 */
export function runPeerScript(command: string, job: PeerJob): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [peerScriptPath()], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...CHILD_ENV } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`${command} ${peerScriptPath()} exited with ${code}: ${Buffer.concat(err).toString('utf8').trim().split('\n').slice(-3).join(' | ')}`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(out).toString('utf8')));
      } catch (error) {
        reject(new Error(`${command} ${peerScriptPath()}: output is not JSON (${(error as Error).message})`));
      }
    });
    child.stdin.on('error', () => {}); // a script that dies early closes its stdin; 'close' reports it
    child.stdin.end(JSON.stringify(job));
  });
}

const isInt = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Checks the script's output against the job it was given: every (task, seed, mode) once, every
 * field of the right type and range. Throws naming the first bad field.
 *
 * @example
 * const runs = validatePeerOutput(job, await runPeerScript('python3', job));
 */
export function validatePeerOutput(job: PeerJob, output: unknown): ScipyRun[] {
  const fail = (field: string, got: unknown, expected: string): never => {
    throw new Error(`scipy peer output: ${field}: expected ${expected}, got ${JSON.stringify(got)}`);
  };
  const o = output as { version?: unknown; kind?: unknown; tasks?: unknown };
  if (typeof o !== 'object' || o === null) fail('(root)', o, 'an object');
  if (o.version !== PEER_FORMAT_VERSION) fail('version', o.version, String(PEER_FORMAT_VERSION));
  if (!Array.isArray(o.tasks) || o.tasks.length !== job.tasks.length) fail('tasks', o.tasks, `${job.tasks.length} entries`);
  const runs: ScipyRun[] = [];
  const modes = job.modes ?? [];
  (o.tasks as unknown[]).forEach((t, i) => {
    const task = job.tasks[i];
    const entry = t as { id?: unknown; runs?: unknown };
    if (entry.id !== task.id) fail(`tasks[${i}].id`, entry.id, JSON.stringify(task.id));
    const expected = (task.starts ?? []).flatMap((s) => modes.map((mode) => ({ seed: s.seed, mode })));
    if (!Array.isArray(entry.runs) || entry.runs.length !== expected.length) fail(`tasks[${i}].runs`, entry.runs, `${expected.length} runs`);
    (entry.runs as Record<string, unknown>[]).forEach((r, j) => {
      const at = `tasks[${i}].runs[${j}]`;
      if (r.seed !== expected[j].seed) fail(`${at}.seed`, r.seed, String(expected[j].seed));
      if (r.mode !== expected[j].mode) fail(`${at}.mode`, r.mode, expected[j].mode);
      if (typeof r.success !== 'boolean') fail(`${at}.success`, r.success, 'a boolean');
      if (r.bestLoss !== null && !isNum(r.bestLoss)) fail(`${at}.bestLoss`, r.bestLoss, 'a finite number or null');
      if (!isInt(r.evaluations) || r.evaluations > task.maxEvaluations) fail(`${at}.evaluations`, r.evaluations, `an integer in [0, ${task.maxEvaluations}]`);
      if (r.firstHitEvaluations !== null && (!isInt(r.firstHitEvaluations) || r.firstHitEvaluations < 1)) fail(`${at}.firstHitEvaluations`, r.firstHitEvaluations, 'an integer ≥ 1 or null');
      if (!isInt(r.hops)) fail(`${at}.hops`, r.hops, 'an integer ≥ 0');
      if (!['target', 'max-evaluations', 'niter'].includes(r.stop as string)) fail(`${at}.stop`, r.stop, "'target', 'max-evaluations' or 'niter'");
      if (!isNum(r.wallMs) || r.wallMs < 0) fail(`${at}.wallMs`, r.wallMs, 'a number ≥ 0');
      const success = r.success as boolean;
      const bestLoss = r.bestLoss as number | null;
      // The verdict must agree with the figures it rests on.
      if (r.mode === 'to-target' && success !== (r.stop === 'target')) fail(`${at}.success`, success, `${r.stop === 'target'} (stop ${r.stop})`);
      if (r.mode === 'defaults' && success !== (bestLoss !== null && bestLoss <= task.tolerance)) fail(`${at}.success`, success, `bestLoss ${bestLoss} ≤ ${task.tolerance}`);
      runs.push({ task: task.id, ...(r as Omit<ScipyRun, 'task'>) });
    });
  });
  return runs;
}

export interface ScipyPeerPlan {
  entries: { task: BenchTask; seeds: readonly number[]; maxEvaluations: number }[];
  /** Python processes at once, each given every processes-th start (the suite's thread count). */
  processes: number;
  modes?: PeerMode[];
  /** Which Pythons to try. @default PYTHON_CANDIDATES */
  candidates?: readonly string[];
}

/**
 * Runs scipy's basinhopping on every task and seed of the plan, or says why it could not.
 *
 * @example
 * const peer = await runScipyPeer({ entries: [{ task, seeds: [0, 1, 2], maxEvaluations: 100_000 }], processes: 2 });
 * if (!peer.ran) console.log(`not run: ${peer.reason}`);
 */
export async function runScipyPeer(plan: ScipyPeerPlan): Promise<ScipyPeerResult> {
  const found = findScipyPython(plan.candidates);
  if (!('command' in found)) return { ran: false, reason: found.reason };
  if (!existsSync(peerScriptPath())) return { ran: false, reason: `the peer script ${peerScriptPath()} is missing` };
  const job = await buildRunJob(plan.entries, plan.modes);
  // Starts dealt round-robin over the processes, so that each gets a share of every task.
  const processes = Math.max(1, Math.min(plan.processes, job.tasks.reduce((n, t) => n + (t.starts?.length ?? 0), 0)));
  const parts: PeerJob[] = Array.from({ length: processes }, () => ({ ...job, tasks: [] }));
  let next = 0;
  for (const task of job.tasks) {
    const shares = parts.map(() => [] as NonNullable<typeof task.starts>);
    for (const start of task.starts ?? []) shares[next++ % processes].push(start);
    shares.forEach((starts, p) => {
      if (starts.length > 0) parts[p].tasks.push({ ...task, starts });
    });
  }
  const outputs = await Promise.all(parts.map((part) => runPeerScript(found.command, part).then((out) => validatePeerOutput(part, out))));
  const order = new Map(job.tasks.map((t, i) => [t.id, i]));
  const runs = outputs.flat().sort((a, b) => order.get(a.task)! - order.get(b.task)! || a.seed - b.seed || a.mode.localeCompare(b.mode));
  return { ran: true, python: found.command, versions: { python: found.python, numpy: found.numpy, scipy: found.scipy }, processes, runs };
}
