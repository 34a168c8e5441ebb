#!/usr/bin/env node
/**
 * The `worker` subcommand alone, without the benchmark CLI's imports (vega, the tasks): what the
 * tests and the scale-out benchmark start. Same flags as `no-bad-minima worker`.
 */
import { createWorkerCommand } from './host.js';

createWorkerCommand()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`no-bad-minima worker: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
