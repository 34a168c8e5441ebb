/**
 * Checkpoints: the whole state of a run as plain JSON, and the check that a resume state belongs to
 * this problem and to options that give the same trajectory.
 */
import { createHash } from 'node:crypto';
import { NoBadMinimaError, describeValue } from '../errors.js';
import type { ResolvedOptions } from '../options.js';
import { decodeNumber, encodeNumber } from '../optimizers/state.js';
import type { EncodedArray } from '../optimizers/state.js';
import type { FaultDetail } from './fault-details.js';
import type { HistoryLog } from './history-log.js';
import { checkCheckpointContents } from './resume-check.js';
import type { RoundRecord } from './result.js';
import type { WalkerSnapshot } from '../walker/state.js';

export const CHECKPOINT_FORMAT = 'no-bad-minima/checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface BestPoint {
  /** A number array, or 'f64:' + the base64 of its bytes (optimizers/state.ts encodeArray). */
  z: EncodedArray;
  loss: number;
  augmentedLoss: number;
}

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  problemId: string;
  /** Hash of the options that shape the trajectory (not limits, threads or callbacks). */
  optionsHash: string;
  round: number;
  evaluations: number;
  hops: number;
  divergences: number;
  /** Steps the fixed-step methods' blow-up guard retried (absent in checkpoints written before it). */
  stepRetries?: number;
  /** `details` (the worker faults' causes) is absent from checkpoints written before it was kept. */
  faults: { numerical: number; worker: number; details?: FaultDetail[] };
  /** Rounds in a row in which every walker faulted (the run gives up at 3). */
  allFaultRounds: number;
  certified: boolean;
  elapsedMs: number;
  best: BestPoint | null;
  walkers: WalkerSnapshot[];
  history: RoundRecord[];
  /** sha256 of the rest (resume-check.ts): a checkpoint edited after it was written is refused. */
  integrity?: string;
}

/**
 * Limits (maxEvaluations, maxRounds, timeLimitMs), threads and callbacks may change on resume;
 * everything else would change the path the run takes.
 */
export function trajectoryHash(o: ResolvedOptions): string {
  const shaping = {
    augmentation: o.augmentation,
    auxiliary: o.auxiliary,
    lambda: o.lambda,
    local: o.local,
    walkers: o.walkers,
    hopping: o.hopping,
    monitor: o.monitor,
    targetLoss: o.targetLoss,
    stopWhenCertified: o.stopWhenCertified,
    seed: o.seed,
  };
  return createHash('sha256').update(JSON.stringify(shaping)).digest('hex').slice(0, 32);
}

/**
 * Throws RESUME_MISMATCH unless `state` is a checkpoint of this problem with compatible options,
 * of the run's shape (`walkers`, z's `dimension`), well-formed and intact (resume-check.ts).
 */
export function checkResume(state: unknown, problemId: string, optionsHash: string, shape: { walkers: number; dimension: number }): Checkpoint {
  const c = state as Partial<Checkpoint> | null;
  if (typeof c !== 'object' || c === null || c.format !== CHECKPOINT_FORMAT) {
    throw new NoBadMinimaError('RESUME_MISMATCH', `options.resume: expected a checkpoint from onCheckpoint, got ${describeValue(state)}`, 'options.resume');
  }
  if (c.version !== CHECKPOINT_VERSION) {
    throw new NoBadMinimaError('RESUME_MISMATCH', `options.resume.version: expected ${CHECKPOINT_VERSION}, got ${describeValue(c.version)}`, 'options.resume.version');
  }
  if (c.problemId !== problemId) {
    throw new NoBadMinimaError(
      'RESUME_MISMATCH',
      `options.resume.problemId: expected ${problemId} (this problem), got ${describeValue(c.problemId)}: the checkpoint belongs to a different problem or data`,
      'options.resume.problemId',
    );
  }
  if (c.optionsHash !== optionsHash) {
    throw new NoBadMinimaError(
      'RESUME_MISMATCH',
      `options.resume.optionsHash: expected ${optionsHash}, got ${describeValue(c.optionsHash)}: only maxEvaluations, maxRounds, timeLimitMs, threads, checkpointEvery and the callbacks may change on resume`,
      'options.resume.optionsHash',
    );
  }
  checkCheckpointContents(c as Record<string, unknown>, shape);
  return decodeCheckpoint(c as Checkpoint);
}

/**
 * JSON keeps finite doubles exactly but turns NaN and ±Infinity into null and −0 into 0; encoding
 * them as strings keeps a resumed run bit-identical. Stepper states encode their own numbers.
 */
export function encodeCheckpoint(c: Checkpoint): Checkpoint {
  return mapNumbers(c, encodeNumber) as Checkpoint;
}

/** Inverse of encodeCheckpoint; a JSON round trip in between changes nothing. */
export function decodeCheckpoint(c: Checkpoint): Checkpoint {
  return mapNumbers(c, (v) => decodeNumber(v, 'options.resume')) as Checkpoint;
}

/**
 * A run's history as its checkpoints hold it, each row encoded once: a run that checkpoints every
 * n rounds would otherwise encode its whole history again each time (quadratic in the rounds).
 *
 * @example
 * const encoder = new HistoryEncoder();
 * encoder.encode(log); // the encoded rows; the next call encodes only rows added since
 */
export class HistoryEncoder {
  private readonly rows: RoundRecord[] = [];

  /** `history`: the log, or the rows already built from it (at the end of a run). */
  encode(history: HistoryLog | readonly RoundRecord[]): RoundRecord[] {
    const row = Array.isArray(history) ? (i: number) => (history as readonly RoundRecord[])[i] : (i: number) => (history as HistoryLog).row(i);
    for (let i = this.rows.length; i < history.length; i++) this.rows.push(encodeRound(row(i)));
    return this.rows.slice(0, history.length);
  }
}

/** encodeNumber over one history row: its shape is known, so it skips mapNumbers' generic walk. */
function encodeRound(r: RoundRecord): RoundRecord {
  const walkers = new Array<RoundRecord['walkers'][number]>(r.walkers.length);
  for (let i = 0; i < walkers.length; i++) walkers[i] = encodeFlat(r.walkers[i]);
  return { ...encodeFlat(r), verdicts: encodeFlat(r.verdicts), walkers };
}

/** A copy of an object of scalars with its numbers encoded (other values are kept as they are). */
function encodeFlat<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const v: unknown = o[k];
    out[k] = typeof v === 'number' ? encodeNumber(v) : v;
  }
  return out as T;
}

function mapNumbers(value: unknown, f: (v: never) => unknown, key = ''): unknown {
  if (key === 'stepper') return value;
  if (typeof value === 'number' || value === 'NaN' || value === 'Infinity' || value === '-Infinity' || value === '-0') {
    return f(value as never);
  }
  if (Array.isArray(value)) return value.map((v) => mapNumbers(v, f));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapNumbers(v, f, k);
    return out;
  }
  return value;
}
