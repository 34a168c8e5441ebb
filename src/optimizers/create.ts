/**
 * Builds the stepper `options.local` asks for.
 */
import { Adam } from './adam.js';
import { GradientDescent } from './gd.js';
import { LBFGS } from './lbfgs.js';
import { LevenbergMarquardt } from './levenberg-marquardt.js';
import { Nesterov } from './nesterov.js';
import { resolveLocalOptions, type LocalOptions } from './options.js';
import type { Stepper } from './stepper.js';

/**
 * Validates `options` (see `resolveLocalOptions`; the default method is 'lbfgs') and returns a fresh
 * stepper for vectors of length `dimension`.
 *
 * @example
 * const stepper = createStepper(theta.length, { method: 'lbfgs', history: 5 });
 * const evaluations = stepper.step(objective, theta);
 */
export function createStepper(dimension: number, options: LocalOptions = {}, field = 'options.local'): Stepper {
  const o = resolveLocalOptions(options, field);
  switch (o.method) {
    case 'gd':
      return new GradientDescent(dimension, o);
    case 'nesterov':
      return new Nesterov(dimension, o);
    case 'adam':
      return new Adam(dimension, o);
    case 'lbfgs':
      return new LBFGS(dimension, o);
    case 'levenberg-marquardt':
      return new LevenbergMarquardt(dimension, o);
  }
}
