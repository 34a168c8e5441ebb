/**
 * A resume state is input like any other: its structure, types, counts and ranges are checked
 * before anything of it is used, and its integrity hash binds its contents, so that a truncated or
 * edited checkpoint gets RESUME_MISMATCH naming the field, never a TypeError or a false result.
 *
 * The hash is sha256 over JSON.stringify of the checkpoint without its `integrity` field (and with
 * elapsedMs as 0), keys in
 * the order written: JSON.parse keeps that order, and every number in a checkpoint is either a
 * finite double (which JSON writes back identically) or an encoded string.
 */
import { createHash } from 'node:crypto';
import { NoBadMinimaError, describeValue } from '../errors.js';
import { FLOAT64_BASE64 } from '../optimizers/state.js';
import { FAULT_DETAILS_LIMIT } from './fault-details.js';

/** The checkpoint with its integrity field added (the last key). */
export function seal<T extends object>(c: T): T & { integrity: string } {
  return { ...c, integrity: digest(c) };
}

/** elapsedMs is left out (range-checked only), so that two runs' checkpoints differ in it alone. */
function digest(c: object): string {
  return createHash('sha256').update(JSON.stringify({ ...c, elapsedMs: 0 })).digest('hex');
}

function mismatch(field: string, value: unknown, expected: string): never {
  throw new NoBadMinimaError('RESUME_MISMATCH', `${field}: expected ${expected}, got ${describeValue(value)}`, field, { value });
}

type Obj = Record<string, unknown>;

function object(value: unknown, field: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) mismatch(field, value, 'an object');
  return value as Obj;
}

function count(value: unknown, field: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) mismatch(field, value, `an integer in [0, ${max}]`);
  return value as number;
}

/** A number as checkpoints encode it: finite, or 'NaN', 'Infinity', '-Infinity', '-0'. */
function encodedNumber(value: unknown, field: string): void {
  if (typeof value === 'number' && Number.isFinite(value)) return;
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity' || value === '-0') return;
  mismatch(field, value, 'a number');
}

function nullableNumber(value: unknown, field: string): void {
  if (value !== null && value !== undefined) encodedNumber(value, field);
}

function vector(value: unknown, field: string, length: number): void {
  if (typeof value === 'string' && value.startsWith(FLOAT64_BASE64)) {
    const bytes = Buffer.from(value.slice(FLOAT64_BASE64.length), 'base64').length;
    if (bytes !== 8 * length) mismatch(field, `base64 of ${bytes} bytes`, `base64 of ${length} doubles`);
    return;
  }
  if (!Array.isArray(value) || value.length !== length) mismatch(field, value, `an array of ${length} numbers`);
  for (let i = 0; i < length; i++) encodedNumber((value as unknown[])[i], `${field}[${i}]`);
}

/** The worker faults' causes (fault-details.ts): each counted, at most FAULT_DETAILS_LIMIT, within the run. */
function faultDetails(value: unknown, field: string, workerFaults: number, walkers: number): void {
  if (!Array.isArray(value) || value.length > FAULT_DETAILS_LIMIT) mismatch(field, value, `an array of at most ${FAULT_DETAILS_LIMIT} fault causes`);
  let total = 0;
  (value as unknown[]).forEach((d, i) => {
    const df = `${field}[${i}]`;
    const detail = object(d, df);
    if (detail.kind !== 'worker') mismatch(`${df}.kind`, detail.kind, "'worker'");
    if (typeof detail.message !== 'string') mismatch(`${df}.message`, detail.message, 'a string');
    total += count(detail.count, `${df}.count`);
    count(detail.walker, `${df}.walker`, walkers - 1);
    // The round the walker's batch was running, which may be ahead of the rounds taken in.
    count(detail.round, `${df}.round`, 0x7fffffff);
  });
  if (total > workerFaults) mismatch(field, `${total} faults`, `at most faults.worker (${workerFaults}) faults`);
}

/**
 * Checks a checkpoint already known to be of this format, version, problem and options hash.
 * `walkers` and `dimension` are the run's (z's length).
 *
 * @example
 * checkCheckpointContents(json, { walkers: 4, dimension: 3 }); // throws RESUME_MISMATCH naming the field
 */
