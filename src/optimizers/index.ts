/**
 * Local optimizers: steppers that update z in place and hand back their state as plain JSON.
 */
export type { LeastSquares, LocalMethod, Stepper, StepperState } from './stepper.js';
export { isLeastSquares } from './stepper.js';
export {
  LOCAL_METHODS,
  MAX_DAMPING,
  MIN_DAMPING,
  resolveLocalOptions,
  type LocalOptions,
  type ResolvedLocalOptions,
} from './options.js';
export { createStepper } from './create.js';
export { GradientDescent } from './gd.js';
export { Nesterov } from './nesterov.js';
export { Adam } from './adam.js';
export { LBFGS } from './lbfgs.js';
export { LevenbergMarquardt } from './levenberg-marquardt.js';
export type { JsonNumber } from './state.js';
export { projectInto, projectedGradient, insideBounds, extendBounds, type StepperBounds } from './bounds.js';
