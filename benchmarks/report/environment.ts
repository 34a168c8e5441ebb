/** Where and from what a results file was produced: the machine and the commit. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  os: string;
  arch: string;
  cpus: number;
  cpuModel: string;
  totalMemoryBytes: number;
  node: string;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.platform()})`,
    arch: os.arch(),
    cpus: os.availableParallelism(),
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    totalMemoryBytes: os.totalmem(),
    node: process.version,
  };
}

/**
 * `git rev-parse HEAD` in the package's directory, or 'unknown' outside a git work tree (an
 * installed package) or without git. A dirty tree is marked, since HEAD then misdescribes the code.
 */
export function currentCommit(cwd: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return dirty.length > 0 ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

/** The package's root (where package.json sits), from this file's place in src or dist. */
export function packageRoot(): string {
  let dir = new URL('.', import.meta.url);
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string };
      if (pkg.name === 'no-bad-minima') return decodeURIComponent(dir.pathname);
    } catch {
      // not here; look one level up
    }
    dir = new URL('..', dir);
  }
  return process.cwd();
}

export function packageVersion(root: string): string {
  try {
    return (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
