/**
 * What the package installs and ships: runtime dependencies are what optimize() and the CLI's
 * `optimize` command load (the optional packages stay optional peers, imported only lazily), the
 * tarball holds every module the entry points and the worker threads import and nothing of the
 * tests or the stand-alone benchmark scripts, and `--version` prints package.json's version.
 * Deterministic: reads the sources, package.json and `npm pack --dry-run` (no network).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { installHint, isMissingPackage, OPTIONAL_PACKAGES } from '../../src/optional-packages.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  main: string;
  types: string;
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
};

/** optimize() and its worker threads need these; the CLI (commander, the optimize command's bar) the last two. */
const RUNTIME = ['ml-levenberg-marquardt', 'ml-matrix', 'piscina', 'seedrandom', 'valibot', '@valibot/to-json-schema', 'commander', 'cli-progress'];

/** The modules the package runs from: the library, the CLI, and what worker threads and processes load by path. */
const ENTRIES = ['src/index.ts', 'workers/walker.ts', 'workers/host-main.ts', 'benchmarks/cli.ts', 'benchmarks/runner/job-worker.ts', 'benchmarks/tasks/fixed-output-student.ts'];

const STATIC_IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtinModules.includes(specifier);

/** The package imports reachable from the entries through static value imports (`import type` is erased). */
function staticPackageImports(entries: string[]): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(join(root, file), 'utf8');
    for (const [, typeOnly, specifier] of source.matchAll(STATIC_IMPORT)) {
      if (typeOnly) continue;
      if (specifier.startsWith('.')) {
        queue.push(normalize(join(dirname(file), specifier.replace(/\.js$/, '.ts'))));
      } else if (!isBuiltin(specifier)) {
        packages.set(packageOf(specifier), file);
      }
    }
  }
  return packages;
}

describe('package.json dependencies', () => {
  it('are exactly the runtime set; bullmq, ioredis, vega and vega-lite are optional peers and devDependencies', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...RUNTIME].sort());
    expect(pkg.peerDependencies).toEqual(OPTIONAL_PACKAGES);
    for (const [name, range] of Object.entries(OPTIONAL_PACKAGES)) {
      expect(pkg.peerDependenciesMeta[name]?.optional, name).toBe(true);
      expect(pkg.devDependencies[name], name).toBe(range);
    }
    expect(installHint(['vega', 'vega-lite'])).toBe(`npm install vega@${pkg.peerDependencies.vega} vega-lite@${pkg.peerDependencies['vega-lite']}`);
  });

  it('cover every package the library, the CLI and the workers import statically; the optional ones are imported lazily only', () => {
    const imported = staticPackageImports(ENTRIES);
    for (const [name, file] of imported) expect(Object.keys(pkg.dependencies), `${name} (imported by ${file})`).toContain(name);
    // And the lazy imports are there: each optional package is reached by some import() in src, workers or benchmarks.
    const lazy = ['src/optimize.ts', 'workers/host.ts', 'benchmarks/report/plots.ts'].flatMap((f) => [...readFileSync(join(root, f), 'utf8').matchAll(DYNAMIC_IMPORT)].map((m) => m[1]));
    expect(lazy).toEqual(expect.arrayContaining(['./executor/bullmq.js', '../src/executor/worker-host.js', 'vega', 'vega-lite']));
  });

  it('isMissingPackage tells a package that is not installed from a module that fails to load', async () => {
    const missing = await import(/* @vite-ignore */ ['no-such-package', 'for-no-bad-minima'].join('-')).catch((e: unknown) => e);
    expect(isMissingPackage(missing, ['no-such-package-for-no-bad-minima'])).toBe(true);
    expect(isMissingPackage(missing, ['vega'])).toBe(false);
    expect(isMissingPackage(new Error('boom'), ['vega'])).toBe(false);
    expect(isMissingPackage(undefined, ['vega'])).toBe(false);
  });
});

describe('the tarball (npm pack --dry-run, of the dist that npm test builds)', () => {
  const cli = join(root, 'dist', 'benchmarks', 'cli.js');

  function packedFiles(): Set<string> {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: build with \`npx tsc -p tsconfig.json\` (npm test does)`);
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return new Set((JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path));
  }

  it('holds the entry points and every module they import, only those, and no tests, source maps or stand-alone benchmark scripts', () => {
    const files = packedFiles();
    const jsEntries = ENTRIES.map((f) => `dist/${f.replace(/\.ts$/, '.js')}`);
    const needed = [pkg.main, pkg.types, ...Object.values(pkg.bin), ...jsEntries, 'benchmarks/peer/scipy_basinhopping.py', 'package.json', 'README.md'];
    for (const f of needed) expect(files, f).toContain(normalize(f));
    // Every relative import (static or import()) of a shipped module is shipped, and every shipped
    // module is reached from an entry: a stand-alone script or a stale file of an old build is not.
    const reached = new Set<string>();
    const queue = [...jsEntries];
    while (queue.length > 0) {
      const f = queue.pop() as string;
      if (reached.has(f)) continue;
      reached.add(f);
      const source = readFileSync(join(root, f), 'utf8');
      const specifiers = [...source.matchAll(STATIC_IMPORT)].map((m) => m[2]).concat([...source.matchAll(DYNAMIC_IMPORT)].map((m) => m[1]));
      for (const s of specifiers.filter((x) => x.startsWith('.'))) {
        const target = normalize(join(dirname(f), s));
        expect(files, `${s} imported by ${f}`).toContain(target);
        queue.push(target);
      }
    }
    // The library's own modules all ship (its barrels among them); outside it, only what is reached,
    // and type-only modules (compiled to `export {};`).
    const typeOnly = (f: string) => readFileSync(join(root, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').trim() === 'export {};';
    expect([...files].filter((f) => /^dist\/(benchmarks|workers)\/.*\.js$/.test(f) && !reached.has(f) && !typeOnly(f))).toEqual([]);
    const unwanted = [...files].filter((f) => /^(test|src|workers|examples)\/|^dist\/(test|examples)\/|\.map$|\.ts$(?<!\.d\.ts)|install-check|scale-out|soak/.test(f));
    expect(unwanted).toEqual([]);
    expect([...files].filter((f) => f.startsWith('dist/') && f.endsWith('.d.ts') && !f.startsWith('dist/src/'))).toEqual([]);
    expect(relative(root, cli)).toBe(normalize(pkg.bin['no-bad-minima']));
  });

  it('is built by prepare, which npm pack and npm install from git run', () => {
    expect(pkg.scripts.prepare).toContain('tsc -p tsconfig.json');
    expect(pkg.devDependencies.typescript).toBeDefined();
  });
});

describe('no-bad-minima --version', () => {
  it("prints package.json's version (compiled CLI)", async () => {
    if (!existsSync(join(root, 'dist', 'benchmarks', 'cli.js'))) throw new Error('dist/benchmarks/cli.js is missing: build with `npx tsc -p tsconfig.json` (npm test does)');
    const { stdout } = await run(process.execPath, [join(root, 'dist', 'benchmarks', 'cli.js'), '--version']);
    expect(stdout.trim()).toBe(pkg.version);
  });
});
