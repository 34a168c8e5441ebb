/**
 * The README's code blocks, run as a user would run them, so that the README cannot drift from the
 * API: every `ts` and `js` block is executed (against the built package, imported by its own name),
 * the `npx no-bad-minima optimize` lines of the `sh` blocks are run in the same folder, the CLI's
 * other lines are checked against their subcommand's --help, and `npm run` scripts must exist.
 * Installs and clones need the network and are only recognized, never run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside the package, so that `import … from 'no-bad-minima'` resolves to this package itself.
const dir = join(root, '.readme-run');
const cli = join(root, 'dist', 'benchmarks', 'cli.js');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const scripts: Record<string, string> = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;

interface Block {
  lang: string;
  code: string;
  line: number;
}

function codeBlocks(markdown: string): Block[] {
  const out: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    out.push({ lang: open[1], code: body.join('\n') + '\n', line: start + 1 });
  }
  return out;
}

/** What a block must print, keyed by a line of its code: behaviour, not just "it ran". */
const EXPECTED_OUTPUT: { marker: string; stdout: RegExp }[] = [
  { marker: 'function rosenbrock', stdout: /^certified \d+\n/ },
  { marker: 'const branin', stdout: /^target 0\.39788\d /m },
  { marker: "new URL('./my-objective.mjs'", stdout: /^certified [0-9.e-]+ \d+\n/ },
  { marker: "activation: 'tanh'", stdout: /^(certified|target) \S+ true\n/ },
  { marker: 'createObjective(problem', stdout: /^1\.25 0\.5 1 0 \[ 1, / },
  { marker: 'NoBadMinimaError', stdout: /^INVALID_INPUT problem\.dimension problem\.dimension: expected .*, got 0\n/ },
];

/** Setup commands that need the network: recognized, not run. */
const SETUP = [/^git clone /, /^cd /, /^npm ci$/, /^npm ci --/, /^npm install /, /^(sudo )?apt-get /];

function run(command: string, args: string[], timeoutMs = 180_000) {
  const r = spawnSync(command, args, { cwd: dir, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

const blocks = codeBlocks(readme);
const programs = blocks.filter((b) => (b.lang === 'ts' || b.lang === 'js') && !/^\/\/ [\w-]+\.mjs\n/.test(b.code));
const modules = blocks.filter((b) => b.lang === 'js' && /^\/\/ [\w-]+\.mjs\n/.test(b.code));
const shellLines = blocks
  .filter((b) => b.lang === 'sh')
  .flatMap((b) => b.code.split('\n').map((text, k) => ({ text: text.split(/\s+#\s/)[0].trim(), line: b.line + 1 + k })))
  .filter((l) => l.text !== '' && !l.text.startsWith('#'));

beforeAll(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const m of modules) writeFileSync(join(dir, /^\/\/ ([\w-]+\.mjs)/.exec(m.code)![1]), m.code);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README code blocks', () => {
  it('has the blocks this test knows what to expect of', () => {
    expect(programs.length).toBeGreaterThanOrEqual(EXPECTED_OUTPUT.length);
    for (const { marker } of EXPECTED_OUTPUT) expect(programs.some((p) => p.code.includes(marker)), marker).toBe(true);
    expect(shellLines.length).toBeGreaterThan(0);
  });

  for (const block of programs) {
    it(`runs the ${block.lang} block at README.md:${block.line}`, () => {
      const file = join(dir, `block-${block.line}.${block.lang === 'ts' ? 'ts' : 'mjs'}`);
      writeFileSync(file, block.code);
      const r = run(process.execPath, ['--import', 'tsx', file]);
      expect(r.error, r.stderr).toBeUndefined();
      expect(r.status, `README.md:${block.line} failed:\n${r.stderr}`).toBe(0);
      const expected = EXPECTED_OUTPUT.find((e) => block.code.includes(e.marker));
      if (expected) expect(r.stdout).toMatch(expected.stdout);
    }, 240_000);
  }

  for (const { text, line } of shellLines) {
    it(`checks the shell line at README.md:${line}: ${text}`, () => {
      for (const command of text.split(/\s*&&\s*/)) {
        if (SETUP.some((re) => re.test(command))) continue;
        const npmRun = /^npm (?:run (\S+)|(test))$/.exec(command);
        if (npmRun) {
          expect(scripts[npmRun[1] ?? npmRun[2]], `package.json script for "${command}"`).toBeTypeOf('string');
          continue;
        }
        const npx = /^npx no-bad-minima (\S+)(.*)$/.exec(command);
        expect(npx, `an unchecked command in README.md:${line}: ${command}`).not.toBeNull();
        const [, sub, rest] = npx!;
        if (sub === 'optimize') {
          // Run as written, through a shell for its quoting, with the built CLI in place of npx.
          const r = run('bash', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} optimize${rest}`]);
          expect(r.status, r.stderr).toBe(0);
          if (rest.includes('--json')) expect(JSON.parse(r.stdout).stopReason).toMatch(/^(target|certified)$/);
          else expect(r.stdout).toMatch(/because/);
          continue;
        }
        const help = run(process.execPath, [cli, sub, '--help']);
        expect(help.status, help.stderr).toBe(0);
        for (const flag of rest.match(/--[\w-]+/g) ?? []) expect(help.stdout, `${sub} ${flag}`).toContain(flag);
      }
    }, 240_000);
  }
});
