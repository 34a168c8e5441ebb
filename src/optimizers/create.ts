/**
 * Builds the stepper `options.local` asks for.
 */
import { Adam } from './adam.js';
import { GradientDescent } from './gd.js';
import { LBFGS } from './lbfgs.js';
import { LevenbergMarquardt } from './levenberg-marquardt.js';
import { Nesterov } from './nesterov.js';
import type { StepperBounds } from './bounds.js';
import { resolveLocalOptions, type LocalOptions } from './options.js';
import type { Stepper } from './stepper.js';

/**
 * Validates `options` (see `resolveLocalOptions`; the default method is 'lbfgs') and returns a fresh
 * stepper for vectors of length `dimension`. With `bounds` (see optimizers/bounds.ts), gd, nesterov
 * and adam keep z in the box themselves; lbfgs and levenberg-marquardt do not yet (their
 * `stepper.bounds` stays null), and walker rounds clip z after each of their steps.
 *
 * @example
 * const stepper = createStepper(theta.length, { method: 'lbfgs', history: 5 });
 * const evaluations = stepper.step(objective, theta);
 */
export function createStepper(dimension: number, options: LocalOptions = {}, field = 'options.local', bounds: StepperBounds | null = null): Stepper {
  const o = resolveLocalOptions(options, field);
  switch (o.method) {
    case 'gd':
      return new GradientDescent(dimension, o, bounds);
    case 'nesterov':
      return new Nesterov(dimension, o, bounds);
    case 'adam':
      return new Adam(dimension, o, bounds);
    case 'lbfgs':
      // lbfgs.ts is being rewritten (strong-Wolfe line search); it adopts bounds by taking them as
      // its third constructor argument and exposing them as `bounds` (see optimizers/bounds.ts).
      return new LBFGS(dimension, o);
    case 'levenberg-marquardt':
      return new LevenbergMarquardt(dimension, o);
  }
}
