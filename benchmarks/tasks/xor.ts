/** Shared data and network of the two XOR tasks. */
import type { Activation } from '../../src/index.js';

export const XOR_INPUTS = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

/** The 2-2-1 network with every parameter drawn from U[−1, 1]. */
export function xorNetwork(activation: Activation) {
  return { type: 'mlp' as const, layers: [2, 2, 1], activation, init: { type: 'uniform' as const, low: -1, high: 1 } };
}
