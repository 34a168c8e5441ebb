/** The built-in deep linear network f(x) = W_L⋯W_1·x: no biases, identity activations. */
import type { InitSpec } from '../types.js';
import { DenseNetwork } from './dense-network.js';
import * as v from 'valibot';
import { parseOrThrow } from '../validation.js';
import { INIT, LAYERS, modelSpec } from './validate.js';

const DEEP_LINEAR_SPEC = modelSpec({ layers: LAYERS, init: v.optional(INIT, 'glorot') });

export interface DeepLinearOptions {
  /** Widths [dx, h1, …, dy]. */
  layers: number[];
  /** @default 'glorot' */
  init?: InitSpec;
}

/**
 * Builds a deep linear network. θ layout: W_1, …, W_L, each out×in, row-major.
 * Throws INVALID_INPUT (naming `${field}.layers` etc.) on a bad spec.
 *
 * @example
 * const net = createDeepLinear({ layers: [3, 4, 2] });
 * net.parameterCount; // 20 = 3·4 + 4·2
 */
export function createDeepLinear(options: DeepLinearOptions, field = 'model'): DenseNetwork {
  const spec = parseOrThrow(DEEP_LINEAR_SPEC, options, field);
  return new DenseNetwork({ layers: spec.layers, activation: 'identity', bias: false, init: spec.init });
}
