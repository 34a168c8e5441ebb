/**
 * A chunk of the Safran–Shamir plain-GD protocol (benchmarks/reference), run as a suite job so
 * that the reproduction of the published spurious rates is part of every full report.
 */
import { runSafranShamirGd } from '../reference/safran-shamir-protocol.js';

/** The seed prefix of benchmarks/reference/safran-shamir-gd.ts, so both give the same runs. */
export const REFERENCE_SEED = 'safran-shamir';

export interface ReferenceRunSpec {
  k: number;
  /** Runs first … first + count − 1. */
  first: number;
  count: number;
}

export interface ReferenceRunOutcome {
  k: number;
  runs: number;
  spurious: number;
  /** Runs the step cap stopped before ‖∇F‖ ≤ 1e-9. */
  unconverged: number;
  steps: number[];
}

export function runReferenceChunk(spec: ReferenceRunSpec): ReferenceRunOutcome {
  const out: ReferenceRunOutcome = { k: spec.k, runs: 0, spurious: 0, unconverged: 0, steps: [] };
  for (let run = spec.first; run < spec.first + spec.count; run++) {
    const r = runSafranShamirGd(spec.k, spec.k, `${REFERENCE_SEED}/k${spec.k}/n${spec.k}/run${run}`);
    out.runs += 1;
    if (r.spurious) out.spurious += 1;
    if (!r.converged) out.unconverged += 1;
    out.steps.push(r.steps);
  }
  return out;
}
