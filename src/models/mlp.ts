/** The built-in multilayer perceptron: dense layers with biases, one hidden activation, linear output. */
import type { Activation, InitSpec } from '../types.js';
import { DenseNetwork } from './dense-network.js';
import * as v from 'valibot';
import { parseOrThrow } from '../validation.js';
import { ACTIVATION, INIT, LAYERS, modelSpec } from './validate.js';

const MLP_SPEC = modelSpec({ layers: LAYERS, activation: v.optional(ACTIVATION, 'tanh'), init: v.optional(INIT, 'glorot') });

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
  const spec = parseOrThrow(MLP_SPEC, options, field);
  return new DenseNetwork({ layers: spec.layers, activation: spec.activation, bias: true, init: spec.init });
}
