import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../benchmarks/cli.js';
import { findScipyPython } from '../../benchmarks/peer/scipy.js';
import * as v from 'valibot';
import { RESULTS_DOCUMENT, RESULTS_SCHEMA, RESULTS_SCHEMA_VERSION } from '../../benchmarks/schema/results-schema.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'nbm-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function validator() {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true });
  return ajv.compile(RESULTS_SCHEMA);
}

describe('no-bad-minima bench (CLI)', () => {
  it('runs one tiny task and writes results that validate against the schema', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'benchmarks/cli.ts', 'bench', '--tasks', 'xor-tanh', '--methods', 'plain,multistart,hybrid', '--seeds', '2', '--threads', '1', '--no-speedup', '--out', out],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stdout).toContain('| task | method | success |');
    expect(stdout).toContain('### Divergence monitor against ground truth');
    expect(stdout).toContain('### Side by side: scipy.optimize.basinhopping');

    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const validate = validator();
    expect(validate(results), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The valibot declaration the JSON Schema is generated from accepts it too.
    expect(v.safeParse(RESULTS_DOCUMENT, results).issues).toBeUndefined();
    expect(results.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    expect(results.suite.firstSeed).toBe(0);
    // Files written before suite.firstSeed existed still validate.
    const older = structuredClone(results);
    delete older.suite.firstSeed;
    expect(validate(older), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(results.runs).toHaveLength(6);
    expect(results.runs.map((r: { seed: number; method: string }) => `${r.method}:${r.seed}`).sort()).toEqual(
      ['hybrid:0', 'hybrid:1', 'multistart:0', 'multistart:1', 'plain:0', 'plain:1'],
    );
    expect(results.tasks[0].options.hybrid).toMatchObject({ augmentation: 'neuron', threads: 0 });
    // The hybrid's no-target runs, and scipy on the same seeds when a Python with scipy is here.
    expect(results.noTargetRuns.map((r: { method: string; seed: number }) => `${r.method}:${r.seed}`)).toEqual(['hybrid:0', 'hybrid:1']);
    const python = findScipyPython();
    expect(results.scipy.ran).toBe('command' in python);
    if (results.scipy.ran) {
      expect(results.scipy.runs.map((r: { seed: number; mode: string }) => `${r.seed}:${r.mode}`)).toEqual(['0:defaults', '0:to-target', '1:defaults', '1:to-target']);
    } else {
      expect(stdout).toContain(`not run: ${results.scipy.reason}`);
    }
    expect(results.sideBySide.map((s: { task: string }) => s.task)).toEqual(['xor-tanh']);
    expect(results.targets.filter((t: { id: string }) => t.id.startsWith('scipy-')).length).toBe(3);
    expect(results.machine.node).toBe(process.version);
    expect(typeof results.commit).toBe('string');
    for (const f of ['figure1-example1.svg', 'success-vs-evaluations.svg', 'monitor-trajectories.svg']) {
      expect(existsSync(join(out, f)), f).toBe(true);
      expect(readFileSync(join(out, f), 'utf8').startsWith('<svg')).toBe(true);
    }
  });

  it('rejects a results file that breaks the schema', () => {
    const validate = validator();
    expect(validate({ schemaVersion: RESULTS_SCHEMA_VERSION })).toBe(false);
    expect(v.safeParse(RESULTS_DOCUMENT, { schemaVersion: RESULTS_SCHEMA_VERSION }).success).toBe(false);
  });

  it('keeps benchmarks/schema/results.schema.json equal to the schema the CLI uses', () => {
    const file = JSON.parse(readFileSync(join(root, 'benchmarks', 'schema', 'results.schema.json'), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(RESULTS_SCHEMA)));
  });

  it('rejects conflicting and malformed flags', () => {
    const program = createProgram().exitOverride();
    program.commands.forEach((c) => c.exitOverride().configureOutput({ writeErr: () => {} }));
    expect(() => program.parse(['node', 'cli', 'bench', '--quick', '--full'])).toThrow(/cannot be used with/);
    expect(() => program.parse(['node', 'cli', 'bench', '--seeds', '0'])).toThrow(/integer ≥ 1/);
    expect(() => program.parse(['node', 'cli', 'bench', '--first-seed', '-1'])).toThrow(/integer ≥ 0, got "-1"/);
    expect(() => program.parse(['node', 'cli', 'bench', '--first-seed', '1e3x'])).toThrow(/integer ≥ 0/);
  });

  it('runs without scipy when asked, and says so in the report', async () => {
    const skip = mkdtempSync(join(tmpdir(), 'nbm-cli-noscipy-'));
    try {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'benchmarks/cli.ts', 'bench', '--tasks', 'paper-example-1', '--methods', 'hybrid', '--seeds', '1', '--threads', '1', '--no-speedup', '--no-monitor', '--no-scipy', '--out', skip],
        { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      );
      expect(stdout).toContain('not run: --no-scipy');
      const results = JSON.parse(readFileSync(join(skip, 'results.json'), 'utf8'));
      expect(results.scipy).toEqual({ ran: false, reason: '--no-scipy' });
      expect(validator()(results)).toBe(true);
    } finally {
      rmSync(skip, { recursive: true, force: true });
    }
  });

  it('has a worker subcommand that needs --redis and checks its counts', () => {
    const program = createProgram().exitOverride();
    program.commands.forEach((c) => c.exitOverride().configureOutput({ writeErr: () => {} }));
    expect(program.commands.map((c) => c.name())).toContain('worker');
    expect(() => program.parse(['node', 'cli', 'worker'])).toThrow(/--redis/);
    expect(() => program.parse(['node', 'cli', 'worker', '--redis', 'redis://127.0.0.1:1', '--concurrency', '0'])).toThrow(/integer ≥ 1/);
    expect(() => program.parse(['node', 'cli', 'worker', '--redis', 'redis://127.0.0.1:1', '--max-stalled-count', '-1'])).toThrow(/integer ≥ 0/);
  });
});
