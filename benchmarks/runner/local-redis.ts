/**
 * A private redis-server for the BullMQ tests and the scale-out benchmark: a free loopback port,
 * a temporary directory, no persistence; and worker host processes from source. Everything started
 * here is stopped by the returned handles.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The redis-server binary, or null when it is not installed. */
export function redisServerBinary(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : null;
}

/**
 * Why the Redis tests cannot run here, or null when they can. Under CI a missing redis-server is
 * a failure (the caller throws), never a skip.
 */
export function redisUnavailableReason(): string | null {
  if (redisServerBinary() !== null) return null;
  return 'redis-server is not installed (apt-get install redis-server); the BullMQ executor tests are skipped';
}

export function requireRedisUnderCi(): void {
  const ci = process.env.CI;
  if (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0' && redisServerBinary() === null) throw new Error('CI is set but redis-server is not installed: the BullMQ executor tests must run under CI');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  url: string;
  port: number;
  /** Kills the server and removes its directory. */
  stop(): Promise<void>;
}

/** Waits until `child` prints `marker` on stdout (or fails if it exits first). */
function waitForLine(child: ChildProcess, marker: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes(marker)) {
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready: ${out}${err}`)));
  });
}

export async function startRedis(port?: number): Promise<RedisServer> {
  const binary = redisServerBinary();
  if (binary === null) throw new Error('redis-server is not installed');
  const p = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'nbm-redis-'));
  const child = spawn(binary, ['--port', String(p), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForLine(child, 'Ready to accept connections', 'redis-server');
  return {
    url: `redis://127.0.0.1:${p}`,
    port: p,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  /** SIGTERM, and waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, and waits for the exit. */
  kill(): Promise<void>;
  stderr(): string;
}

/** The worker entry beside this module: compiled in dist, or the source through tsx. */
function workerCommand(): string[] {
  const compiled = import.meta.url.endsWith('.js');
  const entry = fileURLToPath(new URL(`../../workers/host-main.${compiled ? 'js' : 'ts'}`, import.meta.url));
  return compiled ? [entry] : ['--import', 'tsx', entry];
}

/** Starts `no-bad-minima worker` (workers/host-main) and waits until it takes jobs. */
export async function startWorker(url: string, args: string[] = []): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [...workerCommand(), 'worker', '--redis', url, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await waitForLine(child, 'ready', 'worker');
  const exited = new Promise<number | null>((r) => {
    if (child.exitCode !== null) r(child.exitCode);
    else child.once('exit', (code) => r(code));
  });
  return {
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stderr: () => err,
  };
}
