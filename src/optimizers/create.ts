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
 * stepper for vectors of length `dimension`. With `bounds` (see optimizers/bounds.ts), gd, nesterov,
 * adam (projected steps) and lbfgs (projected L-BFGS, as L-BFGS-B) keep z in the box themselves;
 * levenberg-marquardt does not (its `stepper.bounds` stays null), and walker rounds clip z after
 * each of its steps.
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
      return new LBFGS(dimension, o, bounds);
    case 'levenberg-marquardt':
      return new LevenbergMarquardt(dimension, o);
  }
}
