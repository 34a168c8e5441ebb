/**
 * The coordinator: a run is a sequence of rounds, and each round is taken in (best point, verdict
 * counts, hops, history, stopping) in walker order once every walker has run it. The walkers do not
 * wait for each other: each advances in batches of rounds on whichever thread is free, up to a lead
 * over the last round taken in, and what it runs past the round the run stops at is thrown away. A
 * walker's rounds depend on its own state alone, so the result depends on the seed alone, never on
 * the thread count, the batch sizes or the timing.
 */
import type { AugmentedObjective } from '../augment/augmented.js';
import { NoBadMinimaError } from '../errors.js';
import type { Executor } from '../executor/executor.js';
import { HOPPING_DEFAULTS } from '../options.js';
import type { OptimizeOptions, ResolvedOptions, Verdict } from '../options.js';
import { FACTORY_TIMEOUT_MS } from '../modules/load-module.js';
import { extendBounds } from '../optimizers/bounds.js';
import type { PreparedProblem } from '../problem/types.js';
import { resumeStream } from '../rng.js';
import type { WalkerContext } from '../walker/advance.js';
import { faultRecord, resetWalker, roundBudget } from '../walker/advance.js';
import type { BatchResult, BatchTask } from '../walker/batch.js';
import { fatalError, runBatch } from '../walker/batch.js';
import { packRecords, RecordView } from '../walker/packed-records.js';
import { createControl, HALT, STOP_ROUND } from '../walker/round.js';
import type { WalkerState } from '../walker/state.js';
import { cloneWalker, createWalker, decodeVector, restoreWalker, snapshotWalker } from '../walker/state.js';
import { encodeArray } from '../optimizers/state.js';
import type { BestPoint, Checkpoint } from './checkpoint.js';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, encodeCheckpoint, HistoryEncoder } from './checkpoint.js';
import { HistoryLog } from './history-log.js';
import { seal } from './resume-check.js';
import { copyFaults, describeFaultCauses, noteNumericalFault, noteWorkerFault, restoreFaults } from './fault-details.js';
import type { Faults } from './fault-details.js';
import { Lane } from './lane.js';
import { Pace } from './pace.js';
import { batchTimeoutMs, HALT_GRACE_MS } from './watchdog.js';
import type { Pacing } from './pace.js';
import type { OptimizeResult, RoundRecord, StopReason } from './result.js';
import { emptyVerdicts, explain } from './result.js';

/** Rounds in a row in which every walker faulted before the run gives up. */
const MAX_ALL_FAULT_ROUNDS = 3;

export interface CoordinatorInput {
  prepared: PreparedProblem;
  /** L̃ on the calling thread: draws starting points and resets walkers after worker faults. */
  objective: AugmentedObjective;
  options: ResolvedOptions;
  callbacks: Pick<OptimizeOptions, 'signal' | 'onProgress' | 'onCheckpoint' | 'onHop'>;
  optionsHash: string;
  resume: Checkpoint | null;
  executor: Executor;
  /** Batch sizes; by default a Pace for the executor. */
  pace?: Pacing;
  /** Each walker's start θ (options.x0), or null for random starts. */
  start?: readonly Float64Array[] | null;
  /** Said once in the result's message and warnings. */
  warnings?: readonly string[];
}

/** A batch coming back: its result, or the reason it was lost with its thread. */
type Completion = { lane: Lane; result: BatchResult } | { lane: Lane; lost: unknown };

class AllWalkersFaulted extends Error {}

