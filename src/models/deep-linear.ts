/** The built-in deep linear network f(x) = W_L⋯W_1·x: no biases, identity activations. */
import type { InitSpec } from '../types.js';
import { DenseNetwork } from './dense-network.js';
import { checkObject, validateInitSpec, validateLayers } from './validate.js';

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
  checkObject(options, field, ['type', 'layers', 'init']);
  return new DenseNetwork({
    layers: validateLayers(options.layers, `${field}.layers`),
    activation: 'identity',
    bias: false,
    init: validateInitSpec(options.init, `${field}.init`, 'glorot'),
  });
}
