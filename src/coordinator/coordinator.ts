/**
 * The coordinator: synchronous rounds over the population of walkers. Every walker's state goes out,
 * every state comes back, then decisions (verdicts, hops, the best point, stopping) are taken in
 * walker order — so the result depends on the seed alone, never on the thread count or timing.
 */
import type { AugmentedObjective } from '../augment/augmented.js';
import { NoBadMinimaError } from '../errors.js';
import type { Executor } from '../executor/executor.js';
import { concludeTrial, proposeTheta } from '../hopping/basin-hopping.js';
import { judge } from '../monitor/divergence.js';
import { HOPPING_DEFAULTS } from '../options.js';
import type { HoppingOptions, OptimizeOptions, ResolvedOptions, Verdict } from '../options.js';
import type { PreparedProblem } from '../problem/types.js';
import type { RoundResult, RoundTask } from '../walker/round.js';
import type { BestPoint, Checkpoint } from './checkpoint.js';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, encodeCheckpoint } from './checkpoint.js';
import type { OptimizeResult, RoundRecord, StopReason, WalkerRecord } from './result.js';
import { emptyVerdicts, explain, walkerRecord } from './result.js';
import type { Walker } from './walker.js';
import { beginSearch, createWalker, restoreWalker, snapshotWalker } from './walker.js';

/** Rounds in a row in which every walker faulted before the run gives up. */
const MAX_ALL_FAULT_ROUNDS = 3;

export interface CoordinatorInput {
  prepared: PreparedProblem;
  /** L̃ on the calling thread: draws starting points and splits z. */
  objective: AugmentedObjective;
  options: ResolvedOptions;
  callbacks: Pick<OptimizeOptions, 'signal' | 'onProgress' | 'onCheckpoint' | 'onHop'>;
  optionsHash: string;
  resume: Checkpoint | null;
  executor: Executor;
}