export async function coordinate(input: CoordinatorInput): Promise<OptimizeResult> {
  const { prepared, objective: obj, options: o, callbacks, executor } = input;
  const started = Date.now();
  const r = input.resume;
  const elapsedBefore = r ? r.elapsedMs : 0;
  const { auxScale, stepSize } = o.hopping || HOPPING_DEFAULTS;
  const context: WalkerContext = {
    augmentation: o.augmentation,
    lambda: o.lambda,
    local: o.local,
    share: Math.floor(o.maxEvaluations / o.walkers),
    targetLoss: o.targetLoss,
    stopWhenCertified: o.stopWhenCertified,
    monitor: o.monitor,
    hopping: o.hopping,
    auxScale,
    dormant: o.augmentation !== 'none' && o.auxiliary === 'dormant',
    reportHops: callbacks.onHop !== undefined,
    bounds: prepared.bounds === null ? null : extendBounds(prepared.bounds, obj.dimension),
    evaluationCost: prepared.kind === 'objective' ? prepared.evaluationCost : 1,
  };

  const lanes = (
    r
      ? r.walkers.map((s) => restoreWalker(s, r.round, r.evaluations, o.walkers))
      : Array.from({ length: o.walkers }, (_, i) => createWalker(i, o.seed, obj, auxScale, stepSize, context.dormant, input.start?.[i] ?? null))
  ).map((w) => new Lane(w));
  /** Evaluations each walker has spent up to the last round taken in. */
  const spent = lanes.map((l) => l.frontier.evaluations);
  let round = r ? r.round : 0;
  const roundAtStart = round;
  let evaluations = r ? r.evaluations : 0;
  let hops = r ? r.hops : 0;
  let divergences = r ? r.divergences : 0;
  let stepRetries = r ? (r.stepRetries ?? 0) : 0;
  const faults: Faults = r ? restoreFaults(r.faults) : { numerical: 0, worker: 0, details: [] };
  let certified = r ? r.certified : false;
  // z stays a Float64Array until a checkpoint needs it as JSON: the best point changes on most
  // rounds while the walkers descend.
  let best: (Omit<BestPoint, 'z'> & { z: Float64Array }) | null = r && r.best ? { ...r.best, z: decodeVector(r.best.z) } : null;
  const log = r ? HistoryLog.fromRecords(o.walkers, r.history) : new HistoryLog(o.walkers);
  let lastVerdicts = emptyVerdicts();
  let allFaultRounds = r ? r.allFaultRounds : 0;

  const control = createControl();
  /** Set once the batches out after a stop have overrun HALT_GRACE_MS and were aborted. */
  let forced = false;
  let graceTimer: ReturnType<typeof setTimeout> | null = null;
  let wake: (() => void) | null = null;
  /** Stops every batch; those still out after HALT_GRACE_MS are aborted (and counted as faults). */
  const halt = () => {
    Atomics.store(control, HALT, 1);
    if (graceTimer !== null) return;
    graceTimer = setTimeout(() => {
      // A time limit lets the first round finish (see limitReached): the walkers' first batches,
      // which may still be starting their threads, keep their own (generous) watchdogs.
      if (!callbacks.signal?.aborted && round === roundAtStart && elapsed() >= o.timeLimitMs) {
        graceTimer = null;
        return;
      }
      forced = true;
      abortOutstanding();
      wake?.();
    }, HALT_GRACE_MS);
  };
  /** Gives up on every batch still out, each a worker fault. */
  const abortOutstanding = () => {
    for (const lane of lanes) {
      if (lane.inFlight === null || lane.abort === null || lane.abort.signal.aborted) continue;
      const why = `the batch did not stop within HALT_GRACE_MS (${HALT_GRACE_MS} ms) of the run stopping`;
      noteWorkerFault(faults, lane.index, lane.frontier.round + 1, why);
      lane.abort.abort(new Error(why));
    }
  };
  const onAbort = halt;
  callbacks.signal?.addEventListener('abort', onAbort);
  const remainingMs = o.timeLimitMs - elapsedBefore;
  const timer = Number.isFinite(remainingMs) ? setTimeout(onAbort, Math.max(0, remainingMs)) : null;
  const deadline = started + remainingMs;
  const elapsed = () => elapsedBefore + (Date.now() - started);
  const pace = input.pace ?? new Pace(() => executor.remote);

  const completions: Completion[] = [];
  const send = (lane: Lane, rounds: number) => {
    const task: BatchTask = { problem: prepared, context, walker: cloneWalker(lane.frontier), rounds, control, deadline };
    const abort = new AbortController();
    lane.abort = abort;
    // In-process a batch cannot be preempted; it stops at HALT or the deadline, which it polls.
    // Queued batches (BullMQ) may wait for a host for any time: only the stop's grace applies.
    if (executor.remote && executor.queued !== true) {
      lane.watchdog = setTimeout(() => abort.abort(new Error('the batch overran its watchdog')), batchTimeoutMs(lane.slowestBatchMs, FACTORY_TIMEOUT_MS));
    }
    const settled = () => {
      if (lane.watchdog !== null) clearTimeout(lane.watchdog);
      lane.watchdog = null;
    };
    lane.inFlight = executor.run(task, { signal: abort.signal }).then(
      (result) => {
        settled();
        completions.push({ lane, result });
      },
      (lost: unknown) => {
        settled();
        completions.push({ lane, lost });
      },
    ).then(() => wake?.());
  };

  /** Sends a batch to every walker that may run on. */
  const dispatch = () => {
    const halted = Atomics.load(control, HALT) !== 0;
    const stopRound = Atomics.load(control, STOP_ROUND);
    for (const lane of lanes) {
      const w = lane.frontier;
      if (lane.inFlight !== null || w.round >= o.maxRounds || w.round >= stopRound || roundBudget(w, context) < 1) continue;
      // Once halted, only the walkers the next round still waits for run (and are cut short at once).
      if (w.round >= round + pace.lead || (halted && w.round > round)) continue;
      let rounds = Math.min(pace.rounds, round + pace.lead - w.round, o.maxRounds - w.round);
      // Batches end at checkpoint rounds, where every walker's state is then at hand.
      if (callbacks.onCheckpoint) rounds = Math.min(rounds, o.checkpointEvery - (w.round % o.checkpointEvery));
      send(lane, rounds);
    }
  };

  /** Takes a finished batch in: its rounds join the walker's lane; a throw is retried once. */
  const receive = (c: Completion) => {
    const { lane } = c;
    lane.inFlight = null;
    const ran = 'result' in c ? c.result.records.count : 0;
    // The executor's service is gone (Redis, for the BullMQ executor): no batch can run any more.
    if ('lost' in c && c.lost instanceof NoBadMinimaError && c.lost.code === 'EXECUTOR_UNAVAILABLE') throw c.lost;
    // The problem is wrong for every walker (a gradient never written, say): the run stops here.
    const fatal = 'result' in c ? fatalError(c.result.error) : null;
    if (fatal !== null) throw fatal;
    if ('result' in c) {
      // A remote worker lost with the batch (killed mid-job), the batch run again elsewhere.
      faults.worker += c.result.restarts ?? 0;
      pace.observe(c.result);
      lane.slowestBatchMs = Math.max(lane.slowestBatchMs ?? 0, c.result.computeMs);
      lane.append(c.result.records, c.result.walker);
    }
    if ('result' in c && c.result.error === null) {
      lane.failures = 0;
      return;
    }
    // The round after the frontier is the one that threw or was lost.
    noteWorkerFault(faults, lane.index, lane.frontier.round + 1, 'result' in c ? c.result.error!.message : lostMessage(c.lost));
    // Lost after the run stopped (its watchdog): the run ends at the last round taken in.
    if (!('result' in c) && Atomics.load(control, HALT) !== 0) forced = true;
    lane.failures = ran > 0 ? 1 : lane.failures + 1;
    if (lane.failures < 2) return;
    // The same round failed twice: the walker starts afresh, as after a numerical fault.
    const w = cloneWalker(lane.frontier);
    const stream = resumeStream(w.rng);
    resetWalker(w, obj, stream, context, w.round + 1);
    w.round += 1;
    w.rng = stream.state();
    lane.append(packRecords([faultRecord('worker', w.round, 0, false)], w.z.length), w);
    lane.failures = 0;
  };

  /** The walkers' states at the last round taken in, replaying where a batch ran past it. */
  const statesNow = async (): Promise<WalkerState[]> =>
    Promise.all(
      lanes.map(async (lane) => {
        const at = lane.stateAt(round);
        if ('state' in at) return at.state;
        const task = (): BatchTask => ({ problem: prepared, context, walker: cloneWalker(at.from), rounds: at.rounds, control: createControl(), deadline: Infinity });
        // On the pool, so that the walkers replay side by side; here if the thread is lost.
        const replay = await executor.run(task()).catch(() => runBatch(task()));
        if (replay.error !== null || replay.walker.round !== round) {
          throw new Error(`coordinator: replaying walker ${lane.index} to round ${round} failed (${replay.error?.message ?? `reached round ${replay.walker.round}`})`);
        }
        return replay.walker;
      }),
    );

  const historyEncoder = new HistoryEncoder();
  /** `rows`: the history already built from the log, where the caller has it. */
  const checkpoint = (walkers: WalkerState[], rows?: readonly RoundRecord[]): Checkpoint => seal({
    ...encodeCheckpoint({
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      problemId: prepared.id,
      optionsHash: input.optionsHash,
      round,
      evaluations,
      hops,
      divergences,
      stepRetries,
      faults: copyFaults(faults),
      allFaultRounds,
      certified,
      elapsedMs: elapsed(),
      best: best && { ...best, z: encodeArray(best.z) },
      walkers: walkers.map(snapshotWalker),
      history: [],
    }),
    history: historyEncoder.encode(rows ?? log),
  });

  /** Why a run whose batches were given up on (forced) stopped: the signal, or else the time limit. */
  const forcedStopReason = (): StopReason => (callbacks.signal?.aborted || elapsed() < o.timeLimitMs ? 'aborted' : 'time-limit');

  /** Stops every batch still running and waits for them (or aborts them after HALT_GRACE_MS). */
  const drain = async () => {
    halt();
    if (forced) abortOutstanding();
    await Promise.all(lanes.map((l) => l.inFlight));
  };

  /** Stops every batch still running, waits for them, and builds the result at the current round. */
  const finish = async (stopReason: StopReason): Promise<OptimizeResult> => {
    await drain();
    const wanted = callbacks.onCheckpoint !== undefined || o.checkpoint;
    // The walkers' states are needed for the checkpoint, or for walker 0's point when no round gave a best.
    const walkers = wanted || best === null ? await statesNow() : null;
    const z = best ? best.z.slice() : walkers![0].z.slice();
    const parts = obj.split(z);
    const core = {
      theta: parts.theta.slice(),
      loss: best ? best.loss : NaN,
      augmentedLoss: best ? best.augmentedLoss : NaN,
      aux: { a: parts.a.slice(), b: parts.b.slice(), W: parts.W.slice() },
      stopReason,
      certified,
      evaluations,
      rounds: round,
      hops,
      divergences,
      stepRetries,
      faults: copyFaults(faults),
      elapsedMs: elapsed(),
      // Set by optimize(), which knows the executor.
      threads: 0,
      history: log.records(),
    };
    const state = wanted ? checkpoint(walkers!, core.history) : undefined;
    if (state !== undefined) callbacks.onCheckpoint?.(state);
    const warnings = [...(input.warnings ?? [])];
    return { ...core, message: [explain(core), ...warnings].join(' '), warnings, checkpoint: state };
  };

  const view = new RecordView();
  /** Takes the next round in from every walker's record, in walker order. */
  const takeRound = (): void => {
    const next = round + 1;
    const verdicts = emptyVerdicts();
    let faultedWalkers = 0;
    for (const lane of lanes) {
      const i = lane.index;
      const rec = lane.record(next, view);
      evaluations += rec.evaluations;
      spent[i] += rec.evaluations;
      const fault = rec.fault;
      if (fault !== null) {
        if (fault === 'numerical') noteNumericalFault(faults, i, next, rec.faultMessage);
        faultedWalkers += 1;
        log.addFault();
        continue;
      }
      const verdict = rec.verdict as Verdict;
      const certifiedNow = rec.certified;
      const loss = rec.loss;
      // On a tie the certified point wins: it is the one whose auxiliary is switched off.
      if (rec.hasCandidate && (best === null || loss < best.loss || (certifiedNow && loss <= best.loss))) {
        best = { z: rec.candidate()!, loss, augmentedLoss: rec.augmentedLoss };
      }
      verdicts[verdict] += 1;
      if (rec.newDivergence) divergences += 1;
      stepRetries += rec.stepRetries;
      if (certifiedNow) certified = true;
      log.addWalker(verdict, rec, rec.hopped, rec.searchEvaluations);
      if (rec.hopped) {
        const hop = rec.hop;
        if (hop !== null) {
          callbacks.onHop?.({
            round: next,
            walker: i,
            verdict,
            searchStartRound: hop.searchStartRound,
            searchEvaluations: hop.searchEvaluations,
            z: hop.z,
            stepper: hop.stepper,
            loss,
            augmentedLoss: rec.augmentedLoss,
          });
        }
        hops += 1;
      }
    }
    round = next;
    for (const lane of lanes) lane.release(round);
    allFaultRounds = faultedWalkers === lanes.length ? allFaultRounds + 1 : 0;
    log.addRound(round, evaluations, best ? best.loss : NaN, verdicts, hops);
    lastVerdicts = verdicts;
    if (allFaultRounds >= MAX_ALL_FAULT_ROUNDS) throw new AllWalkersFaulted();
  };

  /** Whether the run stops after the round just taken in, and why. */
  const verdictAfterRound = async (): Promise<StopReason | null> => {
    if (callbacks.onProgress) {
      const goOn = callbacks.onProgress({ round, evaluations, bestLoss: best ? best.loss : NaN, verdicts: { ...lastVerdicts }, hops, elapsedMs: elapsed() });
      if (goOn === false) return 'callback';
    }
    if (callbacks.onCheckpoint && round % o.checkpointEvery === 0) callbacks.onCheckpoint(checkpoint(await statesNow()));
    if (best !== null && best.loss <= o.targetLoss) return 'target';
    if (certified && o.stopWhenCertified) return 'certified';
    return limitReached();
  };

  try {
    const initial = limitReached();
    if (initial) return await finish(initial);
    for (;;) {
      dispatch();
      if (lanes.every((l) => l.inFlight === null)) throw new Error('coordinator: no walker can run the next round');
      while (completions.length === 0 && !forced) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      // A batch did not stop after the run did: the run ends at the last round taken in.
      if (forced) return await finish(forcedStopReason());
      while (completions.length > 0) receive(completions.shift()!);
      if (forced) return await finish(forcedStopReason());
      // Before the rounds are taken in, which can take the main thread a millisecond or more: a
      // walker that can run on gets its next batch now, so that its thread does not idle meanwhile.
      dispatch();
      while (lanes.every((l) => l.frontier.round > round)) {
        takeRound();
        const reason = await verdictAfterRound();
        if (reason) return await finish(reason);
      }
    }
  } catch (error) {
    if (error instanceof NoBadMinimaError && error.code === 'EXECUTOR_UNAVAILABLE') {
      // The walkers' states are replayed on this thread where needed (statesNow's fallback).
      const partial = await finish('executor-unavailable');
      throw new NoBadMinimaError('EXECUTOR_UNAVAILABLE', `${error.message}; the best result so far is in error.details.best`, error.field, { ...error.details, best: partial });
    }
    if (!(error instanceof AllWalkersFaulted)) {
      await drain();
      throw error;
    }
    const partial = await finish('faulted');
    throw new NoBadMinimaError(
      'ALL_WALKERS_FAULTED',
      `every walker faulted in ${MAX_ALL_FAULT_ROUNDS} rounds in a row (${faults.numerical} numerical, ${faults.worker} worker faults)` +
        `${faults.details.length > 0 ? `; ${describeFaultCauses(faults)}` : ''}; the best result so far is in error.details.best. ${whatToTry(faults, o)}`,
      undefined,
      { best: partial },
    );
  } finally {
    if (timer !== null) clearTimeout(timer);
    if (graceTimer !== null) clearTimeout(graceTimer);
    for (const lane of lanes) if (lane.watchdog !== null) clearTimeout(lane.watchdog);
    callbacks.signal?.removeEventListener('abort', onAbort);
  }

  function limitReached(): StopReason | null {
    if (callbacks.signal?.aborted) return 'aborted';
    // At least one round runs before the time limit can stop the run (the deadline cuts that round
    // short), so that a result always has a best point.
    if (round > roundAtStart && elapsed() >= o.timeLimitMs) return 'time-limit';
    if (evaluations >= o.maxEvaluations) return 'max-evaluations';
    if (round >= o.maxRounds) return 'max-rounds';
    // A walker that cannot afford another round ends the run: its share of the budget is spent.
    if (lanes.some((l) => Math.min(o.local.stepsPerRound, context.share - spent[l.index] - 1) < 1)) return 'max-evaluations';
    return null;
  }
}