export function checkCheckpointContents(c: Obj, shape: { walkers: number; dimension: number }): void {
  const f = 'options.resume';
  const round = count(c.round, `${f}.round`, 0x7ffffffe);
  count(c.evaluations, `${f}.evaluations`);
  count(c.hops, `${f}.hops`);
  count(c.divergences, `${f}.divergences`);
  const faults = object(c.faults, `${f}.faults`);
  count(faults.numerical, `${f}.faults.numerical`);
  const workerFaults = count(faults.worker, `${f}.faults.worker`);
  if (faults.details !== undefined) faultDetails(faults.details, `${f}.faults.details`, workerFaults, shape.walkers);
  if (c.stepRetries !== undefined) count(c.stepRetries, `${f}.stepRetries`);
  count(c.allFaultRounds, `${f}.allFaultRounds`, 2);
  if (typeof c.certified !== 'boolean') mismatch(`${f}.certified`, c.certified, 'true or false');
  if (typeof c.elapsedMs !== 'number' || !(c.elapsedMs >= 0) || !Number.isFinite(c.elapsedMs)) mismatch(`${f}.elapsedMs`, c.elapsedMs, 'a finite number ≥ 0');
  if (c.best !== null) {
    const best = object(c.best, `${f}.best`);
    vector(best.z, `${f}.best.z`, shape.dimension);
    encodedNumber(best.loss, `${f}.best.loss`);
    encodedNumber(best.augmentedLoss, `${f}.best.augmentedLoss`);
  }
  if (!Array.isArray(c.history) || c.history.length !== round) mismatch(`${f}.history`, c.history, `an array of ${round} rounds (one per round of options.resume.round)`);
  if (!Array.isArray(c.walkers) || c.walkers.length !== shape.walkers) mismatch(`${f}.walkers`, c.walkers, `an array of ${shape.walkers} walkers`);
  (c.walkers as unknown[]).forEach((value, i) => {
    const wf = `${f}.walkers[${i}]`;
    const w = object(value, wf);
    if (w.index !== i) mismatch(`${wf}.index`, w.index, String(i));
    vector(w.z, `${wf}.z`, shape.dimension);
    if (w.stepper !== null) object(w.stepper, `${wf}.stepper`);
    const rng = object(w.rng, `${wf}.rng`);
    if (!Array.isArray(rng.X) || rng.X.length !== 128 || !rng.X.every((x) => Number.isInteger(x))) mismatch(`${wf}.rng.X`, rng.X, 'the 128 integers of an xor4096 state');
    count(rng.i, `${wf}.rng.i`, 127);
    if (typeof rng.w !== 'number' || !Number.isInteger(rng.w)) mismatch(`${wf}.rng.w`, rng.w, 'an integer');
    const hop = object(w.hop, `${wf}.hop`);
    encodedNumber(hop.stepSize, `${wf}.hop.stepSize`);
    count(hop.trials, `${wf}.hop.trials`);
    count(hop.accepts, `${wf}.hop.accepts`);
    if (hop.acceptedTheta !== null && !Array.isArray(hop.acceptedTheta)) mismatch(`${wf}.hop.acceptedTheta`, hop.acceptedTheta, 'null or an array of numbers');
    const monitor = object(w.monitor, `${wf}.monitor`);
    count(monitor.stuckCount, `${wf}.monitor.stuckCount`);
    count(monitor.stallCount, `${wf}.monitor.stallCount`);
    if (typeof monitor.flagged !== 'boolean') mismatch(`${wf}.monitor.flagged`, monitor.flagged, 'true or false');
    count(w.hops, `${wf}.hops`);
    count(w.searchStartRound, `${wf}.searchStartRound`, round);
    count(w.searchEvaluations, `${wf}.searchEvaluations`);
    if (w.evaluations !== undefined) count(w.evaluations, `${wf}.evaluations`);
    if (w.reportedBest !== undefined) nullableNumber(w.reportedBest, `${wf}.reportedBest`);
    if (w.auxActive !== undefined && typeof w.auxActive !== 'boolean') mismatch(`${wf}.auxActive`, w.auxActive, 'true or false');
    if (w.lastStats !== null) object(w.lastStats, `${wf}.lastStats`);
  });
  const { integrity, ...rest } = c;
  if (typeof integrity !== 'string' || integrity !== digest(rest)) {
    throw new NoBadMinimaError(
      'RESUME_MISMATCH',
      `${f}.integrity: expected the sha256 of the checkpoint's contents, got ${describeValue(integrity)}: the checkpoint was edited or truncated after onCheckpoint gave it`,
      `${f}.integrity`,
      { value: integrity },
    );
  }
}
