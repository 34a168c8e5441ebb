/** A 3-class Gaussian mixture that is linearly separable: cross-entropy can be driven towards 0. */
import type { BenchTask } from './types.js';
import { normalStream } from './random.js';

const PER_CLASS = 50;
const RADIUS = 3;
const SPREAD = 0.5;
const DATA_SEED = 'gaussian-mixture-3class/data/v1';

/**
 * 50 points per class around centres at angles 0°, 120°, 240° on a circle of radius 3, σ = 0.5.
 * The centres are 5.2 apart, over 10σ, so the classes are separable (checked in the tests).
 */
export function gaussianMixtureData(): { x: number[][]; y: number[] } {
  const randn = normalStream(DATA_SEED);
  const x: number[][] = [];
  const y: number[] = [];
  for (let c = 0; c < 3; c++) {
    const angle = (2 * Math.PI * c) / 3;
    for (let i = 0; i < PER_CLASS; i++) {
      x.push([RADIUS * Math.cos(angle) + SPREAD * randn(), RADIUS * Math.sin(angle) + SPREAD * randn()]);
      y.push(c);
    }
  }
  return { x, y };
}

export const gaussianMixture3Class: BenchTask = {
  id: 'gaussian-mixture-3class',
  title: '3-class Gaussian mixture, cross-entropy',
  description:
    `MLP 2-16-3 (tanh) with softmax cross-entropy on ${3 * PER_CLASS} points of a separable 3-class Gaussian mixture; ` +
    'the infimum 0 is approached as the margin grows.',
  initialization: 'Glorot-uniform weights, zero biases',
  hasBadMinima: false,
  problem: () => ({ model: { type: 'mlp', layers: [2, 16, 3], activation: 'tanh', init: 'glorot' }, loss: 'cross-entropy', data: gaussianMixtureData() }),
  tolerance: 1e-2,
  augmentation: 'neuron',
  quick: { seeds: 5, maxEvaluations: 100_000 },
  full: { seeds: 100, maxEvaluations: 100_000 },
  monitorScoring: { rounds: 100, quickSeeds: 1, fullSeeds: 10 },
};