export async function coordinate(input: CoordinatorInput): Promise<OptimizeResult> {
  const { prepared, objective: obj, options: o, callbacks, executor } = input;
  const started = Date.now();
  const r = input.resume;
  const elapsedBefore = r ? r.elapsedMs : 0;
  const { auxScale, stepSize } = o.hopping || HOPPING_DEFAULTS;

  const walkers: Walker[] = r
    ? r.walkers.map((s) => restoreWalker(s, o.seed))
    : Array.from({ length: o.walkers }, (_, i) => createWalker(i, o.seed, obj, auxScale, stepSize));
  let round = r ? r.round : 0;
  const roundAtStart = round;
  let evaluations = r ? r.evaluations : 0;
  let hops = r ? r.hops : 0;
  let divergences = r ? r.divergences : 0;
  const faults = r ? { ...r.faults } : { numerical: 0, worker: 0 };
  let certified = r ? r.certified : false;
  let best: BestPoint | null = r ? r.best : null;
  const history: RoundRecord[] = r ? r.history.slice() : [];
  let allFaultRounds = r ? r.allFaultRounds : 0;

  const stop = new Int32Array(new SharedArrayBuffer(4));
  const onAbort = () => Atomics.store(stop, 0, 1);
  callbacks.signal?.addEventListener('abort', onAbort);
  const remainingMs = o.timeLimitMs - elapsedBefore;
  const timer = Number.isFinite(remainingMs) ? setTimeout(onAbort, Math.max(0, remainingMs)) : null;
  const elapsed = () => elapsedBefore + (Date.now() - started);

  const checkpoint = (): Checkpoint => encodeCheckpoint({
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    problemId: prepared.id,
    optionsHash: input.optionsHash,
    round,
    evaluations,
    hops,
    divergences,
    faults: { ...faults },
    allFaultRounds,
    certified,
    elapsedMs: elapsed(),
    best,
    walkers: walkers.map(snapshotWalker),
    history: history.slice(),
  })

  const finish = (stopReason: StopReason): OptimizeResult => {
    const z = best ? Float64Array.from(best.z) : walkers[0].z.slice();
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
      faults: { ...faults },
      elapsedMs: elapsed(),
      history,
    };
    const state = checkpoint();
    callbacks.onCheckpoint?.(state);
    return { ...core, message: explain(core), checkpoint: state };
  };

  /** A fresh start for a walker whose round faulted: new θ₀ and auxiliary from its own stream. */
  const resetWalker = (w: Walker) => {
    obj.init(w.stream.next, w.z, auxScale);
    beginSearch(w, round);
  };

  /**
   * Ends the walker's local search at L(θ) = loss (Metropolis against its last accepted minimum)
   * and starts the next one from a displaced or fresh θ, a fresh auxiliary and a reset stepper.
   */
  const hop = (w: Walker, loss: number, h: Required<HoppingOptions>) => {
    const theta = obj.split(w.z).theta;
    concludeTrial(w.hop, theta, loss, w.stream.next, h);
    // A restart draws θ₀ (into the view `theta`) as a fresh walker would.
    proposeTheta(w.hop, theta, w.stream.next, h, (rng) => obj.init(rng, w.z, auxScale));
    obj.resetAux(w.stream.next, w.z, h.auxScale);
    w.hops += 1;
    beginSearch(w, round);
  };

  try {
    for (;;) {
      const reason = limitReached();
      if (reason) return finish(reason);

      const budget = roundBudget(o, evaluations);
      if (budget < 1) return finish('max-evaluations');
      // Tasks carry copies: a walker's own z and stepper state stay put until its result is in,
      // so a failed round can be retried from them.
      const task = (i: number): RoundTask => ({
        problem: prepared,
        augmentation: o.augmentation,
        lambda: o.lambda,
        local: o.local,
        budget,
        targetLoss: o.targetLoss,
        z: walkers[i].z.slice(),
        stepper: walkers[i].stepper,
        stop,
        deadline: started + remainingMs,
      });
      const outcomes = await executor.run(walkers.map((_, i) => task(i)));
      const failed = outcomes.flatMap((out, i) => (out.status === 'rejected' ? [i] : []));
      if (failed.length > 0) {
        faults.worker += failed.length;
        // One retry from the same state: a thread that died is replaced by the pool.
        const retried = await executor.run(failed.map(task));
        failed.forEach((i, j) => (outcomes[i] = retried[j]));
        faults.worker += retried.filter((out) => out.status === 'rejected').length;
      }

      round += 1;
      const verdicts = emptyVerdicts();
      const records: WalkerRecord[] = [];
      let faultedWalkers = 0;
      let interrupted = false;
      for (let i = 0; i < walkers.length; i++) {
        const w = walkers[i];
        const out = outcomes[i];
        if (out.status === 'rejected' || out.value.fault !== null) {
          if (out.status === 'fulfilled') {
            faults.numerical += 1;
            evaluations += out.value.evaluations;
          }
          faultedWalkers += 1;
          records.push(faultRecord(i));
          resetWalker(w);
          continue;
        }
        const res: RoundResult = out.value;
        interrupted ||= res.interrupted;
        w.z = res.z;
        w.stepper = res.stepper;
        evaluations += res.evaluations;
        w.searchEvaluations += res.evaluations;
        const stats = res.stats!;
        w.lastStats = stats;
        const j = judge(stats, w.monitor, o.monitor, o.augmentation);
        // On a tie the certified point wins: it is the one whose auxiliary is switched off.
        if (best === null || stats.loss < best.loss || (j.certified && stats.loss <= best.loss)) {
          best = { z: Array.from(w.z), loss: stats.loss, augmentedLoss: stats.augmentedLoss };
        }

        w.lastVerdict = j.verdict;
        verdicts[j.verdict] += 1;
        if (j.newDivergence) divergences += 1;
        if (j.certified) certified = true;
        const hopNow = j.hop && o.hopping !== false && !(o.targetLoss > -Infinity && stats.loss <= o.targetLoss);
        records.push(walkerRecord(i, stats, j.verdict, hopNow, w.searchEvaluations));
        if (hopNow && o.hopping !== false) {
          callbacks.onHop?.({
            round,
            walker: i,
            verdict: j.verdict,
            searchStartRound: w.searchStartRound,
            searchEvaluations: w.searchEvaluations,
            z: w.z.slice(),
            stepper: structuredClone(w.stepper),
            loss: stats.loss,
            augmentedLoss: stats.augmentedLoss,
          });
          hop(w, stats.loss, o.hopping);
          hops += 1;
        }
      }
      allFaultRounds = faultedWalkers === walkers.length ? allFaultRounds + 1 : 0;
      const bestLoss = best ? best.loss : NaN;
      history.push({ round, evaluations, bestLoss, verdicts, hops, walkers: records });

      if (allFaultRounds >= MAX_ALL_FAULT_ROUNDS) {
        const partial = finish('aborted');
        throw new NoBadMinimaError(
          'ALL_WALKERS_FAULTED',
          `every walker faulted in ${MAX_ALL_FAULT_ROUNDS} rounds in a row (${faults.numerical} numerical, ${faults.worker} worker faults); the best result so far is in error.details.best`,
          undefined,
          { best: partial },
        );
      }
      if (callbacks.onProgress) {
        const goOn = callbacks.onProgress({ round, evaluations, bestLoss, verdicts: { ...verdicts }, hops, elapsedMs: elapsed() });
        if (goOn === false) return finish('callback');
      }
      if (callbacks.onCheckpoint && round % o.checkpointEvery === 0) callbacks.onCheckpoint(checkpoint());
      if (best !== null && best.loss <= o.targetLoss) return finish('target');
      if (certified && o.stopWhenCertified) return finish('certified');
      if (interrupted) {
        const reason = limitReached();
        if (reason) return finish(reason);
      }
    }
  } finally {
    if (timer !== null) clearTimeout(timer);
    callbacks.signal?.removeEventListener('abort', onAbort);
  }

  function limitReached(): StopReason | null {
    if (callbacks.signal?.aborted) return 'aborted';
    // At least one round runs before the time limit can stop the run (the deadline cuts that round
    // short), so that a result always has a best point.
    if (round > roundAtStart && elapsed() >= o.timeLimitMs) return 'time-limit';
    if (evaluations >= o.maxEvaluations) return 'max-evaluations';
    if (round >= o.maxRounds) return 'max-rounds';
    return null;
  }
}

/**
 * Evaluations each walker may spend on steps this round: K, or an equal share of what is left of
 * maxEvaluations (each round also spends one evaluation per walker on its end statistics).
 */
function roundBudget(o: ResolvedOptions, evaluations: number): number {
  const K = o.local.stepsPerRound;
  if (!Number.isFinite(o.maxEvaluations)) return K;
  const share = Math.floor((o.maxEvaluations - evaluations) / o.walkers) - 1;
  return Math.min(K, share);
}

function faultRecord(walker: number): WalkerRecord {
  return {
    walker,
    verdict: 'fault',
    loss: NaN,
    augmentedLoss: NaN,
    aNorm: NaN,
    auxNorm: NaN,
    auxOutput: NaN,
    residual: NaN,
    gradNorm: NaN,
    hopped: false,
    searchEvaluations: 0,
  };
}

export type { Verdict };
