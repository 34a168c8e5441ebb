/**
 * `no-bad-minima optimize`, spawned as a user runs it: the compiled CLI (dist/, which `npm test`
 * builds first) on a fixture module named by a path relative to the current directory.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fromFlags } from '../../benchmarks/optimize-command.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'benchmarks', 'cli.js');
const fixtures = join(root, 'test', 'fixtures', 'modules');

async function optimizeCli(args: string[]): Promise<{ stdout: string; stderr: string }> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build with \`npx tsc -p tsconfig.json\` (npm test does)`);
  return run(process.execPath, [cli, 'optimize', ...args], { cwd: fixtures, maxBuffer: 64 * 1024 * 1024 });
}

describe('no-bad-minima optimize (compiled CLI)', () => {
  it('resolves ./module from the cwd, runs in worker threads and prints the message, the loss and θ', async () => {
    const { stdout, stderr } = await optimizeCli([
      '--objective', './user-objectives.mjs', '--export', 'rosenbrock', '--args', '{"d":4}',
      '--method', 'lbfgs', '--target', '1e-10', '--max-evaluations', '50000', '--seed', '3', '--threads', '2',
    ]);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Stopped after \d+ rounds and \d+ evaluations because the best loss reached targetLoss\./);
    expect(Number(lines[1].replace('loss: ', ''))).toBeLessThanOrEqual(1e-10);
    const theta = JSON.parse(lines[2].replace('theta: ', '')) as number[];
    expect(theta).toHaveLength(4);
    for (const v of theta) expect(Math.abs(v - 1)).toBeLessThan(1e-4);
    // stderr is not a terminal here and --progress was not given: no bar.
    expect(stderr).toBe('');
  });

  it('--json prints the whole result, Float64Arrays as arrays; --no-gradient and --bounds reach Branin’s minimum in its box', async () => {
    const { stdout, stderr } = await optimizeCli([
      '--objective', './user-objectives.mjs', '--export', 'braninShifted', '--no-gradient', '--bounds', '[[-5,10],[0,15]]',
      '--method', 'lbfgs', '--target', '1e-9', '--max-evaluations', '20000', '--threads', '0', '--json', '--progress',
    ]);
    const result = JSON.parse(stdout);
    expect(result.stopReason).toBe('target');
    expect(result.loss).toBeLessThanOrEqual(1e-9);
    expect(Array.isArray(result.theta)).toBe(true);
    expect(result.theta).toHaveLength(2);
    expect(result.theta[0]).toBeGreaterThanOrEqual(-5);
    expect(result.theta[1]).toBeGreaterThanOrEqual(0);
    expect(Array.isArray(result.aux.a)).toBe(true);
    expect(result.history.length).toBe(result.rounds);
    expect(result.warnings).toEqual([]);
    // --progress: the bar goes to stderr even though it is not a terminal.
    expect(stderr).toContain('optimize |');
  });

  it('--help lists every option with its default', async () => {
    const { stdout } = await optimizeCli(['--help']);
    const options = stdout.split('\n').filter((l) => /^\s+--/.test(l));
    const names = options.map((l) => l.trim().split(/\s/)[0]);
    expect(names).toEqual(['--objective', '--export', '--args', '--bounds', '--no-gradient', '--target', '--max-evaluations', '--max-rounds', '--seed', '--threads', '--walkers', '--augmentation', '--method', '--json', '--progress']);
    // Each option's help (which may wrap onto the next lines) says its default, but the required --objective.
    const blocks = stdout.split(/\n(?=\s+-)/).filter((b) => /^\s+--/.test(b) && !b.trim().startsWith('--objective'));
    expect(blocks).toHaveLength(14);
    for (const b of blocks) expect(b.replace(/\s+/g, ' ')).toMatch(/\(default: /);
  });

  it('a bad flag or a bad module exits 1 with the coded message on stderr', async () => {
    const bad = await optimizeCli(['--objective', './user-objectives.mjs', '--export', 'nope', '--threads', '0']).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(bad?.code).toBe(1);
    // Issue 28 un-doubled the path (it was problem.objective.module.export).
    expect(bad?.stderr).toMatch(/problem\.objective\.export: expected the name of an export of .*user-objectives\.mjs \(its exports: braninShifted, rosenbrock\)/);
    const flag = await optimizeCli(['--objective', './user-objectives.mjs', '--seed', '1', '--walkers', '0']).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(flag?.code).toBe(1);
    expect(flag?.stderr).toMatch(/--walkers.*integer ≥ 1/);
  });
});

describe('the optimize command\'s flags', () => {
  it('left out, --walkers and --threads leave the library its defaults (one walker, the adaptive start); given, they are passed on', () => {
    const base = { objective: './my.mjs', export: 'create', gradient: true, seed: '0' };
    const { options } = fromFlags(base);
    expect('walkers' in options).toBe(false);
    expect('threads' in options).toBe(false);
    const given = fromFlags({ ...base, walkers: 3, threads: 0 }).options;
    expect(given.walkers).toBe(3);
    expect(given.threads).toBe(0);
  });
});
