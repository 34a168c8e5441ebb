/**
 * Install check: what a user downloads and gets. Packs the package (`npm pack`, which runs the
 * `prepare` build), installs the tarball into an empty project in a temp directory, and prints the
 * tarball's size and file count, node_modules' size, package count and entry count, and the
 * results of an `optimize()` smoke run and of `no-bad-minima --version` in that project.
 *
 *   npx tsx benchmarks/install-check.ts [--from DIR] [--tarball FILE] [--keep] [--json]
 *
 * --from DIR: pack that package directory (default: this package's root; a fresh clone needs
 * `npm ci` first, which builds it). --tarball FILE: install this tarball instead of packing.
 * --keep: leave the temp directory (its path is printed). Needs npm and du on PATH.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { basename, join, resolve } from 'node:path';
import { packageRoot } from './report/environment.js';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const value = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

const SMOKE =
  "import('no-bad-minima').then(m=>m.optimize({objective:(x,g)=>{g[0]=2*x[0];return x[0]*x[0]},dimension:1},{threads:0, seed:1})).then(r=>console.log(r.stopReason))";

interface PackInfo {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string; size: number }[];
}

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 2 ** 20 });
}

/** Every file and directory below `dir` (not `dir` itself). */
function countEntries(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    n += 1;
    if (entry.isDirectory()) n += countEntries(join(dir, entry.name));
  }
  return n;
}

const tmp = mkdtempSync(join(os.tmpdir(), 'nbm-install-check-'));
try {
  let tarball = value('tarball');
  let pack: PackInfo | null = null;
  if (tarball) {
    tarball = resolve(tarball);
  } else {
    const from = resolve(value('from') ?? packageRoot());
    // npm prints the prepare script's output on stdout before the JSON; the JSON is the last array.
    const out = run('npm', ['pack', '--json', '--pack-destination', tmp], from);
    pack = (JSON.parse(out.slice(out.lastIndexOf('\n[') + 1)) as PackInfo[])[0];
    tarball = join(tmp, pack.filename);
  }

  const project = join(tmp, 'project');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'install-check', private: true, type: 'module' }, null, 2)}\n`);
  run('npm', ['install', '--no-audit', '--no-fund', tarball], project);

  const modules = join(project, 'node_modules');
  const kib = Number(run('du', ['-sk', modules], project).split('\t')[0]);
  const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  // The lockfile also lists optional packages for other platforms, which are not on disk.
  const packages = Object.keys(lock.packages).filter((k) => k !== '' && existsSync(join(project, k))).map((k) => k.slice(k.lastIndexOf('node_modules/') + 'node_modules/'.length));
  const entries = countEntries(modules);

  const smoke = spawnSync(process.execPath, ['-e', SMOKE], { cwd: project, encoding: 'utf8' });
  const bin = join(modules, '.bin', 'no-bad-minima');
  const version = existsSync(bin) ? spawnSync(bin, ['--version'], { cwd: project, encoding: 'utf8' }) : null;

  const figures = {
    tarball: basename(tarball),
    tarballBytes: pack?.size ?? null,
    tarballUnpackedBytes: pack?.unpackedSize ?? null,
    tarballFiles: pack?.entryCount ?? null,
    nodeModulesKiB: kib,
    nodeModulesPackages: packages.length,
    nodeModulesEntries: entries,
    smoke: smoke.status === 0 ? smoke.stdout.trim() : `exit ${smoke.status}: ${(smoke.stderr || smoke.stdout).trim().split('\n').slice(0, 3).join(' | ')}`,
    version: version === null ? 'no bin' : version.status === 0 ? version.stdout.trim() : `exit ${version.status}: ${version.stderr.trim().split('\n')[0]}`,
    packages: packages.sort(),
  };
  if (flag('json')) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } else {
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
    process.stdout.write(
      [
        `tarball              ${figures.tarball}`,
        pack ? `tarball size         ${pack.size} bytes (${mib(pack.size)}), unpacked ${pack.unpackedSize} bytes (${mib(pack.unpackedSize)})` : null,
        pack ? `tarball files        ${pack.entryCount}` : null,
        `node_modules         ${kib} KiB (${mib(kib * 1024)}, du -sk)`,
        `installed packages   ${packages.length}: ${figures.packages.join(' ')}`,
        `node_modules entries ${entries} (files and directories)`,
        `optimize() smoke     ${figures.smoke}`,
        `--version            ${figures.version}`,
      ]
        .filter((line) => line !== null)
        .join('\n') + '\n',
    );
  }
  if (flag('keep')) process.stderr.write(`kept: ${tmp}\n`);
} finally {
  if (!flag('keep')) rmSync(tmp, { recursive: true, force: true });
}