/** Steps whose length is the learning rate, which blow up when it is too large for the problem. */
const FIXED_STEP_METHODS: ReadonlySet<string> = new Set(['gd', 'nesterov', 'adam']);

/**
 * ALL_WALKERS_FAULTED's advice, from what faulted: numerical faults under a fixed-step method are
 * most often steps that overshot, numerical faults otherwise a non-finite L or ∇L where the walkers
 * start, and worker faults the user's code throwing.
 *
 * @example
 * whatToTry({ numerical: 12, worker: 0, details: [] }, o); // with o.local = { method: 'gd', learningRate: 0.01, … }
 * // "Try a smaller options.local.learningRate (it is 0.01 for method 'gd'), or the default method, 'lbfgs', whose line search needs none."
 */
function whatToTry(faults: Faults, o: ResolvedOptions): string {
  const tips: string[] = [];
  if (faults.numerical > 0) {
    const { method, learningRate } = o.local;
    tips.push(
      FIXED_STEP_METHODS.has(method)
        ? `Try a smaller options.local.learningRate (it is ${learningRate} for method '${method}'), or the default method, 'lbfgs', whose line search needs none; if L(θ) itself is not finite where the walkers start, check it there (its init, the bounds or options.x0).`
        : 'Check that L(θ) and its gradient are finite where the walkers start and around (the objective\'s or model\'s init, the bounds or options.x0).',
    );
  }
  if (faults.worker > 0) tips.push('Fix the user code that threw, as quoted above.');
  return tips.join(' ');
}

/** Why a batch was lost with its thread, as the executor's rejection says. */
function lostMessage(lost: unknown): string {
  const text = lost instanceof Error ? lost.message : String(lost);
  return `the thread running the batch was lost: ${text}`;
}

export type { Verdict };
