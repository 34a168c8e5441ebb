import { describe, expect, it } from 'vitest';
import type { RoundStats } from '../../src/monitor/divergence.js';
import { freshMemory, judge } from '../../src/monitor/divergence.js';
import type { MonitorOptions } from '../../src/options.js';

const o: Required<MonitorOptions> = {
  thetaTolerance: 1e-3,
  lossTolerance: 1e-3,
  carryRatio: 0.5,
  minAuxOutput: 1e-3,
  minResidual: 1e-2,
  confirmRounds: 2,
  patience: 3,
  gradientTolerance: 1e-6,
  certifyTolerance: 1e-4,
};

const stats = (s: Partial<RoundStats>): RoundStats => ({
  loss: 8,
  augmentedLoss: 0.03,
  aNorm: 0.1,
  auxNorm: 2.4,
  auxOutput: 2,
  residual: 1e-3,
  gradNorm: 1e-2,
  thetaGradNorm: 1e-3,
  thetaStep: 0,
  thetaNorm: 0.2,
  stepRetries: 0,
  ...s,
});

describe('divergence monitor', () => {
  it("says 'stuck' once θ stalls while the neuron carries the fit and heads off, for confirmRounds rounds", () => {
    const memory = freshMemory();
    // First round: no previous loss to compare, so θ cannot be called stalled yet.
    expect(judge(stats({ aNorm: 0.1, auxNorm: 2.4 }), memory, o, 'neuron').verdict).toBe('descending');
    expect(judge(stats({ aNorm: 0.09, auxNorm: 2.6 }), memory, o, 'neuron')).toEqual({ verdict: 'stalled', certified: false, hop: false });
    expect(judge(stats({ aNorm: 0.08, auxNorm: 2.8 }), memory, o, 'neuron')).toEqual({ verdict: 'stuck', certified: false, hop: true, newDivergence: true });
    // Still stuck next round, but the same divergence.
    expect(judge(stats({ aNorm: 0.07, auxNorm: 3 }), memory, o, 'neuron')).toMatchObject({ verdict: 'stuck', newDivergence: false });
  });

  it('does not call a walker stuck while L(θ) still falls', () => {
    const memory = freshMemory();
    judge(stats({ loss: 8 }), memory, o, 'neuron');
    for (const [loss, aNorm] of [[7, 0.09], [6, 0.08], [5, 0.07]]) {
      expect(judge(stats({ loss, aNorm, auxNorm: 2.4 + (0.1 - aNorm) * 20 }), memory, o, 'neuron').verdict).toBe('descending');
    }
  });

  it("says 'stuck' when the neuron takes the fit over from a θ that still moves: L(θ) rises while L̃ falls", () => {
    // Momentum keeps θ moving (thetaStep far above thetaTolerance); L̃ = 0.04 is not below ½·L, yet
    // L(θ) rises round after round while L̃ falls and ‖a‖ shrinks.
    const memory = freshMemory();
    const round = (loss: number, augmentedLoss: number, aNorm: number) =>
      judge(stats({ loss, augmentedLoss, aNorm, auxNorm: 2.4, auxOutput: 0.1, thetaStep: 0.05, residual: 0.3 }), memory, o, 'neuron');
    expect(round(0.05, 0.045, 0.3).verdict).toBe('descending');
    expect(round(0.055, 0.044, 0.29).verdict).toBe('descending');
    expect(round(0.06, 0.043, 0.28)).toEqual({ verdict: 'stuck', certified: false, hop: true, newDivergence: true });

    // The same rising L(θ) with L̃ rising too is not the unit taking over.
    const both = freshMemory();
    for (const [loss, augmentedLoss] of [[0.05, 0.045], [0.055, 0.05], [0.06, 0.055]]) {
      const j = judge(stats({ loss, augmentedLoss, aNorm: 0.3, auxOutput: 0.1, thetaStep: 0.05, residual: 0.3 }), both, o, 'neuron');
      expect(j.verdict).toBe('descending');
    }
    // Nor with ‖a‖ growing: the unit is still being fitted, as early in a search.
    const growing = freshMemory();
    for (const [loss, augmentedLoss, aNorm] of [[0.05, 0.045, 0.02], [0.055, 0.044, 0.04], [0.06, 0.043, 0.08]]) {
      const j = judge(stats({ loss, augmentedLoss, aNorm, auxNorm: 2.4 + aNorm, auxOutput: 0.1, thetaStep: 0.05, residual: 0.3 }), growing, o, 'neuron');
      expect(j.verdict).toBe('descending');
    }
    // Nor does a moving θ count for the scalar unit, whose carry signal is only u off 0.
    const scalar = freshMemory();
    for (const aNorm of [0.1, 0.09, 0.08, 0.07]) {
      expect(judge(stats({ augmentedLoss: 8.1, auxOutput: 1, aNorm, auxNorm: 2.4, thetaStep: 0.05 }), scalar, o, 'scalar').verdict).toBe('descending');
    }
  });

  it("says 'stuck' when the neuron carries the fit while L(θ) circles without a new best for 'patience' rounds", () => {
    // Teacher–student seed 84, walker 0, rounds 17–21 (rounded): Nesterov momentum and the unit's
    // steep exponential make L(θ), L̃ and ‖a‖ oscillate; L̃ ≈ 0.045 stays well below ½·L(θ) ≈ 0.06.
    // The round-to-round signals flip every round (L(θ) falls in some, ‖a‖ grows in others).
    const trace: Array<[number, number, number]> = [
      [0.058, 0.0564, 0.02],
      [0.085, 0.0486, 0.055],
      [0.103, 0.0458, 0.049],
      [0.1, 0.0446, 0.052],
      [0.119, 0.0446, 0.053],
      [0.116, 0.0452, 0.057],
      [0.11, 0.0461, 0.063],
    ];
    const memory = freshMemory();
    const verdicts = trace.map(([loss, augmentedLoss, aNorm]) =>
      judge(stats({ loss, augmentedLoss, aNorm, auxNorm: 2 + aNorm, auxOutput: 0.25, thetaStep: 0.05, residual: 0.3 }), memory, o, 'neuron').verdict,
    );
    // The third round already has all round-to-round signals (L(θ) rose, ‖a‖ shrank): stuckCount 1.
    // The fourth is the third without a new best (patience = 3): circling, stuckCount 2, 'stuck'.
    // Without that rule L(θ) falling in rounds 4, 6 and 7 resets the count: 'descending' throughout.
    expect(verdicts).toEqual(['descending', 'descending', 'descending', 'stuck', 'stuck', 'stuck', 'stuck']);

    // The same circling L(θ) with the unit not carrying the fit (L̃ close to L) is left alone.
    const idle = freshMemory();
    for (const [loss, , aNorm] of trace) {
      expect(judge(stats({ loss, augmentedLoss: 0.95 * loss, aNorm, auxNorm: 2 + aNorm, auxOutput: 0.25, thetaStep: 0.05, residual: 0.3 }), idle, o, 'neuron').verdict).toBe('descending');
    }
  });

  it('does not call a walker stuck when the neuron does not carry the fit (L̃ close to L)', () => {
    const memory = freshMemory();
    for (let r = 0; r < 5; r++) {
      const j = judge(stats({ augmentedLoss: 7.9, aNorm: 0.1 - r * 0.01 }), memory, o, 'neuron');
      expect(j.verdict).not.toBe('stuck');
    }
  });

  it("says 'stuck' when θ stalls where the unit still has something to fit, even if it does not run off", () => {
    // The XOR saddle: all ReLU units dead, L = 1, L̃ ≈ L, a ≈ 0, yet the residual is 3 per input.
    const saddle = stats({ loss: 1, augmentedLoss: 1, aNorm: 3e-4, auxNorm: 0.07, auxOutput: 3e-4, residual: 3 });
    const memory = freshMemory();
    expect(judge(saddle, memory, o, 'neuron').verdict).toBe('descending');
    expect(judge(saddle, memory, o, 'neuron').verdict).toBe('stalled');
    expect(judge(saddle, memory, o, 'neuron')).toEqual({ verdict: 'stuck', certified: false, hop: true, newDivergence: true });
    // Below minResidual it is only stalled.
    const near = freshMemory();
    for (let r = 0; r < 3; r++) expect(judge({ ...saddle, residual: 5e-3 }, near, o, 'neuron').verdict).not.toBe('stuck');
    // At a critical point of θ the unfit unit needs no confirmation.
    expect(judge({ ...saddle, thetaGradNorm: 1e-7 }, freshMemory(), o, 'neuron').verdict).toBe('stuck');
    expect(judge({ ...saddle, thetaGradNorm: 1e-7, residual: 5e-3 }, freshMemory(), o, 'neuron').verdict).not.toBe('stuck');
    // Without augmentation the residual is not computed and never counts.
    const plain = freshMemory();
    for (let r = 0; r < 3; r++) expect(judge(saddle, plain, o, 'none').verdict).not.toBe('stuck');
  });

  it("hops a stalled walker only after 'patience' stalled rounds", () => {
    const memory = freshMemory();
    const still = stats({ augmentedLoss: 8, auxOutput: 0 });
    expect(judge(still, memory, o, 'neuron').hop).toBe(false);
    expect(judge(still, memory, o, 'neuron')).toEqual({ verdict: 'stalled', certified: false, hop: false });
    expect(judge(still, memory, o, 'neuron').hop).toBe(false);
    expect(judge(still, memory, o, 'neuron')).toEqual({ verdict: 'stalled', certified: false, hop: true });
  });

  it('certifies a local minimum of L̃: small gradient, a ≈ 0 and the auxiliary output ≈ 0', () => {
    const certified = stats({ loss: 0, augmentedLoss: 0, gradNorm: 1e-7, aNorm: 1e-5, auxOutput: 1e-5, residual: 1e-6 });
    expect(judge(certified, freshMemory(), o, 'neuron')).toEqual({ verdict: 'converged', certified: true, hop: false });
    // The same point with the neuron still carrying an output is not a local minimum of L̃.
    expect(judge({ ...certified, auxOutput: 1 }, freshMemory(), o, 'neuron').certified).toBe(false);
    // Nor is a saddle where a = 0 and ∇L̃ ≈ 0 but the residual the unit could fit is not 0.
    expect(judge({ ...certified, residual: 3 }, freshMemory(), o, 'neuron').certified).toBe(false);
    // Without augmentation a critical point certifies nothing: it is hopped.
    expect(judge(certified, freshMemory(), o, 'none')).toEqual({ verdict: 'converged', certified: false, hop: true });
  });

  it('does not call a scalar walker at a global minimum stuck, though u stays off 0 while a decays', () => {
    // L = 1e-12: only λa² pulls on a, so ‖a‖ shrinks and u = a·e^b stays away from 0.
    const memory = freshMemory();
    const atMinimum = (aNorm: number) => stats({ loss: 1e-12, augmentedLoss: 1e-6, residual: 1e-6, auxOutput: 0.5, aNorm, gradNorm: 1e-5 });
    for (const aNorm of [0.1, 0.09, 0.08, 0.07]) expect(judge(atMinimum(aNorm), memory, o, 'scalar').verdict).not.toBe('stuck');
  });

  it('does not hop a walker with nothing left to fit while a is still decaying towards certification', () => {
    const memory = freshMemory();
    const settling = stats({ loss: 0, augmentedLoss: 1e-6, residual: 0, auxOutput: 1e-4, aNorm: 1e-3, gradNorm: 2e-3 });
    for (let r = 0; r < 8; r++) expect(judge(settling, memory, o, 'neuron')).toEqual({ verdict: 'converged', certified: false, hop: false });
  });

  it("uses u = a·e^b staying away from 0 as the scalar unit's carry signal", () => {
    const memory = freshMemory();
    // The scalar L̃ ≥ L always, so the L̃ ≤ carryRatio·L test does not apply.
    judge(stats({ augmentedLoss: 8.1, auxOutput: 1 }), memory, o, 'scalar');
    judge(stats({ augmentedLoss: 8.1, auxOutput: 1, aNorm: 0.09, auxNorm: 2.6 }), memory, o, 'scalar');
    expect(judge(stats({ augmentedLoss: 8.1, auxOutput: 1, aNorm: 0.08, auxNorm: 2.8 }), memory, o, 'scalar').verdict).toBe('stuck');
  });
});
