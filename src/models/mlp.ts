/** The built-in multilayer perceptron: dense layers with biases, one hidden activation, linear output. */
import type { Activation, InitSpec } from '../types.js';
import { DenseNetwork } from './dense-network.js';
import { checkObject, validateActivation, validateInitSpec, validateLayers } from './validate.js';

export interface MlpOptions {
  /** Widths [dx, h1, …, dy]; any depth (two entries make a linear model). */
  layers: number[];
  /** Hidden-layer activation. @default 'tanh' */
  activation?: Activation;
  /** @default 'glorot' */
  init?: InitSpec;
}

/**
 * Builds an MLP. θ layout: for each layer l, W_l (out×in, row-major) then b_l (out).
 * Throws INVALID_INPUT (naming `${field}.layers` etc.) on a bad spec.
 *
 * @example
 * const mlp = createMlp({ layers: [2, 2, 1], activation: 'tanh' });
 * mlp.parameterCount; // 9 = (2·2 + 2) + (2·1 + 1)
 */
export function createMlp(options: MlpOptions, field = 'model'): DenseNetwork {
  checkObject(options, field, ['type', 'layers', 'activation', 'init']);
  return new DenseNetwork({
    layers: validateLayers(options.layers, `${field}.layers`),
    activation: validateActivation(options.activation, `${field}.activation`, 'tanh'),
    bias: true,
    init: validateInitSpec(options.init, `${field}.init`, 'glorot'),
  });
}
